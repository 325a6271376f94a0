/** When a failed call is sent again, and after how long. */
import { retryAfterMs, retryDelay, type HttpFailure } from '../../nodes/shared/transport/failure';

const failure = (
	status: number | undefined,
	headers: Record<string, string> = {},
	code?: string,
): HttpFailure => ({ status, headers, code, message: 'failed' });

describe('Retry-After', () => {
	test('delta seconds and HTTP dates', () => {
		expect(retryAfterMs({ 'retry-after': '7' })).toBe(7000);
		const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
		expect(retryAfterMs({ 'retry-after': inTenSeconds })).toBeGreaterThan(8000);
		expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
		expect(retryAfterMs({})).toBeUndefined();
	});
});

describe('retryDelay', () => {
	test('429 honours Retry-After, else backs off exponentially, and gives up after the allowed tries', () => {
		expect(retryDelay(failure(429, { 'retry-after': '3' }), 1, false)).toBe(3000);
		expect(retryDelay(failure(429), 1, false)).toBe(1000);
		expect(retryDelay(failure(429), 3, false)).toBe(4000);
		expect(retryDelay(failure(429), 6, true)).toBeUndefined();
	});
	test('5xx and dropped connections: only calls safe to repeat, twice', () => {
		expect(retryDelay(failure(503), 1, true)).toBe(500);
		expect(retryDelay(failure(503), 2, true)).toBe(1000);
		expect(retryDelay(failure(503), 3, true)).toBeUndefined();
		expect(retryDelay(failure(500), 1, false)).toBeUndefined();
		expect(retryDelay(failure(undefined, {}, 'ECONNRESET'), 1, true)).toBe(500);
		expect(retryDelay(failure(undefined, {}, 'ECONNRESET'), 1, false)).toBeUndefined();
	});
	test('4xx other than 429 is final', () => {
		for (const status of [400, 401, 403, 404, 422])
			expect(retryDelay(failure(status), 1, true)).toBeUndefined();
	});
});

test('a refused token request is not sent again', () => {
	expect(
		retryDelay(
			{
				...failure(undefined, {}, 'EAUTH'),
				tokenProblem: 'the token request was refused: unsupported_grant_type',
			},
			1,
			true,
		),
	).toBeUndefined();
});
