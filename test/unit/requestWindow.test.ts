/** Pacing by a request window: send times reserved so no more than N fall within any window. */
import { credentialWindow, reserveSendTime } from '../../nodes/shared/transport/requestWindow';

test('the first N requests go at once, each later one after the one it replaces has left the window', () => {
	const window = { key: 'unit-a', requests: 3, ms: 1000 };
	const times = [0, 0, 0, 0, 0, 0, 0].map((_, i) => reserveSendTime(window, 100 + i));
	expect(times.slice(0, 3)).toEqual([100, 101, 102]);
	// 1000 ms window + a 10 ms margin for the time a request takes to arrive.
	expect(times.slice(3)).toEqual([1110, 1111, 1112, 2120]);
	for (let i = 3; i < times.length; i++) expect(times[i] - times[i - 3]).toBeGreaterThan(1000);
});

test('a window that has emptied lets the next request go at once; windows are kept apart by key', () => {
	const window = { key: 'unit-b', requests: 2, ms: 1000 };
	reserveSendTime(window, 0);
	reserveSendTime(window, 0);
	expect(reserveSendTime(window, 5000)).toBe(5000);
	expect(reserveSendTime({ ...window, key: 'unit-c' }, 5000)).toBe(5000);
});

test('the credential sets the window; an empty field takes the documented default, 0 turns pacing off', () => {
	const defaults = { requests: 300, seconds: 300 };
	expect(credentialWindow('k', undefined, undefined, defaults)).toEqual({ key: 'k', requests: 300, ms: 300_000 });
	expect(credentialWindow('k', 100, 10, defaults)).toEqual({ key: 'k', requests: 100, ms: 10_000 });
	expect(credentialWindow('k', 0, 300, defaults)).toBeUndefined();
	expect(credentialWindow('k', 'many', 300, defaults)).toBeUndefined();
	expect(reserveSendTime({ key: 'unit-d', requests: 0, ms: 1000 }, 7)).toBe(7);
});
