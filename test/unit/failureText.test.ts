/**
 * failureText.ts: one API's failure put together from its table (token problem, special cases, the
 * statuses it documents, the wording all share, the not-sent-again note, the support reference), with
 * the three APIs' own tables; and why a call failed, in n8n's own terms (NodeApiError's `failure`).
 */
import type { ApiCall, ApiConnection, ApiService } from '../../nodes/shared/transport/apiClient';
import type { HttpFailure } from '../../nodes/shared/transport/failure';
import { apiError, describeFailure, failureCause } from '../../nodes/shared/transport/failureText';
import { haloService } from '../../nodes/HaloPsaMarketplace/transport/haloApi';
import { highLevelService } from '../../nodes/HighLevelPayments/transport/highLevelApi';
import { ingramService } from '../../nodes/IngramMicroMarketplace/transport/ingramApi';

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

const table: ApiService = {
	name: 'Example API',
	addressSetting: 'the URL in the Example credential',
	failures: {
		read: (f) => ({
			server: f.bodyText,
			reference: f.headers['x-ref']
				? { label: 'ref', key: 'ref', id: f.headers['x-ref'] }
				: undefined,
		}),
		tokenProblem: ({ failure }) => ({
			message: `token: ${failure.tokenProblem}`,
			description: 'Fix the credential.',
		}),
		special: [
			({ failure }) =>
				failure.status === 409 ? { message: 'conflict', description: 'Special.' } : undefined,
			({ failure }) =>
				failure.status === 504
					? { message: 'lost', description: 'Not sent again.', saysNotResent: true }
					: undefined,
		],
		statuses: {
			404: ({ call, where }) => ({
				message: `${call.subject} not found`,
				description: `No ${where}.`,
			}),
		},
		checkBeforeResending: 'Look before running again.',
	},
};

const connection = (service: ApiService, extra: Partial<ApiConnection> = {}): ApiConnection => ({
	service,
	credentialType: 'exampleApi',
	credentials: {},
	baseURL: 'https://api.example.com',
	secrets: ['s3cr3t-value'],
	timeoutMs: 10_000,
	rateLimitBudgetMs: 0,
	itemIndex: 2,
	pace: { until: 0 },
	...extra,
});

const read: ApiCall = { method: 'GET', path: '/things/7', idempotent: true, subject: 'Thing 7' };
const create: ApiCall = { method: 'POST', path: '/things', idempotent: false };
const wordsFor = (service: ApiService, fields: Partial<HttpFailure>, call = read, extra = {}) =>
	describeFailure(service, failure(fields), call, 3, connection(service, extra));

describe("describeFailure: one skeleton, the API's table", () => {
	test('a token problem is the credential\'s, never "not sent again"', () => {
		expect(wordsFor(table, { tokenProblem: 'refused', status: 500 }, create)).toMatchObject({
			message: 'token: refused',
			description: 'Fix the credential.',
		});
	});
	test('special cases come before the status table, in order', () => {
		expect(wordsFor(table, { status: 409 }).message).toBe('conflict');
		expect(wordsFor(table, { status: 504 }, create).description).toBe('Not sent again.');
	});
	test("a documented status reads in the API's words, with where the call went", () => {
		expect(wordsFor(table, { status: 404 })).toMatchObject({
			message: 'Thing 7 not found',
			description: 'No GET /things/7.',
		});
	});
	test('any other status, a server error or no connection reads alike for every API', () => {
		expect(wordsFor(table, { status: 418, bodyText: 'teapot' }).message).toBe(
			'Example API answered HTTP 418 on GET /things/7: teapot',
		);
		expect(wordsFor(table, { status: 502 }).message).toBe(
			'Example API had an internal error (HTTP 502) on GET /things/7',
		);
		expect(
			wordsFor(table, { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).description,
		).toMatch(/^Check the URL in the Example credential and that n8n can reach it/);
	});
	test('a write that failed with no clear answer says it was not sent again and how to check', () => {
		expect(wordsFor(table, { status: 500 }, create).description).toMatch(
			/^It was sent once and not again, so nothing is created twice, but Example API may have saved it before failing\. Look before running again\. /,
		);
		expect(wordsFor(table, { status: 500 }).description).not.toMatch(/sent once/);
	});
	test('the support reference goes into the message, the description and the extra fields', () => {
		const text = wordsFor(table, { status: 404, headers: { 'x-ref': 'R-9' }, bodyText: 'gone' });
		expect(text.message).toBe('Thing 7 not found (ref R-9)');
		expect(text.description).toBe('No GET /things/7. Quote ref R-9 to Example API support.');
		expect(text.extra).toEqual({ serverMessage: 'gone', ref: 'R-9' });
	});
	test('apiError: redacted, with the item index', () => {
		const error = apiError(
			{ name: 'Node', type: 'x', typeVersion: 1, position: [0, 0], parameters: {}, id: '1' },
			failure({ status: 418, bodyText: 'echo s3cr3t-value' }),
			read,
			1,
			connection(table),
		);
		expect(error.message).toBe('Example API answered HTTP 418 on GET /things/7: echo [redacted]');
		expect(JSON.stringify(error)).not.toContain('s3cr3t-value');
		expect(error.context.itemIndex).toBe(2);
	});
});

describe("the three APIs' tables", () => {
	test.each([
		[
			haloService,
			'HaloPSA did not accept the access token, even after fetching a new one',
			'GET /api/things/7',
		],
		[ingramService, 'Ingram Micro did not accept the token, even after a new one', 'GET /things/7'],
		[highLevelService, 'HighLevel did not accept the token', 'GET /things/7'],
	])(
		"%#: 401 in the API's words; 403 names the call as its documentation does",
		(service, unauthorized, where) => {
			const extra = { kind: 'apiKey', locationId: 'loc-1' };
			expect(wordsFor(service, { status: 401 }, read, extra).message).toBe(unauthorized);
			const forbidden = wordsFor(service, { status: 403 }, read, extra);
			expect(`${forbidden.message} ${forbidden.description}`).toMatch(
				service === highLevelService ? /location loc-1/ : new RegExp(where),
			);
		},
	);
	test('Ingram Micro: a lost order answer is never "sent again", and its correlation ID is quoted', () => {
		const text = wordsFor(
			ingramService,
			{ status: 504, headers: { 'x-correlation-id': 'C-1' } },
			{ method: 'POST', path: '/orders', idempotent: false, placesOrder: true },
		);
		expect(text.message).toBe(
			'Ingram Micro did not answer the order in time (HTTP 504); the order may still be processing (correlation ID C-1)',
		);
		expect(text.description).toMatch(/^The order was NOT sent again\./);
		expect(text.extra).toEqual({ correlationId: 'C-1' });
	});
	test('HighLevel: a 400 "not found" is a missing record; its trace ID is quoted', () => {
		const text = wordsFor(
			highLevelService,
			{ status: 400, body: { message: 'Order not found', traceId: 'T-1' } },
			read,
			{ kind: 'apiKey', locationId: 'loc-1' },
		);
		expect(text.message).toBe('Thing 7 was not found in HighLevel (trace ID T-1)');
		expect(text.extra).toEqual({ serverMessage: 'Order not found', traceId: 'T-1' });
	});
});
