/**
 * A HaloPSA sandbox: the marketplace endpoints of the resource table, served like real Halo including
 * its awkward parts (case-insensitive paths, `pageinate`, wrapper or bare lists, plain-text 400s,
 * rolling-window 429s, expiring tokens, HTML pages for wrong URLs).
 */
import { randomBytes } from 'crypto';
import * as http from 'http';
import {
	isWriteOnly,
	recordRefusal,
	sandboxResources,
	type SandboxResource,
} from './haloResources';
import { haloAnswerViolation, haloBodyViolation } from '../contract/haloContract';
import { seedAll } from './haloSeed';
import {
	close,
	Faults,
	htmlPage,
	listen,
	playFault,
	RateLimiter,
	RequestLog,
	sendJson,
	sendText,
	type Fault,
} from './httpKit';
import { rememberSecret } from './secretRegistry';

/** Halo's tickets, as a list the sandbox answers like a resource's. */
const TICKETS: SandboxResource = {
	schema: 'Faults',
	value: 'ticket',
	path: 'Tickets',
	key: 'id',
	plural: 'tickets',
	fields: [],
	records: false,
	extras: [],
};
export interface HaloSandboxOptions {
	clientId?: string;
	clientSecret?: string;
	tenant?: string;
	/**
	 * UNSURE: where a hosted token request's tenant is read. Halo's docs show the query string (default); some
	 * clients send a form field instead.
	 */
	tenantFrom?: 'query' | 'form';
	/** Token lifetime in seconds (Halo: 3600). */
	tokenTtlSeconds?: number;
	/** UNSURE variants: list answers as `{record_count, plural: [...]}` or a bare array. */
	listShape?: 'wrapper' | 'bare';
	/** UNSURE variants: POST answers the saved object or an array of them. */
	postShape?: 'object' | 'array';
	/** UNSURE variants: DELETE answers nothing or a JSON body. */
	deleteBody?: 'empty' | 'json';
	/** Rolling-window rate limit (hosted Halo: 300 per 5 minutes). */
	rateLimit?: { limit: number; windowMs: number; retryAfterSeconds?: number };
	seedCounts?: Record<string, number>;
	/** Whether list `order`/`orderdesc` are honoured (an endpoint that ignores them answers in key order). */
	honoursOrder?: boolean;
	/** Hostile: `page_no` ignored (every page is the first), or pages alternating between the first two. */
	paging?: 'honoured' | 'ignored' | 'alternating';
	/** Hostile: a server that answers at most this many records a page, whatever `page_size` asks. */
	maxPageSize?: number;
	/** Hostile: a server that answers 200 with an HTML page on every /api path (a wrong Resource Server URL). */
	htmlForApi?: boolean;
	/** Hostile: error answers (400, and the token endpoint's 401) echo the request they refused, secrets included. */
	echoRequestInErrors?: boolean;
	/** Hostile: the token endpoint accepts the connection and never answers. */
	tokenHangs?: boolean;
}

/** Numbers by value, everything else as text with numeric runs compared by value. */
function compareValues(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a ?? '').localeCompare(String(b ?? ''), undefined, { numeric: true });
}

interface IssuedToken {
	expiresAt: number;
}

export class HaloSandbox {
	readonly options: Required<Omit<HaloSandboxOptions, 'rateLimit' | 'seedCounts'>> &
		Pick<HaloSandboxOptions, 'rateLimit' | 'seedCounts'>;
	readonly requests = new RequestLog();
	readonly faults = new Faults();
	/** Records per resource value, keyed by Halo key. */
	store: Map<string, Map<number, Record<string, unknown>>>;
	/** Write-only values received, kept apart like Halo does (never returned). */
	readonly secrets = new Map<string, Record<string, unknown>>();
	tokenRequests = 0;
	url = '';
	private tokens = new Map<string, IssuedToken>();
	/** Every access token handed out so far (the secrets sweep looks for them in n8n's output). */
	issuedTokens() {
		return [...this.tokens.keys()];
	}
	private highestKeys = new Map<string, number>();
	private limiter?: RateLimiter;
	/** Milliseconds spent answering requests, arrival to last byte (benchmarks running the sandbox in their own process take it out of their figures). */
	answeringMs = 0;
	private server = http.createServer((req, res) => {
		const arrived = performance.now();
		res.on('finish', () => (this.answeringMs += performance.now() - arrived));
		void this.handle(req, res);
	});

	constructor(options: HaloSandboxOptions = {}) {
		this.options = {
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret',
			tenant: 'acme',
			tenantFrom: 'query',
			tokenTtlSeconds: 3600,
			listShape: 'wrapper',
			postShape: 'object',
			deleteBody: 'empty',
			honoursOrder: true,
			paging: 'honoured',
			maxPageSize: 0,
			htmlForApi: false,
			echoRequestInErrors: false,
			tokenHangs: false,
			...options,
		};
		rememberSecret(this.options.clientSecret);
		this.store = seedAll(options.seedCounts);
		for (const [resource, records] of this.store)
			this.highestKeys.set(
				resource,
				[...records.keys()].reduce((a, b) => Math.max(a, b), 0),
			);
		this.setRateLimit(options.rateLimit);
	}

	async start(port = 0): Promise<string> {
		this.url = await listen(this.server, port);
		return this.url;
	}

	/**
	 * Closes the sandbox, then holds what it got and gave against Halo's own OpenAPI (the contract tier's
	 * validator): every POST body to an endpoint Halo's file documents, and every record it answered a GET of
	 * such an endpoint with. A suite whose node sent an undocumented field fails here, whatever it asserted.
	 */
	async stop() {
		await close(this.server);
		const violations: string[] = [];
		for (const request of this.apiRequests()) {
			const violation =
				request.method === 'POST'
					? await haloBodyViolation(request.path, request.body)
					: request.method === 'GET' && request.status === 200
						? await haloAnswerViolation(request.path, request.answer)
						: undefined;
			if (violation) violations.push(violation);
		}
		if (violations.length)
			throw new Error(
				`The Halo sandbox got or gave what Halo's OpenAPI does not document:\n${violations.join('\n')}`,
			);
	}

	setRateLimit(rateLimit?: HaloSandboxOptions['rateLimit']) {
		this.options.rateLimit = rateLimit;
		this.limiter = rateLimit ? new RateLimiter(rateLimit.limit, rateLimit.windowMs) : undefined;
	}

	addFault(fault: Fault) {
		this.faults.add(fault);
	}

	/** Makes every issued token expire now, as if an hour had passed. */
	expireTokens() {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	records(resourceValue: string) {
		return this.store.get(resourceValue)!;
	}

	/**
	 * Halo's tickets, as far as a ticket picker needs them: Halo API v2 documents `GET /Tickets` with
	 * `search`, `pageinate`, `page_size` (at most 100) and `page_no`; main entities answer
	 * `{record_count, tickets: [...]}`.
	 */
	readonly tickets = new Map<number, Record<string, unknown>>(
		Array.from({ length: 30 }, (_, i) => [
			1001 + i,
			{ id: 1001 + i, summary: `Order follow-up ${i + 1}`, client_name: i % 2 ? 'Acme' : 'Globex' },
		]),
	);

	/** Halo keys are identity numbers: never reused, even after the newest record was deleted. */
	nextKey(resourceValue: string): number {
		const records = this.records(resourceValue);
		let highest = this.highestKeys.get(resourceValue) ?? 0;
		// Scan only when records were added or removed behind our back: a bulk insert of 50,000 stays linear.
		if (this.scannedSizes.get(resourceValue) !== records.size)
			for (const key of records.keys()) if (key > highest) highest = key;
		this.highestKeys.set(resourceValue, highest + 1);
		this.scannedSizes.set(resourceValue, records.size + 1); // the caller stores the new record next
		return highest + 1;
	}
	private scannedSizes = new Map<string, number>();

	apiRequests() {
		return this.requests.filter((r) => /^\/api\//i.test(r.path));
	}

	/** Each /api answer waits this long, so concurrent requests overlap and can be counted. */
	setDelay(ms: number) {
		this.delayMs = ms;
	}

	/** The most /api requests that were being answered at the same time. */
	maxConcurrent = 0;
	private delayMs = 0;
	private inFlight = 0;

	clearLog() {
		this.requests.length = 0;
		this.tokenRequests = 0;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const { url, entry } = await this.requests.record(req);
		const { body } = entry;
		const status = (code: number) => (entry.status = code);
		const fault = this.faults.take(entry.method, entry.path);
		if (fault) {
			status(fault.status ?? 0);
			return await playFault(fault, res);
		}
		const path = url.pathname.replace(/\/+$/, '');
		const lower = path.toLowerCase();
		if (entry.method === 'POST' && (lower === '/auth/token' || lower === '/token')) {
			// Hostile: the connection is accepted and never answered (the socket is closed when the server stops).
			if (this.options.tokenHangs) return;
			return this.token(entry, res, status);
		}
		if (this.options.htmlForApi && lower.startsWith('/api/')) {
			status(200);
			return sendText(res, 200, htmlPage('Welcome to our website'), {}, 'text/html; charset=utf-8');
		}
		if (!lower.startsWith('/api/')) {
			status(404);
			return sendText(res, 404, htmlPage('404 - Page not found'), {}, 'text/html; charset=utf-8');
		}
		if (lower === '/api/authinfo') {
			status(200);
			return sendJson(res, 200, { auth_url: `${this.url}/auth`, tenant_id: this.options.tenant });
		}
		if (this.limiter && !this.limiter.allow()) {
			status(429);
			const headers: Record<string, string> = {};
			if (this.options.rateLimit?.retryAfterSeconds !== undefined)
				headers['Retry-After'] = String(this.options.rateLimit.retryAfterSeconds);
			return sendText(
				res,
				429,
				'Rate Limit Reached - 300 Requests per rolling 5 minute window',
				headers,
			);
		}
		const auth = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''));
		const token = auth && this.tokens.get(auth[1]);
		if (!token || token.expiresAt <= Date.now()) {
			status(401);
			return sendText(res, 401, '', { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
		}
		this.inFlight++;
		this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight);
		if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
		this.inFlight--;
		let [code, answer] = this.api(entry.method, path.slice('/api/'.length), url.searchParams, body);
		// Hostile: a refusal that repeats the request it refused (write-only values and the token included).
		if (this.options.echoRequestInErrors && code >= 400)
			answer = `${typeof answer === 'string' ? answer : JSON.stringify(answer)} (request: ${entry.rawBody} with ${String(req.headers.authorization ?? '')})`;
		status(code);
		entry.answer = answer;
		if (answer === undefined) {
			res.writeHead(code);
			return res.end();
		}
		return typeof answer === 'string' ? sendText(res, code, answer) : sendJson(res, code, answer);
	}

	private token(
		entry: { query: Record<string, string>; body: unknown },
		res: http.ServerResponse,
		status: (c: number) => void,
	) {
		this.tokenRequests++;
		const form = (entry.body ?? {}) as Record<string, string>;
		const tenant = this.options.tenantFrom === 'form' ? form.tenant : entry.query.tenant;
		if (form.grant_type !== 'client_credentials') {
			status(400);
			return sendJson(res, 400, { error: 'unsupported_grant_type' });
		}
		if (
			form.client_id !== this.options.clientId ||
			form.client_secret !== this.options.clientSecret
		) {
			status(401);
			// Hostile: some servers echo the form they refused, client secret included.
			const echo = this.options.echoRequestInErrors
				? { error_description: `rejected request ${new URLSearchParams(form).toString()}` }
				: {};
			return sendJson(res, 401, { error: 'invalid_client', ...echo });
		}
		// Hosted Halo names the tenant (query or form); an own instance answers without one.
		if (tenant !== undefined && tenant !== this.options.tenant) {
			status(400);
			return sendJson(res, 400, {
				error: 'invalid_request',
				error_description: `Unknown tenant ${tenant}`,
			});
		}
		const accessToken = randomBytes(24).toString('hex');
		rememberSecret(accessToken);
		this.tokens.set(accessToken, { expiresAt: Date.now() + this.options.tokenTtlSeconds * 1000 });
		status(200);
		return sendJson(res, 200, {
			access_token: accessToken,
			token_type: 'Bearer',
			expires_in: this.options.tokenTtlSeconds,
			scope: form.scope ?? 'all',
		});
	}

	private api(
		method: string,
		path: string,
		query: URLSearchParams,
		body: unknown,
	): [number, unknown] {
		const segments = path.split('/').filter(Boolean);
		const lower = segments.map((s) => s.toLowerCase());
		if (lower[0] === 'agent' && lower[1] === 'me' && method === 'GET')
			return [200, { id: 1, name: 'API Agent' }];
		// Operation-specific paths first (they look like `/X/{id}` otherwise).
		for (const resource of sandboxResources) {
			for (const extra of resource.extras) {
				const extraPath = extra.path.toLowerCase().split('/');
				if (extraPath.every((s, i) => lower[i] === s)) {
					const rest = segments.slice(extraPath.length);
					const handled = this.extra(resource, extra.kind, method, rest, query, body);
					if (handled) return handled;
				}
			}
		}
		if (lower[0] === 'tickets' && segments.length === 1 && method === 'GET')
			return [200, this.list(TICKETS, this.tickets, query, 100)];
		const resource = sandboxResources.find((r) => r.records && r.path.toLowerCase() === lower[0]);
		if (!resource) return [404, `No route for /api/${path}`];
		const records = this.records(resource.value);
		if (segments.length === 1 && method === 'GET')
			return [200, this.list(resource, records, query)];
		if (segments.length === 1 && method === 'POST') return this.upsert(resource, body);
		const id = Number(segments[1]);
		if (segments.length === 2 && Number.isInteger(id)) {
			const record = records.get(id);
			if (!record) return [404, `${resource.schema} ${segments[1]} not found`];
			if (method === 'GET') return [200, this.visible(resource, record)];
			if (method === 'DELETE') {
				records.delete(id);
				return this.options.deleteBody === 'json' ? [200, { id, deleted: true }] : [200, undefined];
			}
		}
		return [405, `Method ${method} not allowed on /api/${path}`];
	}

	private list(
		resource: SandboxResource,
		records: Map<number, Record<string, unknown>>,
		query: URLSearchParams,
		documentedMaxPageSize = 0,
	) {
		let all = [...records.values()];
		const search = query.get('search');
		if (search)
			all = all.filter((r) => JSON.stringify(r).toLowerCase().includes(search.toLowerCase()));
		const order = this.options.honoursOrder ? query.get('order') : null;
		if (order) all.sort((a, b) => compareValues(a[order], b[order]));
		if (order && query.get('orderdesc') === 'true') all.reverse();
		const total = all.length;
		let page = all;
		const paginate = query.get('pageinate') === 'true';
		const asked = Number(query.get('page_size') ?? 50);
		const cap = Math.min(
			...[this.options.maxPageSize, documentedMaxPageSize].filter((max) => max > 0),
			Infinity,
		);
		const pageSize = Math.min(asked, cap);
		const requestedPage = Number(query.get('page_no') ?? 1);
		const pageNo =
			this.options.paging === 'ignored'
				? 1
				: this.options.paging === 'alternating'
					? ((requestedPage - 1) % 2) + 1
					: requestedPage;
		if (paginate) page = all.slice((pageNo - 1) * pageSize, pageNo * pageSize);
		else if (query.get('count')) page = all.slice(0, Number(query.get('count')));
		const visible = page.map((r) => this.visible(resource, r));
		if (this.options.listShape === 'bare') return visible;
		return paginate
			? { page_no: pageNo, page_size: pageSize, record_count: total, [resource.plural]: visible }
			: { record_count: total, [resource.plural]: visible };
	}

	/** A record as Halo answers it: with `_warning` where the seeds list that field for the resource. */
	private visible(resource: SandboxResource, record: Record<string, unknown>) {
		return resource.fields.some((f) => f.name === '_warning')
			? { ...record, _warning: '' }
			: record;
	}

	/** Halo's upsert: an array; a record with its key updates, one without creates. */
	private upsert(
		resource: SandboxResource,
		body: unknown,
		store = this.records(resource.value),
	): [number, unknown] {
		if (!Array.isArray(body)) return [400, 'The request body must be an array of records'];
		for (const record of body) {
			const refusal = recordRefusal(resource, record);
			if (refusal) return [400, refusal];
			const key = (record as Record<string, unknown>)[resource.key];
			if (key && !store.has(Number(key))) return [400, `${resource.schema} ${key} does not exist`];
		}
		const saved = body.map((input: Record<string, unknown>) => {
			const key = Number(input[resource.key]) || this.nextKey(resource.value);
			const record: Record<string, unknown> = { ...(store.get(key) ?? {}) };
			for (const [field, value] of Object.entries(input)) {
				if (isWriteOnly(resource, field))
					this.secrets.set(`${resource.value}:${key}`, {
						...(this.secrets.get(`${resource.value}:${key}`) ?? {}),
						[field]: value,
					});
				else if (field === '_unlink_from_ticket') {
					if (value) Object.assign(record, { ticket_id: 0, linked_tickets: [] });
				} else if (!field.startsWith('_')) record[field] = value;
			}
			if (resource.value === 'ecommerceOrder' && input.ticket_id)
				record.linked_tickets = [{ ticket_id: input.ticket_id }];
			record[resource.key] = key;
			store.set(key, record);
			return this.visible(resource, record);
		});
		return [
			this.options.postShape === 'array' || saved.length > 1 ? 200 : 201,
			this.options.postShape === 'array' || saved.length > 1 ? saved : saved[0],
		];
	}

	private extra(
		resource: SandboxResource,
		kind: string,
		method: string,
		rest: string[],
		query: URLSearchParams,
		body: unknown,
	): [number, unknown] | undefined {
		switch (kind) {
			case 'bulkManage':
				return method === 'POST' && !rest.length ? this.upsert(resource, body) : undefined;
			case 'deleteByParent': {
				if (method !== 'DELETE' || rest.length !== 1) return undefined;
				const parent = Number(rest[0]);
				const records = this.records(resource.value);
				for (const [key, record] of records) if (record.parentid === parent) records.delete(key);
				return this.options.deleteBody === 'json'
					? [200, { parentid: parent, deleted: true }]
					: [200, undefined];
			}
			case 'read':
				if (method !== 'GET' || rest.length) return undefined;
				if (resource.value === 'adobeCommerceIntegration')
					return [
						200,
						{
							connected: true,
							store_url: 'https://shop.example.com',
							last_auth: '2026-01-01T00:00:00Z',
						},
					];
				return [
					200,
					{
						reseller: 'Ingram Micro Sandbox',
						query: Object.fromEntries(query),
						customer_number: '20-22222',
					},
				];
			case 'formAuth': {
				if (method !== 'POST' || rest.length) return undefined;
				const fields = (body ?? {}) as Record<string, string>;
				const keys = Object.keys(fields)
					.filter((k) => /^obj\[\d+\]\.key$/i.test(k))
					.map((k) => fields[k]);
				if (!keys.length) return [400, 'obj is mandatory'];
				return [200, { success: true, received_keys: keys }];
			}
		}
		return undefined;
	}
}
