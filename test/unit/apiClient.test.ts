/** The shared client's pure parts: why a call failed, in n8n's own terms (NodeApiError's `failure`). */
import { failureCause } from '../../nodes/shared/transport/apiClient';
import type { HttpFailure } from '../../nodes/shared/transport/failure';

const failure = (fields: Partial<HttpFailure>): HttpFailure => ({
	headers: {},
	message: 'failed',
	...fields,
});

describe('failureCause', () => {
	test.each<[string, Partial<HttpFailure>, ReturnType<typeof failureCause>]>([
		[
			'a 429 with Retry-After',
			{ status: 429, headers: { 'retry-after': '7' } },
			{ cause: 'rate-limited', retryAfterMs: 7000 },
		],
		['a 429 without a wait', { status: 429 }, { cause: 'rate-limited' }],
		[
			'a pause an answer asked for, beyond the budget',
			{ code: 'paused', waitMs: 20_000 },
			{ cause: 'rate-limited', retryAfterMs: 20_000 },
		],
		[
			"the credential's request window used up",
			{ code: 'window-used-up', waitMs: 1_500 },
			{ cause: 'rate-limited', retryAfterMs: 1_500 },
		],
		['a 401', { status: 401 }, { cause: 'credential-invalid' }],
		[
			'a refused token request',
			{ tokenProblem: 'invalid_client' },
			{ cause: 'credential-invalid' },
		],
		['a 503', { status: 503 }, { cause: 'temporarily-unavailable' }],
		['no answer in time', { code: 'no-answer' }, { cause: 'temporarily-unavailable' }],
		['a dropped connection', { code: 'ECONNRESET' }, { cause: 'temporarily-unavailable' }],
		[
			'a redirect not followed',
			{ status: 302, code: 'redirect' },
			{ cause: 'configuration-invalid' },
		],
		[
			'a web page instead of JSON',
			{ status: 200, code: 'not-json' },
			{ cause: 'configuration-invalid' },
		],
		['a 404 (the record, not the service)', { status: 404 }, undefined],
		['a 422 (the input)', { status: 422 }, undefined],
	])('%s', (_label, fields, expected) => {
		expect(failureCause(failure(fields))).toEqual(expected);
	});
});
