/** Pacing by a request window: places taken so that no more than N requests reach the server within any window. */
import { credentialWindow, takePlace } from '../../nodes/shared/transport/requestWindow';

test('the first N requests go at once, each later one after the one it replaces has left the window', () => {
	const window = { key: 'unit-a', requests: 3, ms: 1000 };
	const places = [0, 1, 2, 3, 4, 5, 6].map((i) => takePlace(window, 100 + i));
	const times = places.map((p) => p.at);
	expect(times.slice(0, 3)).toEqual([100, 101, 102]);
	// 1000 ms window + a 10 ms margin; calls not yet finished are counted from when they were planned.
	expect(times.slice(3)).toEqual([1110, 1111, 1112, 2120]);
	for (let i = 3; i < times.length; i++) expect(times[i] - times[i - 3]).toBeGreaterThan(1000);
});

test('a call that finished later than planned holds its place in the window until then', async () => {
	const window = { key: 'unit-late', requests: 2, ms: 1000 };
	const first = takePlace(window, 0);
	const second = takePlace(window, 0);
	// The first call fetched a token and was answered at 400 ms; the second at 10 ms.
	first.finish(400);
	second.finish(10);
	const third = takePlace(window, 500);
	expect(third.at).toBe(1410);
	// Planned at 1410 from what was known; nothing left to wait once that time has come.
	await expect(third.remainingWait(1410)).resolves.toBe(0);
	const fourth = takePlace(window, 500);
	expect(fourth.at).toBe(1410);
	await expect(fourth.remainingWait(1410)).resolves.toBe(0);
	third.finish(1500);
	fourth.finish(1420);
});

test('a request waits for the call it replaces to finish, however late, and then for the window', async () => {
	const window = { key: 'unit-inflight', requests: 1, ms: 1000 };
	const first = takePlace(window, 0);
	const second = takePlace(window, 0);
	expect(second.at).toBe(1010);
	let waited: number | undefined;
	const pending = second.remainingWait(1010).then((ms) => (waited = ms));
	await Promise.resolve();
	expect(waited).toBeUndefined();
	// The first call is answered at 800 ms (long after it was planned): the second goes 1000 ms (+ margin) later.
	first.finish(800);
	await pending;
	expect(waited).toBe(800);
	second.finish(1900);
});

test('a window that has emptied lets the next request go at once; windows are kept apart by key', () => {
	const window = { key: 'unit-b', requests: 2, ms: 1000 };
	takePlace(window, 0).finish(0);
	takePlace(window, 0).finish(0);
	expect(takePlace(window, 5000).at).toBe(5000);
	expect(takePlace({ ...window, key: 'unit-c' }, 5000).at).toBe(5000);
});

test('the credential sets the window; an empty field takes the documented default, 0 turns pacing off', () => {
	const defaults = { requests: 300, seconds: 300 };
	expect(credentialWindow('k', undefined, undefined, defaults)).toEqual({
		key: 'k',
		requests: 300,
		ms: 300_000,
	});
	expect(credentialWindow('k', 100, 10, defaults)).toEqual({ key: 'k', requests: 100, ms: 10_000 });
	expect(credentialWindow('k', 0, 300, defaults)).toBeUndefined();
	expect(credentialWindow('k', 'many', 300, defaults)).toBeUndefined();
	expect(takePlace({ key: 'unit-d', requests: 0, ms: 1000 }, 7).at).toBe(7);
});
