/**
 * An Ingram Micro Cloud Marketplace sandbox (API 1.6 line): the token endpoint (Basic + subscription
 * key + marketplace), customers, products, orders (create, estimate), subscriptions and parameter
 * validation, with `{data, pagination}` lists, `X-Correlation-ID` on every answer, Ingram's error body,
 * 429 under load, and an optional slow 504 on order creation (the order is still placed). Its own
 * parameter checks follow seed 004, so an order the node should have stopped fails here as at Ingram.
 */
import { randomBytes, randomUUID } from 'crypto';
import * as http from 'http';
import {
	close,
	Faults,
	listen,
	playFault,
	RateLimiter,
	RequestLog,
	sendJson,
	sendText,
	type Fault,
} from './httpKit';
import { rememberSecret } from './secretRegistry';

export interface IngramSandboxOptions {
	username?: string;
	password?: string;
	subscriptionKey?: string;
	marketplace?: string;
	tokenTtlSeconds?: number;
	/** Path of the region under the host, as in https://api.cloud.im/marketplace/eu. */
	basePath?: string;
	rateLimit?: { limit: number; windowMs: number };
	/** Order creation answers a 504 HTML page after this delay, although the order is placed. */
	slowOrder504Ms?: number;
	/** As the spec: only customer and product lists carry `pagination`; or every list does (the kinder variant). */
	pagination?: 'documented' | 'everyList';
	/** Hostile: `offset` ignored, every page is the first. */
	ignoreOffset?: boolean;
	/**
	 * UNSURE: the spec shows no shape for renewal and cancellation orders and requires `products` on every order.
	 * 'asSpec' (default) refuses an order without products; 'subscriptionOnly' takes `{customerId, type,
	 * subscriptionId}` with no products, as the older product notes describe.
	 */
	renewalOrders?: 'asSpec' | 'subscriptionOnly';
}

type Rec = Record<string, unknown> & { id: string };

/** Catalog with the product families of seed 004 (the sandbox knows which MPN is which). */
export const CATALOG: Array<Rec & { family: string }> = [
	{
		id: 'PRD-100',
		mpn: 'AVEPOINT-CLOUD-BACKUP',
		name: 'AvePoint Cloud Backup',
		family: 'avepoint',
		price: 3,
	},
	{
		id: 'PRD-101',
		mpn: 'DROPBOX-BIZ-STD',
		name: 'Dropbox Business Standard',
		family: 'dropbox',
		price: 15,
	},
	{
		id: 'PRD-102',
		mpn: 'HELLOSIGN-ESS',
		name: 'HelloSign Essentials',
		family: 'hellosign',
		price: 13,
	},
	{
		id: 'PRD-103',
		mpn: 'MS-AZR-LEGACY',
		name: 'Azure CSP (legacy)',
		family: 'azureLegacy',
		price: 0,
	},
	{
		id: 'PRD-104',
		mpn: 'MS-AZR-PLAN',
		name: 'Azure plan (new commerce)',
		family: 'azureNce',
		price: 0,
	},
	{ id: 'PRD-105', mpn: 'MS-O365-E3', name: 'Office 365 E3', family: 'office365', price: 23 },
	{
		id: 'PRD-106',
		mpn: 'ACRONIS-CYBER-BACKUP',
		name: 'Acronis Cyber Protect',
		family: 'other',
		price: 7,
	},
];

const ONMS = '.onmicrosoft.com';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

export class IngramSandbox {
	readonly options: Required<Omit<IngramSandboxOptions, 'rateLimit' | 'slowOrder504Ms'>> &
		Pick<IngramSandboxOptions, 'rateLimit' | 'slowOrder504Ms'>;
	readonly requests = new RequestLog();
	readonly faults = new Faults();
	readonly customers = new Map<string, Rec>();
	readonly orders = new Map<string, Rec>();
	readonly subscriptions = new Map<string, Rec>();
	tokenRequests = 0;
	url = '';
	private tokens = new Map<string, number>();
	/** Every access token handed out so far (the secrets sweep looks for them in n8n's output). */
	issuedTokens() {
		return [...this.tokens.keys()];
	}
	private limiter?: RateLimiter;
	private counter = 0;
	private server = http.createServer((req, res) => void this.handle(req, res));

	constructor(options: IngramSandboxOptions = {}) {
		this.options = {
			username: 'im-api-user',
			password: 'im-api-password',
			subscriptionKey: 'im-subscription-key',
			marketplace: 'us',
			tokenTtlSeconds: 1500,
			basePath: '/marketplace/eu',
			pagination: 'documented',
			ignoreOffset: false,
			renewalOrders: 'asSpec',
			...options,
		};
		rememberSecret(this.options.password, this.options.subscriptionKey);
		if (options.rateLimit)
			this.limiter = new RateLimiter(options.rateLimit.limit, options.rateLimit.windowMs);
		for (let n = 1; n <= 12; n++) {
			const id = `CUS-${1000 + n}`;
			this.customers.set(id, {
				id,
				externalId: `halo-${n}`,
				name: `Customer ${n} Ltd`,
				status: 'active',
				// Seeded as its own create requires them: language and country, the whole address, a phone.
				language: 'en_US',
				address: {
					streetAddress: `${n} Main St`,
					city: 'Springfield',
					state: 'IL',
					postalCode: '12345',
					countryCode: 'US',
				},
				contactPersons: [
					{
						type: 'admin',
						firstName: 'Ada',
						lastName: `Admin${n}`,
						email: `admin${n}@customer${n}.example`,
						phoneNumber: `+1 217 555 01${String(n).padStart(2, '0')}`,
					},
				],
				creationDate: new Date(Date.parse('2026-01-01T00:00:00Z') + n * 86_400_000).toISOString(),
			});
		}
		for (let n = 1; n <= 6; n++) {
			const id = `SUB-${2000 + n}`;
			this.subscriptions.set(id, {
				id,
				customerId: `CUS-${1000 + n}`,
				name: `${CATALOG[n % CATALOG.length].name} for Customer ${n}`,
				status: n % 4 === 0 ? 'hold' : 'active',
				creationDate: new Date(Date.parse('2026-02-01T00:00:00Z') + n * 86_400_000).toISOString(),
				renewalDate: '2027-02-01T00:00:00Z',
				products: [{ mpn: CATALOG[n % CATALOG.length].mpn, quantity: n }],
			});
		}
	}

	get base() {
		return `${this.url}${this.options.basePath}`;
	}

	async start(port = 0) {
		this.url = await listen(this.server, port);
		return this.base;
	}

	async stop() {
		await close(this.server);
	}

	addFault(fault: Fault) {
		this.faults.add(fault);
	}

	expireTokens() {
		for (const token of this.tokens.keys()) this.tokens.set(token, 0);
	}

	apiRequests() {
		return this.requests.filter(
			(r) => r.path.startsWith(this.options.basePath) && !r.path.endsWith('/token'),
		);
	}

	clearLog() {
		this.requests.length = 0;
		this.tokenRequests = 0;
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const { url, entry } = await this.requests.record(req);
		const { body } = entry;
		const correlation = randomUUID();
		const headers = { 'X-Correlation-ID': correlation };
		const fault = this.faults.take(entry.method, entry.path);
		if (fault) {
			entry.status = fault.status ?? 0;
			return await playFault({ ...fault, headers: { ...headers, ...(fault.headers ?? {}) } }, res);
		}
		const answer = (status: number, value: unknown) => {
			entry.status = status;
			return sendJson(res, status, value, headers);
		};
		const error = (status: number, message: string) =>
			answer(status, {
				timeStamp: new Date().toISOString(),
				status,
				message,
				path: url.pathname,
				correlationId: correlation,
			});
		if (!url.pathname.startsWith(this.options.basePath)) return error(404, 'Resource not found');
		const path = url.pathname.slice(this.options.basePath.length).replace(/\/+$/, '');
		if (req.headers['x-subscription-key'] !== this.options.subscriptionKey)
			return error(401, 'Access denied due to missing or invalid subscription key.');
		if (path === '/token' && entry.method === 'POST') {
			this.tokenRequests++;
			const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
			const [user, password] = basic
				? Buffer.from(basic[1], 'base64').toString('utf8').split(':')
				: [];
			if (user !== this.options.username || password !== this.options.password)
				return error(401, 'Invalid username or password');
			if ((body as Record<string, unknown> | undefined)?.marketplace !== this.options.marketplace)
				return error(
					400,
					`Unknown marketplace ${(body as Record<string, unknown> | undefined)?.marketplace}`,
				);
			const token = randomBytes(20).toString('hex');
			rememberSecret(token);
			this.tokens.set(token, Date.now() + this.options.tokenTtlSeconds * 1000);
			return answer(200, { token, expiresInSeconds: this.options.tokenTtlSeconds });
		}
		const bearer = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
		if (!bearer || (this.tokens.get(bearer) ?? 0) <= Date.now())
			return error(401, 'Token is invalid or expired');
		if (this.limiter && !this.limiter.allow()) return error(429, 'Too many requests');
		const segments = path.split('/').filter(Boolean);
		const input = (body ?? {}) as Record<string, unknown>;
		const q = url.searchParams;
		switch (`${entry.method} ${segments[0]}${segments.length > 1 ? '/:id' : ''}`) {
			case 'GET customers':
				return answer(
					200,
					this.page(
						[...this.customers.values()].filter(
							(c) =>
								(!q.get('name') ||
									String(c.name).toLowerCase().includes(q.get('name')!.toLowerCase())) &&
								(!q.get('externalId') || c.externalId === q.get('externalId')) &&
								(!q.get('email') || JSON.stringify(c.contactPersons).includes(q.get('email')!)),
						),
						q,
					),
				);
			case 'GET customers/:id':
				return this.customers.has(segments[1])
					? answer(200, this.customers.get(segments[1]))
					: error(404, `Customer ${segments[1]} not found`);
			case 'POST customers': {
				const contacts = (input.contactPersons ?? []) as Array<Record<string, unknown>>;
				// The spec's required fields: name, the whole address, and contacts with a valid e-mail and a phone number.
				const address = (input.address ?? {}) as Record<string, unknown>;
				const missing = ['streetAddress', 'postalCode', 'city', 'state', 'countryCode']
					.filter((f) => !address[f])
					.map((f) => `address.${f}`);
				if (!input.name) missing.unshift('name');
				if (
					!contacts.length ||
					contacts.some((c) => !EMAIL.test(String(c.email)) || !c.phoneNumber)
				)
					missing.push('contactPersons (valid email and phoneNumber)');
				if (input.language !== undefined && !/^[a-z]{2}_[A-Z]{2}$/.test(String(input.language)))
					missing.push('language (such as en_US)');
				if (missing.length) return error(400, `Required or invalid: ${missing.join(', ')}`);
				const id = `CUS-${9000 + ++this.counter}`;
				const customer = {
					...input,
					id,
					status: 'pending',
					creationDate: new Date().toISOString(),
				} as Rec;
				this.customers.set(id, customer);
				return answer(200, customer);
			}
			case 'GET products':
				return answer(
					200,
					this.page(
						CATALOG.filter((p) => !q.get('mpn') || p.mpn === q.get('mpn')).map(
							({ family: _family, ...p }) => p as Rec,
						),
						q,
					),
				);
			case 'GET products/:id': {
				const product = CATALOG.find((p) => p.id === segments[1]);
				if (!product) return error(404, `Product ${segments[1]} not found`);
				const { family: _family, ...visible } = product;
				return answer(200, visible);
			}
			case 'GET orders':
				return answer(
					200,
					this.page(
						[...this.orders.values()]
							.filter(
								(o) =>
									['customerId', 'status', 'subscriptionId'].every(
										(f) => !q.get(f) || o[f] === q.get(f),
									) &&
									(!q.get('creationTimeFrom') ||
										String(o.creationDate) >= q.get('creationTimeFrom')!) &&
									(!q.get('creationTimeTo') || String(o.creationDate) <= q.get('creationTimeTo')!),
							)
							.reverse(),
						q,
						false,
					),
				);
			case 'GET orders/:id':
				if (segments[1] === 'estimate') break;
				return this.orders.has(segments[1])
					? answer(200, this.orders.get(segments[1]))
					: error(404, `Order ${segments[1]} not found`);
			case 'POST orders': {
				const problem = this.orderProblem(input);
				if (problem.status === 400) return error(400, problem.message!);
				const id = `ORD-${5000 + ++this.counter}`;
				const order = {
					id,
					customerId: input.customerId,
					type: input.type ?? 'sales',
					poNumber: input.poNumber,
					subscriptionId: input.subscriptionId,
					products: input.products,
					creationDate: new Date().toISOString(),
					status: problem.message ? 'error' : 'submitted',
					...(problem.message ? { errorMessage: problem.message } : {}),
				} as Rec;
				this.orders.set(id, order);
				if (this.options.slowOrder504Ms !== undefined) {
					await new Promise((r) => setTimeout(r, this.options.slowOrder504Ms));
					entry.status = 504;
					return sendText(
						res,
						504,
						'<html><body><h1>504 Gateway Time-out</h1></body></html>',
						headers,
						'text/html',
					);
				}
				return answer(200, {
					id,
					customerId: order.customerId,
					type: order.type,
					creationDate: order.creationDate,
					status: order.status,
				});
			}
			case 'POST orders/:id': {
				if (segments[1] !== 'estimate') break;
				// OrderEstimationRequest: type, customerId, products [{mpn, name, quantity, subscriptionId}], no more.
				const extra = [
					...Object.keys(input).filter((k) => !['type', 'customerId', 'products'].includes(k)),
					...((input.products ?? []) as Array<Record<string, unknown>>).flatMap((p) =>
						Object.keys(p)
							.filter((k) => !['mpn', 'name', 'quantity', 'subscriptionId'].includes(k))
							.map((k) => `products[].${k}`),
					),
				];
				if (extra.length)
					return error(400, `Unrecognized field(s) in OrderEstimationRequest: ${extra.join(', ')}`);
				if (!this.customers.has(String(input.customerId)))
					return error(400, `Customer ${input.customerId} not found`);
				const unknown = ((input.products ?? []) as Array<Record<string, unknown>>).find(
					(p) => p.mpn !== undefined && !CATALOG.some((c) => c.mpn === p.mpn),
				);
				if (unknown) return error(400, `Unknown MPN ${unknown.mpn}`);
				const products = ((input.products ?? []) as Array<Record<string, unknown>>).map((p) => {
					const price = CATALOG.find((c) => c.mpn === p.mpn)?.price as number;
					return {
						mpn: p.mpn,
						quantity: p.quantity,
						extendedPrice: { amount: price * Number(p.quantity), currency: 'USD' },
					};
				});
				return answer(200, {
					total: {
						amount: products.reduce((a, p) => a + p.extendedPrice.amount, 0),
						currency: 'USD',
					},
					products,
				});
			}
			case 'GET subscriptions':
				// The spec types these filters as dates (2019-12-30): anything else is refused, a date applied to the creation day.
				for (const name of ['creationDateFrom', 'creationDateTo'])
					if (q.get(name) && !/^\d{4}-\d{2}-\d{2}$/.test(q.get(name)!))
						return error(400, `${name} must be a date such as 2019-12-30`);
				const day = (s: Rec) => String(s.creationDate).slice(0, 10);
				return answer(
					200,
					this.page(
						[...this.subscriptions.values()].filter(
							(s) =>
								['customerId', 'status'].every((f) => !q.get(f) || s[f] === q.get(f)) &&
								(!q.get('creationDateFrom') || day(s) >= q.get('creationDateFrom')!) &&
								(!q.get('creationDateTo') || day(s) <= q.get('creationDateTo')!),
						),
						q,
						false,
					),
				);
			case 'GET subscriptions/:id':
				return this.subscriptions.has(segments[1])
					? answer(200, this.subscriptions.get(segments[1]))
					: error(404, `Subscription ${segments[1]} not found`);
			case 'POST validation/:id': {
				if (segments[1] !== 'parameters') break;
				const data = ((input.products ?? []) as Array<Record<string, unknown>>).flatMap((p) =>
					((p.parameters ?? []) as Array<{ name: string; value: string }>).map((param) =>
						this.validateParameter(String(p.mpn), param),
					),
				);
				return answer(200, { data });
			}
		}
		return error(404, `No route for ${entry.method} ${path}`);
	}

	private page(records: Rec[], q: URLSearchParams, documentedWithPagination = true) {
		const offset = this.options.ignoreOffset ? 0 : Number(q.get('offset') ?? 0);
		const limit = Number(q.get('limit') ?? 10);
		const data = records.slice(offset, offset + limit);
		return documentedWithPagination || this.options.pagination === 'everyList'
			? { data, pagination: { offset, limit, total: records.length } }
			: { data };
	}

	/** 400 for a malformed order; a message without 400 for one Ingram accepts but fulfilment fails (status "error"). */
	private orderProblem(input: Record<string, unknown>): { status?: number; message?: string } {
		if (!this.customers.has(String(input.customerId)))
			return { status: 400, message: `Customer ${input.customerId} not found` };
		const type = String(input.type ?? 'sales');
		const products = (input.products ?? []) as Array<Record<string, unknown>>;
		if (
			(type === 'renewal' || type === 'cancellation') &&
			this.options.renewalOrders === 'asSpec' &&
			!products.length
		)
			return { status: 400, message: 'products must not be empty' };
		if (
			(type === 'renewal' || type === 'cancellation') &&
			this.options.renewalOrders === 'subscriptionOnly' &&
			(products.length || !input.subscriptionId)
		)
			return { status: 400, message: `A ${type} order needs subscriptionId and no products` };
		if (type === 'sales' || type === 'change') {
			if (!products.length) return { status: 400, message: 'products must not be empty' };
			for (const p of products) {
				const product = CATALOG.find((c) => c.mpn === p.mpn);
				if (!product) return { status: 400, message: `Unknown MPN ${p.mpn}` };
				if (type === 'change' && !p.subscriptionId)
					return { status: 400, message: 'subscriptionId is required for change orders' };
				const params = (p.parameters ?? []) as Array<{ name: string; value: string }>;
				const fulfilment = this.fulfilmentProblem(product.family, params);
				if (fulfilment) return { message: fulfilment };
			}
		}
		return {};
	}

	/** What Ingram's fulfilment would refuse, by the seed's rules (the node should have caught these first). */
	private fulfilmentProblem(
		family: string,
		params: Array<{ name: string; value: string }>,
	): string | undefined {
		const domain = params.find((p) => p.name === 'domain')?.value;
		switch (family) {
			case 'avepoint':
			case 'dropbox':
			case 'hellosign':
				return params.length && params.every((p) => EMAIL.test(p.value))
					? undefined
					: 'A valid e-mail address parameter is required';
			case 'azureNce':
				return domain?.endsWith(ONMS) ? undefined : 'domain must include .onmicrosoft.com';
			case 'office365':
				if (!domain) return 'domain is required';
				// The NZ marketplace wants the full domain; every other marketplace the prefix only.
				if (this.options.marketplace === 'nz')
					return domain.endsWith(ONMS)
						? undefined
						: 'Office 365 order failed: domain must include .onmicrosoft.com in the NZ marketplace';
				return domain.includes('.')
					? 'Office 365 order failed: domain must not include .onmicrosoft.com when placing the order'
					: undefined;
			default:
				return undefined;
		}
	}

	private validateParameter(mpn: string, param: { name: string; value: string }) {
		const family = CATALOG.find((c) => c.mpn === mpn)?.family;
		if (param.name === 'domain' && (family === 'office365' || family === 'azureNce')) {
			if (!param.value.endsWith(ONMS))
				return {
					name: param.name,
					result: 'error',
					message: 'The domain must include .onmicrosoft.com for validation.',
				};
			return param.value.startsWith('taken')
				? { name: param.name, result: 'error', message: 'Domain is already in use.' }
				: { name: param.name, result: 'success', message: 'Domain available to purchase.' };
		}
		return { name: param.name, result: 'success', message: 'Valid.' };
	}
}
