/**
 * A HighLevel (LeadConnector) payments sandbox: the OAuth endpoints (a local authorize page, authorization
 * code, refresh and client credentials grants), private integration tokens, and the ten payments
 * endpoints with their documented shapes and awkward parts: `Version` header required, `altId`/`altType`
 * checks (422), location access (403), "not found" as 400, rate-limit headers and a rolling 429.
 */
import { generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'crypto';
import * as http from 'http';
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
import {
	hlId,
	priceIdOf,
	seedOrder,
	seedSubscription,
	seedTransaction,
	type HlRecord,
} from './highLevelSeed';
import { answerViolations, contractViolations } from '../contract/highLevelContract';
import { rememberSecret } from './secretRegistry';

export interface HighLevelSandboxOptions {
	clientId?: string;
	clientSecret?: string;
	locationId?: string;
	privateToken?: string;
	/** Access token lifetime (HighLevel: about a day). */
	tokenTtlSeconds?: number;
	/** payments.json: the white-label list's `providers` is one object (UNSURE variant: an array). */
	providersShape?: 'array' | 'object';
	/** Documented 400 "not found"; 404 also observed. */
	notFoundStatus?: 400 | 404;
	/** Documented 200 for POSTs; UNSURE whether live answers 201. */
	createdStatus?: 200 | 201;
	/** Requests per window (HighLevel: 100 per 10 s); Retry-After on 429 is UNSURE, so optional. */
	rateLimit?: { limit: number; windowMs: number; retryAfterSeconds?: number };
	orders?: number;
	subscriptions?: number;
	/** No documented maximum for `limit`: a server may answer at most this many records a page (0: as asked). */
	maxLimit?: number;
	/** Hostile: `offset` ignored, every page is the first. */
	ignoreOffset?: boolean;
	/**
	 * Order list rows as HighLevel documents them (OrderResponseSchema: no `paymentStatus`, no `contactSnapshot`,
	 * no `source` object; flat `contactName`, `sourceType`, `sourceName`, `sourceId`), or the full order records.
	 */
	orderListRows?: 'documented' | 'full';
	/**
	 * UNSURE: the token call's enum lists `client_credentials`, but HighLevel documents the authorization-code
	 * grant for v2 and says neither which apps may use it nor which location its token carries. Default: a
	 * token that names no location; or one that does; or the grant refused (`unsupported_grant_type`).
	 */
	clientCredentialsGrant?: 'tokenWithoutLocation' | 'tokenWithLocation' | 'refused';
	/**
	 * The white-label create accepts only marketplace-app tokens; the docs do not give the status of the
	 * refusal of another token. UNSURE: 401 (default: the token is what is wrong) or 403.
	 */
	appOnlyRefusalStatus?: 401 | 403;
	/** UNSURE: HighLevel does not document the order of its lists; newest first, or oldest first. */
	listOrder?: 'newestFirst' | 'oldestFirst';
	/**
	 * Where the app is installed (oauth.json): in a sub-account, whose code gives a Location token; or at
	 * agency level, whose code gives a Company token (`userType: "Company"`, `companyId`,
	 * `approvedLocations`, no `locationId`) that payments endpoints refuse and that `POST /oauth/locationToken`
	 * exchanges for a Location token of an approved location.
	 */
	installedAt?: 'location' | 'agency';
	/**
	 * payments.json's order Get (GetOrderResponseSchema) has no `paymentStatus`; it is a filter of the order
	 * list. UNSURE variant: the live Get returns it anyway.
	 */
	orderGetPaymentStatus?: 'omitted' | 'returned';
	/** A second sub-account of the agency, with orders of its own (agency installs). */
	secondLocationId?: string;
}

interface Token {
	locationId: string;
	expiresAt: number;
	kind: 'oauth' | 'pit';
	userType: 'Location' | 'Company';
}

const COMPANY_ID = 'company-sandbox';

const VERSION = '2021-07-28';

/*
 * Each answer carries what payments.json's schema for it documents, and nothing else (the contract tier checks
 * the default sandbox's answers against those schemas, closed). Absent values are left out rather than null.
 */
const present = (record: Record<string, unknown>) =>
	Object.fromEntries(
		Object.entries(record).filter(([, value]) => value !== null && value !== undefined),
	) as HlRecord;

type OrderRecord = HlRecord & {
	contactSnapshot?: { name?: string; email?: string };
	source?: { type?: string; subType?: string; name?: string; id?: string };
	amountSummary?: { subtotal?: number; discount?: number };
	items?: unknown[];
};

/** An order as a list row shows it (OrderResponseSchema): flat contact and source fields, no payment status. */
function orderListRow(order: OrderRecord): HlRecord {
	return present({
		_id: order._id,
		altId: order.altId,
		altType: order.altType,
		amount: order.amount,
		subtotal: order.amountSummary?.subtotal,
		discount: order.amountSummary?.discount,
		currency: order.currency,
		status: order.status,
		fulfillmentStatus: order.fulfillmentStatus,
		liveMode: order.liveMode,
		contactId: order.contactId,
		contactName: order.contactSnapshot?.name,
		contactEmail: order.contactSnapshot?.email,
		sourceType: order.source?.type,
		sourceSubType: order.source?.subType,
		sourceName: order.source?.name,
		sourceId: order.source?.id,
		totalProducts: order.items?.length,
		createdAt: order.createdAt,
		updatedAt: order.updatedAt,
	});
}

/**
 * An order as its Get shows it (GetOrderResponseSchema): no payment status (UNSURE variant: with it). The
 * schema types `items` as strings while its own example is an item object: items are answered as objects.
 */
function orderAnswer(order: OrderRecord, withPaymentStatus: boolean): HlRecord {
	const { paymentStatus, ...documented } = order;
	return present(withPaymentStatus ? { ...documented, paymentStatus } : documented);
}

/** A payment's source as the single-record answers nest it (OrderSource: type and id required). */
const entitySourceOf = (record: HlRecord) =>
	present({
		type: record.entitySourceType,
		subType: record.entitySourceSubType,
		id: record.entitySourceId ?? record.entityId,
	});

/** A transaction as its Get shows it (GetTxnResponseSchema): the source and provider nested. */
function transactionAnswer(transaction: HlRecord): HlRecord {
	const {
		entitySourceType: _type,
		entitySourceSubType: _subType,
		fulfilledAt: _fulfilledAt,
		paymentProviderType,
		...rest
	} = transaction;
	return present({
		...rest,
		entitySource: entitySourceOf(transaction),
		paymentProvider: paymentProviderType ? { type: paymentProviderType } : undefined,
	});
}

/** A subscription as a list row shows it (SubscriptionResponseSchema): no schedule, no cancellation time. */
function subscriptionRow(subscription: HlRecord): HlRecord {
	const { schedule: _schedule, canceledAt: _canceledAt, ...rest } = subscription;
	return present(rest);
}

/** A subscription as its Get shows it (GetSubscriptionResponseSchema): the source nested. */
function subscriptionAnswer(subscription: HlRecord): HlRecord {
	const { entitySourceType: _type, ...rest } = subscription;
	return present({ ...rest, entitySource: entitySourceOf(subscription) });
}

export class HighLevelSandbox {
	readonly options: Required<Omit<HighLevelSandboxOptions, 'rateLimit'>> &
		Pick<HighLevelSandboxOptions, 'rateLimit'>;
	readonly requests = new RequestLog();
	readonly faults = new Faults();
	readonly orders = new Map<string, HlRecord>();
	readonly transactions = new Map<string, HlRecord>();
	readonly subscriptions = new Map<string, HlRecord>();
	readonly fulfillments = new Map<string, HlRecord[]>();
	readonly providers: HlRecord[] = [];
	tokenRequests: Array<Record<string, string>> = [];
	/** The authorize pages (path) a user approved on, in order. */
	authorizePagesOpened: string[] = [];
	url = '';
	private tokens = new Map<string, Token>();
	/** Every access token handed out so far (the secrets sweep looks for them in n8n's output). */
	issuedTokens() {
		return [...this.tokens.keys(), ...this.refreshTokens.keys()];
	}
	private refreshTokens = new Map<string, string>();
	private codes = new Map<string, { locationId: string; redirectUri: string }>();
	private limiter: RateLimiter;
	private dailyUsed = 0;
	private counter = 0;
	private server = http.createServer((req, res) => void this.handle(req, res));
	/** The sandbox's own webhook signing keys (HighLevel's private keys are, of course, not public). */
	readonly signing = {
		ed25519: generateKeyPairSync('ed25519'),
		rsa: generateKeyPairSync('rsa', { modulusLength: 2048 }),
	};

	constructor(options: HighLevelSandboxOptions = {}) {
		this.options = {
			clientId: 'hl-client',
			clientSecret: 'hl-secret',
			locationId: 'loc-sandbox',
			privateToken: 'pit-sandbox-0000',
			tokenTtlSeconds: 86_399,
			providersShape: 'object',
			notFoundStatus: 400,
			createdStatus: 200,
			orders: 30,
			subscriptions: 8,
			maxLimit: 0,
			ignoreOffset: false,
			orderListRows: 'documented',
			clientCredentialsGrant: 'tokenWithoutLocation',
			appOnlyRefusalStatus: 401,
			listOrder: 'newestFirst',
			installedAt: 'location',
			orderGetPaymentStatus: 'omitted',
			secondLocationId: 'loc-branch',
			...options,
		};
		rememberSecret(this.options.clientSecret, this.options.privateToken);
		this.limiter = new RateLimiter(
			options.rateLimit?.limit ?? 100,
			options.rateLimit?.windowMs ?? 10_000,
		);
		for (let n = 1; n <= this.options.orders; n++) {
			const order = seedOrder(this.options.locationId, n);
			this.orders.set(order._id, order);
			if (order.paymentStatus === 'paid') {
				const transaction = seedTransaction(order, n);
				this.transactions.set(transaction._id, transaction);
			}
		}
		for (let n = 1; n <= this.options.subscriptions; n++) {
			const subscription = seedSubscription(this.options.locationId, n);
			this.subscriptions.set(subscription._id, subscription);
		}
		if (this.options.installedAt === 'agency')
			for (let n = 1; n <= 3; n++) {
				const order = seedOrder(this.options.secondLocationId, 0x800 + n);
				this.orders.set(order._id, order);
			}
	}

	/** The sub-accounts an agency install may reach. */
	approvedLocations() {
		return this.options.installedAt === 'agency'
			? [this.options.locationId, this.options.secondLocationId]
			: [this.options.locationId];
	}

	async start(port = 0) {
		this.url = await listen(this.server, port);
		return this.url;
	}

	/**
	 * Closes the sandbox, then holds every request it got from the package against payments.json and oauth.json
	 * (the contract tier's validator): a suite whose node sent an undocumented request fails here, whatever
	 * it asserted itself. Token requests n8n's own OAuth2 client makes are n8n's, not judged. One request is
	 * made off the contract on purpose and named: a client-credentials credential with no token yet gets one
	 * through a one-record order list without altId, which HighLevel refuses with nothing read or changed.
	 */
	async stop() {
		await close(this.server);
		const ours = this.requests.filter(
			(r) =>
				(r.path.startsWith('/payments/') || r.path === '/oauth/locationToken') &&
				!(r.path === '/payments/orders' && !r.query.altId && r.query.limit === '1'),
		);
		const violations = await contractViolations(ours);
		// Answers as documented are the default: with the answer-shaping switches as they start, every answer
		// of the suite is held against its response schema too.
		const documentedAnswers =
			this.options.providersShape === 'object' &&
			this.options.orderListRows === 'documented' &&
			this.options.orderGetPaymentStatus === 'omitted' &&
			this.options.createdStatus === 200;
		if (documentedAnswers) violations.push(...(await answerViolations(ours)));
		if (violations.length)
			throw new Error(
				`The HighLevel sandbox got or gave what its vendor files do not document:\n${violations.join('\n')}`,
			);
	}

	setRateLimit(limit: number, windowMs: number, retryAfterSeconds?: number) {
		this.options.rateLimit = { limit, windowMs, retryAfterSeconds };
		this.limiter = new RateLimiter(limit, windowMs);
	}

	addFault(fault: Fault) {
		this.faults.add(fault);
	}

	expireTokens() {
		for (const token of this.tokens.values()) token.expiresAt = 0;
	}

	/** Location tokens stop working (revoked or expired early); agency tokens stay valid. */
	revokeLocationTokens() {
		for (const [token, record] of this.tokens) if (token.startsWith('hl-lt-')) record.expiresAt = 0;
	}

	paymentsRequests() {
		return this.requests.filter((r) => r.path.startsWith('/payments/'));
	}

	clearLog() {
		this.requests.length = 0;
		this.tokenRequests = [];
	}

	/** The first order (by creation) as tests address it. */
	orderId(n: number) {
		return hlId('0d', n);
	}

	priceId(n: number) {
		return priceIdOf(n);
	}

	/** Issues a code as if a user chose the location on the authorize page (for tests that skip the page). */
	issueCode(redirectUri: string) {
		const code = randomBytes(12).toString('hex');
		this.codes.set(code, { locationId: this.options.locationId, redirectUri });
		return code;
	}

	/** The public keys to configure in the webhook trigger (PEM). */
	publicKeys() {
		const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
		return { ed25519: pem(this.signing.ed25519.publicKey), rsa: pem(this.signing.rsa.publicKey) };
	}

	/**
	 * Sends a webhook the way HighLevel documents it: order events as JSON with `type` and `locationId`;
	 * invoice events (Invoice*) with neither, naming the location in `altId` (their documented payloads have
	 * no `type`) unless `typed` is asked for; `timestamp` and `webhookId` on every delivery; signed over the raw bytes. On request: forged (signed with another key), stale, a replay of an
	 * earlier webhookId, tampered after signing, unsigned, or signed with the older RSA scheme only.
	 */
	async deliverWebhook(
		url: string,
		type: string,
		data: Record<string, unknown>,
		how: {
			scheme?: 'ed25519' | 'rsa' | 'both' | 'none';
			forged?: boolean;
			staleMinutes?: number;
			webhookId?: string;
			tampered?: boolean;
			typed?: boolean;
			/** Retry a 429 as HighLevel does, after this many ms each time (at most six retries). */
			retryEveryMs?: number;
		} = {},
	): Promise<{
		status: number;
		body: string;
		webhookId: string;
		/** Every answer, the first and each retry's. */
		answers: Array<{ status: number; body: string }>;
		/** Sends the very same request again (a replay). */
		resend: () => Promise<{ status: number; body: string }>;
	}> {
		const webhookId = how.webhookId ?? randomUUID();
		const documented =
			type.startsWith('Invoice') && !how.typed
				? { altId: this.options.locationId, altType: 'location' }
				: { type, locationId: this.options.locationId };
		const payload = {
			...documented,
			...data,
			timestamp: new Date(Date.now() - (how.staleMinutes ?? 0) * 60_000).toISOString(),
			webhookId,
		};
		const raw = Buffer.from(JSON.stringify(payload));
		const keys = how.forged
			? {
					ed25519: generateKeyPairSync('ed25519'),
					rsa: generateKeyPairSync('rsa', { modulusLength: 2048 }),
				}
			: this.signing;
		const headers: Record<string, string> = { 'Content-Type': 'application/json' };
		const scheme = how.scheme ?? 'ed25519';
		if (scheme === 'ed25519' || scheme === 'both')
			headers['x-ghl-signature'] = sign(null, raw, keys.ed25519.privateKey).toString('base64');
		if (scheme === 'rsa' || scheme === 'both')
			headers['x-wh-signature'] = sign('sha256', raw, keys.rsa.privateKey).toString('base64');
		const sent = how.tampered ? Buffer.from(JSON.stringify({ ...payload, amount: 1 })) : raw;
		const send = async () => {
			const response = await fetch(url, { method: 'POST', headers, body: sent });
			return { status: response.status, body: await response.text() };
		};
		const first = await send();
		// HighLevel's "Automated Webhook Retries": only a 429 is retried, with the same payload (same timestamp
		// and webhookId), about every 10 minutes, six times; here every `retryEveryMs` (time-scaled).
		const answers = [first];
		if (how.retryEveryMs !== undefined)
			while (answers.at(-1)!.status === 429 && answers.length <= 6) {
				await new Promise((resolve) => setTimeout(resolve, how.retryEveryMs));
				answers.push(await send());
			}
		return { ...first, webhookId, answers, resend: send };
	}

	/** A new order (and its payment when paid), created now, as a customer checkout would. */
	addOrder(fields: Record<string, unknown> = {}) {
		const n = this.orders.size + 1;
		const now = new Date().toISOString();
		const order = {
			...seedOrder(this.options.locationId, n),
			_id: this.nextId('0d'),
			createdAt: now,
			updatedAt: now,
			...fields,
		} as HlRecord;
		this.orders.set(order._id, order);
		return order;
	}

	/** An order changes as a checkout or a payment changes it: its fields, and its update time. */
	updateOrder(orderId: string, fields: Record<string, unknown>) {
		Object.assign(this.orders.get(orderId)!, fields, {
			updatedAt: new Date(Date.now() + 1).toISOString(),
		});
	}

	/** A payment of an order, created now. */
	addTransaction(order: HlRecord, fields: Record<string, unknown> = {}) {
		const transaction = {
			...seedTransaction(order, this.transactions.size + 1),
			_id: this.nextId('7a'),
			createdAt: new Date().toISOString(),
			fulfilledAt: new Date().toISOString(),
			...fields,
		} as HlRecord;
		this.transactions.set(transaction._id, transaction);
		return transaction;
	}

	refund(transactionId: string, amount: number) {
		const transaction = this.transactions.get(transactionId)!;
		transaction.amountRefunded = Number(transaction.amountRefunded ?? 0) + amount;
		transaction.updatedAt = new Date().toISOString();
	}

	/** Adds a tracking number to an existing fulfillment (as the shop's carrier integration does). */
	addTracking(orderId: string, fulfillmentId: string, trackingNumber: string) {
		const fulfillment = (this.fulfillments.get(orderId) ?? []).find(
			(f) => f._id === fulfillmentId,
		)!;
		(fulfillment.trackings as Array<Record<string, unknown>>).push({
			trackingNumber,
			shippingCarrier: 'UPS',
		});
		this.orders.get(orderId)!.updatedAt = new Date(Date.now() + 1).toISOString();
	}

	private nextId(prefix: string) {
		return hlId(prefix, 0xf000 + ++this.counter);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const { url, entry } = await this.requests.record(req);
		const { body } = entry;
		const fault = this.faults.take(entry.method, entry.path);
		if (fault) {
			entry.status = fault.status ?? 0;
			return await playFault(fault, res);
		}
		const [status, answer, headers] = this.route(entry.method, url, req.headers, body);
		entry.status = status;
		entry.answer = answer;
		if (status === 302) {
			res.writeHead(302, { Location: String(answer) });
			return res.end();
		}
		if (typeof answer === 'string')
			return sendText(
				res,
				status,
				answer,
				headers,
				answer.startsWith('<!DOCTYPE') ? 'text/html; charset=utf-8' : undefined,
			);
		return sendJson(res, status, answer, headers);
	}

	private route(
		method: string,
		url: URL,
		headers: http.IncomingHttpHeaders,
		body: unknown,
	): [number, unknown, Record<string, string>] {
		const path = url.pathname.replace(/\/+$/, '');
		// The docs name /v2/oauth/chooselocation; HighLevel's SDK opens the older path, which is served too.
		const authorizePath = /^(\/v2)?\/oauth\/chooselocation$/.exec(path);
		if (authorizePath && method === 'GET')
			return [200, this.authorizePage(url, authorizePath[1] ?? ''), {}];
		if (/^(\/v2)?\/oauth\/chooselocation\/approve$/.test(path) && method === 'GET') {
			this.authorizePagesOpened.push(path.replace(/\/approve$/, ''));
			const redirectUri = url.searchParams.get('redirect_uri') ?? '';
			const code = this.issueCode(redirectUri);
			const target = new URL(redirectUri);
			target.searchParams.set('code', code);
			if (url.searchParams.get('state'))
				target.searchParams.set('state', url.searchParams.get('state')!);
			return [302, target.toString(), {}];
		}
		if (path === '/oauth/token' && method === 'POST')
			return this.token(headers, (body ?? {}) as Record<string, string>);
		if (path === '/oauth/locationToken' && method === 'POST')
			return this.locationToken(headers, (body ?? {}) as Record<string, string>);
		if (path.startsWith('/payments/'))
			return this.payments(method, path, url.searchParams, headers, body);
		return [404, { statusCode: 404, message: `Cannot ${method} ${path}`, error: 'Not Found' }, {}];
	}

	private authorizePage(url: URL, prefix: string) {
		const approve = new URL(`${this.url}${prefix}/oauth/chooselocation/approve`);
		for (const [k, v] of url.searchParams) approve.searchParams.set(k, v);
		const page = htmlPage('Choose a location').replace(
			'</body>',
			`<p>${url.searchParams.get('client_id') === this.options.clientId ? 'HighLevel sandbox app' : 'Unknown app'} asks for: ${url.searchParams.get('scope') ?? ''}</p><a id="approve" href="${approve.toString().replace(/&/g, '&amp;')}">Sandbox location</a></body>`,
		);
		return page;
	}

	private token(
		headers: http.IncomingHttpHeaders,
		form: Record<string, string>,
	): [number, unknown, Record<string, string>] {
		this.tokenRequests.push(form);
		let clientId = form.client_id;
		let clientSecret = form.client_secret;
		const basic = /^Basic (.+)$/i.exec(String(headers.authorization ?? ''));
		if (basic)
			[clientId, clientSecret] = Buffer.from(basic[1], 'base64')
				.toString('utf8')
				.split(':')
				.map(decodeURIComponent);
		if (clientId !== this.options.clientId || clientSecret !== this.options.clientSecret) {
			return [
				401,
				{ error: 'invalid_client', error_description: 'Client authentication failed' },
				{},
			];
		}
		let locationId = this.options.locationId;
		switch (form.grant_type) {
			case 'authorization_code': {
				const issued = this.codes.get(form.code ?? '');
				if (!issued || (form.redirect_uri && form.redirect_uri !== issued.redirectUri))
					return [
						400,
						{ error: 'invalid_grant', error_description: 'Invalid authorization code' },
						{},
					];
				this.codes.delete(form.code);
				locationId = issued.locationId;
				break;
			}
			case 'refresh_token': {
				const owner = this.refreshTokens.get(form.refresh_token ?? '');
				if (!owner)
					return [400, { error: 'invalid_grant', error_description: 'Invalid refresh token' }, {}];
				// A refresh returns a new refresh token; the old one stops working.
				this.refreshTokens.delete(form.refresh_token);
				locationId = owner;
				break;
			}
			case 'client_credentials':
				if (this.options.clientCredentialsGrant === 'refused')
					return [
						400,
						{
							error: 'unsupported_grant_type',
							error_description: 'The grant type is not supported for this client',
						},
						{},
					];
				if (this.options.clientCredentialsGrant === 'tokenWithoutLocation') locationId = '';
				break;
			default:
				return [400, { error: 'unsupported_grant_type' }, {}];
		}
		const agency =
			this.options.installedAt === 'agency' && form.grant_type !== 'client_credentials';
		if (agency) locationId = '';
		const accessToken = `hl-at-${randomBytes(16).toString('hex')}`;
		const refreshToken = `hl-rt-${randomBytes(16).toString('hex')}`;
		rememberSecret(accessToken, refreshToken);
		this.tokens.set(accessToken, {
			locationId,
			expiresAt: Date.now() + this.options.tokenTtlSeconds * 1000,
			kind: 'oauth',
			userType: agency ? 'Company' : 'Location',
		});
		this.refreshTokens.set(refreshToken, locationId);
		return [
			200,
			{
				access_token: accessToken,
				token_type: 'Bearer',
				expires_in: this.options.tokenTtlSeconds,
				refresh_token: refreshToken,
				scope: form.scope ?? 'payments/orders.readonly',
				userType: agency ? 'Company' : (form.user_type ?? 'Location'),
				...(locationId ? { locationId } : {}),
				companyId: COMPANY_ID,
				...(agency
					? { approvedLocations: this.approvedLocations(), isBulkInstallation: true }
					: {}),
				userId: 'user-sandbox',
			},
			{},
		];
	}

	/** oauth.json `POST /oauth/locationToken`: an agency (Company) token exchanged for a location's token. */
	private locationToken(
		headers: http.IncomingHttpHeaders,
		form: Record<string, string>,
	): [number, unknown, Record<string, string>] {
		this.tokenRequests.push({ grant_type: 'locationToken', ...form });
		const bearer = /^Bearer (.+)$/i.exec(String(headers.authorization ?? ''))?.[1] ?? '';
		const company = this.tokens.get(bearer);
		if (!company || company.expiresAt <= Date.now()) return this.error(401, 'Invalid JWT');
		if (company.userType !== 'Company')
			return this.error(401, 'This route can only be invoked using an agency access token');
		if (headers.version !== VERSION) return this.error(400, `Version header must be ${VERSION}`);
		const problems: string[] = [];
		if (!form.companyId) problems.push('companyId should not be empty');
		if (!form.locationId) problems.push('locationId should not be empty');
		if (problems.length) return this.error(422, problems);
		if (form.companyId !== COMPANY_ID || !this.approvedLocations().includes(form.locationId))
			return this.error(400, 'Location not found or the app is not installed in it');
		const accessToken = `hl-lt-${randomBytes(16).toString('hex')}`;
		rememberSecret(accessToken);
		this.tokens.set(accessToken, {
			locationId: form.locationId,
			expiresAt: Date.now() + this.options.tokenTtlSeconds * 1000,
			kind: 'oauth',
			userType: 'Location',
		});
		return [
			200,
			{
				access_token: accessToken,
				token_type: 'Bearer',
				expires_in: this.options.tokenTtlSeconds,
				scope: 'payments/orders.readonly payments/orders.write',
				locationId: form.locationId,
				userId: 'user-sandbox',
			},
			{},
		];
	}

	private rateHeaders(): Record<string, string> {
		const limit = this.options.rateLimit?.limit ?? 100;
		const remaining = Math.max(0, limit - this.limiter.used());
		return {
			'X-RateLimit-Max': String(limit),
			'X-RateLimit-Remaining': String(remaining),
			'X-RateLimit-Interval-Milliseconds': String(this.options.rateLimit?.windowMs ?? 10_000),
			'X-RateLimit-Limit-Daily': '200000',
			'X-RateLimit-Daily-Remaining': String(200_000 - this.dailyUsed),
		};
	}

	private error(
		status: number,
		message: string | string[],
		extra: Record<string, string> = {},
	): [number, unknown, Record<string, string>] {
		const error =
			{
				400: 'Bad Request',
				401: 'Unauthorized',
				403: 'Forbidden',
				404: 'Not Found',
				422: 'Unprocessable Entity',
				429: 'Too Many Requests',
			}[status] ?? 'Error';
		return [
			status,
			{ statusCode: status, message, error, traceId: randomBytes(8).toString('hex') },
			{ ...this.rateHeaders(), ...extra },
		];
	}

	private payments(
		method: string,
		path: string,
		query: URLSearchParams,
		headers: http.IncomingHttpHeaders,
		body: unknown,
	): [number, unknown, Record<string, string>] {
		const auth = /^Bearer (.+)$/i.exec(String(headers.authorization ?? ''));
		const bearer = auth?.[1] ?? '';
		const token: Token | undefined =
			bearer === this.options.privateToken
				? {
						locationId: this.options.locationId,
						expiresAt: Infinity,
						kind: 'pit',
						userType: 'Location',
					}
				: this.tokens.get(bearer);
		if (!token || token.expiresAt <= Date.now()) return this.error(401, 'Invalid JWT');
		// Scopes.md: the payments scopes are Sub-Account scopes; an agency token reaches none of them.
		if (token.userType === 'Company')
			return this.error(401, 'The token is not authorized for this scope.');
		if (!this.limiter.allow()) {
			const extra: Record<string, string> = {};
			if (this.options.rateLimit?.retryAfterSeconds !== undefined)
				extra['Retry-After'] = String(this.options.rateLimit.retryAfterSeconds);
			return this.error(429, 'Too many requests, please try again later.', extra);
		}
		this.dailyUsed++;
		// payments.json documents 2021-07-28; payments-v3.json publishes the same paths under v3.
		if (headers.version !== VERSION && headers.version !== 'v3')
			return this.error(400, `Version header must be ${VERSION}`);
		const input = (
			method === 'GET' ? Object.fromEntries(query) : ((body ?? {}) as Record<string, unknown>)
		) as Record<string, unknown>;
		const problems: string[] = [];
		if (!input.altId) problems.push('altId should not be empty');
		// payments.json: the order list and order Get take altId alone; every other call altId and altType.
		const orderRead = method === 'GET' && /^\/payments\/orders(\/[^/]+)?$/.test(path);
		if (!input.altType && !orderRead) problems.push('altType should not be empty');
		else if (input.altType !== undefined && input.altType !== 'location')
			problems.push('altType must be one of the following values: location');
		if (problems.length) return this.error(422, problems);
		// A token that names no location (client credentials) reaches the locations of its company: the sandbox's one.
		if (input.altId !== (token.locationId || this.options.locationId))
			return this.error(403, 'The token does not have access to this location.');
		const location = String(input.altId);
		const segments = path.split('/').filter(Boolean).slice(1);
		const ok = (answer: unknown, status = 200): [number, unknown, Record<string, string>] => [
			status,
			answer,
			this.rateHeaders(),
		];
		switch (segments[0]) {
			case 'orders': {
				if (segments.length === 1 && method === 'GET')
					return this.list(
						[...this.orders.values()].filter((o) => o.altId === location),
						query,
						ok,
						(order) => (this.options.orderListRows === 'documented' ? orderListRow(order) : order),
					);
				const order = this.orders.get(segments[1] ?? '');
				if (!order || order.altId !== location)
					return this.error(this.options.notFoundStatus, 'Order not found');
				if (segments.length === 2 && method === 'GET')
					return ok(orderAnswer(order, this.options.orderGetPaymentStatus === 'returned'));
				if (segments[2] === 'fulfillments' && method === 'GET')
					return ok({ status: true, data: this.fulfillments.get(order._id) ?? [] });
				if (segments[2] === 'fulfillments' && method === 'POST')
					return this.createFulfillment(order, input, ok);
				break;
			}
			case 'transactions': {
				if (segments.length === 1 && method === 'GET')
					return this.list([...this.transactions.values()], query, ok, present);
				const transaction = this.transactions.get(segments[1] ?? '');
				return transaction
					? ok(transactionAnswer(transaction))
					: this.error(this.options.notFoundStatus, 'Transaction not found');
			}
			case 'subscriptions': {
				if (segments.length === 1 && method === 'GET')
					return this.list([...this.subscriptions.values()], query, ok, subscriptionRow);
				const subscription = this.subscriptions.get(segments[1] ?? '');
				return subscription
					? ok(subscriptionAnswer(subscription))
					: this.error(this.options.notFoundStatus, 'Subscription not found');
			}
			case 'integrations': {
				if (segments.join('/') !== 'integrations/provider/whitelabel') break;
				if (method === 'GET') {
					const page = this.page(this.providers, query);
					return ok({
						providers: this.options.providersShape === 'object' ? (page[0] ?? {}) : page,
					});
				}
				if (token.kind === 'pit')
					return this.error(
						this.options.appOnlyRefusalStatus,
						'This endpoint can only be invoked using a marketplace app token',
					);
				return this.createProvider(input, ok);
			}
		}
		return this.error(404, `Cannot ${method} ${path}`);
	}

	private page(records: HlRecord[], query: URLSearchParams) {
		const asked = Number(query.get('limit') ?? 10);
		const limit = this.options.maxLimit ? Math.min(asked, this.options.maxLimit) : asked;
		const offset = this.options.ignoreOffset ? 0 : Number(query.get('offset') ?? 0);
		return records.slice(offset, offset + limit);
	}

	private list(
		records: HlRecord[],
		query: URLSearchParams,
		ok: (a: unknown) => [number, unknown, Record<string, string>],
		row: (record: HlRecord) => HlRecord,
	): [number, unknown, Record<string, string>] {
		const problems: string[] = [];
		for (const name of ['startAt', 'endAt']) {
			const value = query.get(name);
			if (value && Number.isNaN(Date.parse(value)))
				problems.push(`${name} must be a valid ISO 8601 date string`);
		}
		for (const name of ['limit', 'offset']) {
			const value = query.get(name);
			if (value !== null && !(Number.isInteger(Number(value)) && Number(value) >= 0))
				problems.push(`${name} must be a non-negative integer`);
		}
		if (problems.length) return this.error(422, problems);
		const equals = [
			'status',
			'paymentStatus',
			'contactId',
			'entityId',
			'subscriptionId',
			'entitySourceType',
			'entitySourceSubType',
			'sourceId',
		];
		let matching = records.filter((r) =>
			equals.every(
				(name) =>
					!query.get(name) ||
					String(name === 'sourceId' ? (r.source as HlRecord | undefined)?.id : r[name]) ===
						query.get(name),
			),
		);
		const id = query.get('id');
		if (id) matching = matching.filter((r) => r._id === id || r.subscriptionId === id);
		const mode = query.get('paymentMode');
		if (mode) matching = matching.filter((r) => (mode === 'live') === (r.liveMode !== false));
		const search = query.get('search')?.toLowerCase();
		if (search) matching = matching.filter((r) => JSON.stringify(r).toLowerCase().includes(search));
		const startAt = query.get('startAt');
		const endAt = query.get('endAt');
		if (startAt)
			matching = matching.filter((r) => Date.parse(String(r.createdAt)) >= Date.parse(startAt));
		if (endAt)
			matching = matching.filter(
				(r) =>
					Date.parse(String(r.createdAt)) <=
					Date.parse(endAt.length === 10 ? `${endAt}T23:59:59.999Z` : endAt),
			);
		matching.sort(
			(a, b) =>
				String(b.createdAt).localeCompare(String(a.createdAt)) || b._id.localeCompare(a._id),
		);
		if (this.options.listOrder === 'oldestFirst') matching.reverse();
		const page = this.page(matching, query);
		return ok({ data: page.map(row), totalCount: matching.length });
	}

	private createFulfillment(
		order: HlRecord,
		input: Record<string, unknown>,
		ok: (a: unknown, s?: number) => [number, unknown, Record<string, string>],
	): [number, unknown, Record<string, string>] {
		const items = input.items as Array<Record<string, unknown>> | undefined;
		const problems: string[] = [];
		if (!Array.isArray(items) || !items.length) problems.push('items should not be empty');
		for (const [i, item] of (items ?? []).entries()) {
			if (!item.priceId) problems.push(`items.${i}.priceId should not be empty`);
			if (!(typeof item.qty === 'number' && item.qty > 0))
				problems.push(`items.${i}.qty must be a positive number`);
		}
		if (!Array.isArray(input.trackings)) problems.push('trackings must be an array');
		if (problems.length) return this.error(422, problems);
		const ordered = order.items as Array<{
			_id: string;
			name: string;
			product?: unknown;
			qty: number;
			price: { _id: string };
		}>;
		for (const item of items!)
			if (!ordered.some((o) => o.price._id === item.priceId))
				return this.error(400, `Price ${item.priceId} is not part of this order`);
		const now = new Date().toISOString();
		// Items in answers as HighLevel documents them: {_id, name, product, price, qty}, not the priceId that was sent.
		const answered = items!.map((item) => {
			const line = ordered.find((o) => o.price._id === item.priceId)!;
			return {
				_id: line._id,
				name: line.name,
				product: line.product,
				price: line.price,
				qty: item.qty,
			};
		});
		const fulfillment: HlRecord = {
			_id: this.nextId('f1'),
			altId: order.altId,
			altType: 'location',
			trackings: input.trackings,
			items: answered,
			createdAt: now,
			updatedAt: now,
		};
		const list = [...(this.fulfillments.get(order._id) ?? []), fulfillment];
		this.fulfillments.set(order._id, list);
		const shipped = (priceId: string) =>
			list
				.flatMap((f) => f.items as Array<{ price: { _id: string }; qty: number }>)
				.filter((i) => i.price._id === priceId)
				.reduce((a, i) => a + i.qty, 0);
		order.fulfillmentStatus = ordered.every((o) => shipped(o.price._id) >= o.qty)
			? 'fulfilled'
			: 'partially_fulfilled';
		order.updatedAt = now;
		return ok({ status: true, data: fulfillment }, this.options.createdStatus);
	}

	private createProvider(
		input: Record<string, unknown>,
		ok: (a: unknown, s?: number) => [number, unknown, Record<string, string>],
	): [number, unknown, Record<string, string>] {
		const problems: string[] = [];
		if (!/^[a-z](?:[a-z-]*[a-z])?$/.test(String(input.uniqueName ?? '')))
			problems.push(
				'uniqueName must contain only lowercase letters and hyphens, starting and ending with a letter',
			);
		for (const field of ['title', 'description'])
			if (!input[field]) problems.push(`${field} should not be empty`);
		if (!['authorize-net', 'nmi'].includes(String(input.provider)))
			problems.push('provider must be one of the following values: authorize-net, nmi');
		if (!String(input.imageUrl ?? '').startsWith('https://'))
			problems.push('imageUrl must be a URL address starting with https://');
		if (problems.length) return this.error(422, problems);
		const now = new Date().toISOString();
		const provider: HlRecord = {
			_id: this.nextId('9e'),
			altId: input.altId,
			altType: 'location',
			title: input.title,
			route: `/payments/custom/${input.uniqueName}`,
			provider: input.provider,
			description: input.description,
			imageUrl: input.imageUrl,
			createdAt: now,
			updatedAt: now,
		};
		this.providers.push(provider);
		return ok(provider, this.options.createdStatus);
	}
}
