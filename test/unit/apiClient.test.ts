/**
 * The shared client (nodes/shared/transport/apiClient.ts) on its own: `request` run inside a probe
 * node of this test by n8n-core's real WorkflowExecute, sending through n8n's real HTTP helper to a
 * small server of this test. One API of the test's own (its ApiService) stands for the three.
 */
import http from 'http';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import {
	apiPages,
	request,
	type ApiCall,
	type ApiConnection,
	type ApiService,
} from '../../nodes/shared/transport/apiClient';
import { close, listen } from '../sandbox/httpKit';
import { CredentialStore, registerProbe, runNode } from '../harness/inProcess';

const PROBE = 'test.apiClientProbe';
const SECRET = 'probe-token-7f3a';

const service: ApiService = {
	name: 'Probe API',
	addressSetting: 'the Probe URL',
	failures: {
		read: (failure) => ({ server: failure.bodyText || undefined }),
		tokenProblem: () => ({ message: 'no token', description: 'Fix it.' }),
		statuses: {
			404: ({ call }) => ({ message: `${call.subject} is gone`, description: 'Check it.' }),
		},
		checkBeforeResending: 'Look first.',
	},
};

/** What the probe's one call is, per run. */
let call: ApiCall;
let base = '';
let timeoutMs = 2000;
let pages = false;

registerProbe(PROBE, 'API Client Probe', [], async function (this: IExecuteFunctions) {
	const connection: ApiConnection = {
		service,
		credentialType: 'none',
		credentials: {},
		baseURL: base,
		bearerToken: SECRET,
		secrets: [SECRET],
		timeoutMs,
		rateLimitBudgetMs: 5_000,
		itemIndex: 0,
		pace: { until: 0 },
	};
	if (pages) {
		const records: IDataObject[] = [];
		const walk = apiPages(
			this,
			connection,
			call,
			{ pageSize: 2, style: 'offset', keyOf: (r) => String(r.id) },
			async ({ offset, size }) => ({
				records: (await request(this, connection, {
					...call,
					qs: { offset, limit: size },
				})) as IDataObject[],
			}),
		);
		for await (const page of walk) records.push(...page);
		return [records.map((json) => ({ json }))];
	}
	return [[{ json: { answer: (await request(this, connection, call)) as IDataObject } }]];
});

/** Requests the server got, by path; what each path answers. */
const seen: Array<{ method: string; path: string; auth?: string }> = [];
const server = http.createServer((req, res) => {
	const path = (req.url ?? '').split('?')[0];
	seen.push({ method: req.method ?? '', path, auth: req.headers.authorization });
	const count = seen.filter((s) => s.path === path).length;
	const json = (status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) => {
		res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	};
	if (path === '/ok') return json(200, { id: 1 });
	if (path === '/flaky') return count === 1 ? json(503, { error: 'busy' }) : json(200, { id: 2 });
	if (path === '/busy') return json(503, { error: 'busy' });
	if (path === '/limited')
		return count === 1 ? json(429, {}, { 'Retry-After': '0' }) : json(200, { id: 3 });
	if (path === '/gone') return json(404, { error: 'no such thing' });
	if (path === '/echo') return json(400, { error: `bad token ${SECRET}` });
	if (path === '/page') {
		res.writeHead(200, { 'Content-Type': 'text/html' });
		return res.end('<html><body>Sign in</body></html>');
	}
	if (path === '/moved') {
		res.writeHead(302, { Location: '/ok' });
		return res.end();
	}
	if (path === '/elsewhere') {
		res.writeHead(302, { Location: 'http://203.0.113.9/steal' });
		return res.end();
	}
	if (path === '/list') {
		const offset = Number(new URL(req.url ?? '', 'http://x').searchParams.get('offset'));
		return json(
			200,
			offset >= 5 ? [] : [{ id: offset }, { id: offset + 1 }].filter((r) => r.id < 5),
		);
	}
	if (path === '/hang') return; // never answers
	json(500, {});
});

beforeAll(async () => {
	base = await listen(server);
});
afterAll(async () => {
	await close(server);
});

const send = async (next: ApiCall, options: { timeoutMs?: number; pages?: boolean } = {}) => {
	seen.length = 0;
	call = next;
	timeoutMs = options.timeoutMs ?? 2000;
	pages = options.pages ?? false;
	return await runNode({ type: PROBE, parameters: {}, store: new CredentialStore() });
};
const get = (path: string): ApiCall => ({
	method: 'GET',
	path,
	idempotent: true,
	subject: 'Thing 9',
});
const paths = () => seen.map((s) => `${s.method} ${s.path}`);

test('answers the parsed JSON, with the bearer token sent', async () => {
	const result = await send(get('/ok'));
	expect(result.items[0].json.answer).toEqual({ id: 1 });
	expect(seen[0].auth).toBe(`Bearer ${SECRET}`);
});

test('a read that meets a 503 is sent again; a create is not, and says so', async () => {
	expect((await send(get('/flaky'))).items[0].json.answer).toEqual({ id: 2 });
	expect(paths()).toEqual(['GET /flaky', 'GET /flaky']);
	const create = await send({ method: 'POST', path: '/busy', body: {}, idempotent: false });
	expect(paths()).toEqual(['POST /busy']);
	expect(create.error?.message).toBe('Probe API had an internal error (HTTP 503) on POST /busy');
	expect(create.error?.description).toMatch(/^It was sent once and not again.*Look first\./);
});

test('a 429 is waited out and sent again', async () => {
	expect((await send(get('/limited'))).items[0].json.answer).toEqual({ id: 3 });
	expect(paths()).toEqual(['GET /limited', 'GET /limited']);
});

test("a documented status reads in the API's words", async () => {
	expect((await send(get('/gone'))).error?.message).toBe('Thing 9 is gone');
});

test('a secret the server echoes never reaches the error', async () => {
	const result = await send(get('/echo'));
	expect(result.error?.message).toContain('[redacted]');
	expect(JSON.stringify(result.error)).not.toContain(SECRET);
});

test('a web page where JSON was expected is refused, naming where to look', async () => {
	const result = await send(get('/page'));
	expect(result.error?.message).toBe(
		'Probe API answered GET /page with a web page (HTML), not the JSON the API sends',
	);
	expect(result.error?.description).toMatch(/check the Probe URL/);
});

test('a redirect on the same host is followed by a read; one to another host is never followed', async () => {
	expect((await send(get('/moved'))).items[0].json.answer).toEqual({ id: 1 });
	expect(paths()).toEqual(['GET /moved', 'GET /ok']);
	const away = await send(get('/elsewhere'));
	expect(away.error?.message).toMatch(
		/with a redirect \(HTTP 302\) from 127\.0\.0\.1:\d+ to 203\.0\.113\.9: not followed/,
	);
	expect(paths()).toEqual(['GET /elsewhere']);
});

test('no call outlives its timeout', async () => {
	const started = Date.now();
	const result = await send(get('/hang'), { timeoutMs: 300 });
	expect(result.error?.message).toMatch(/^Probe API did not answer GET \/hang/);
	// The timeout, n8n's own retries of nothing, and the client's slack: never the server's pace.
	expect(Date.now() - started).toBeLessThan(10_000);
});

test('apiPages reads every page through request, to the end of the list', async () => {
	const result = await send(get('/list'), { pages: true });
	expect(result.items.map((i) => i.json.id)).toEqual([0, 1, 2, 3, 4]);
});
