/**
 * Where the nodes meet n8n's machinery and servers that do not behave, through n8n-core's engine over real
 * HTTP: redirects and where credentials go, token requests and Allowed Domains, Halo key notation, secrets
 * in the encodings the package produces and across length limits, pauses asked for by successful answers,
 * stored tokens tied to their issuer, the webhook trigger's locations, connections closed when a call is
 * given up, and damaged polling state. Outcomes go to RELIABILITY.md.
 */
import type { IDataObject } from 'n8n-workflow';
import { PollRunner } from '../harness/pollRunner';
import { withFixture } from '../harness/fixture';
import { Recorder } from '../harness/recorder';
import { WebhookRunner } from '../harness/webhookRunner';
import { CredentialStore } from '../harness/inProcess';
import { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { haloFixture, HALO_CRED } from './haloFixture';
import { highLevelFixture } from './highLevelFixture';
import { ingramFixture } from './ingramFixture';
import { recordCell } from './reliabilityReport';

jest.setTimeout(120_000);

const SECTION = 'Seams with n8n';
const byId = (value: unknown) => ({ __rl: true, mode: 'id', value });
const whole = (error: unknown) =>
	JSON.stringify({
		...(error as object),
		message: (error as Error)?.message,
		description: (error as { description?: string })?.description,
	});

let foreign: Recorder;
beforeEach(async () => {
	foreign = new Recorder();
	await foreign.start();
});
afterEach(async () => {
	await foreign.stop();
});

const foreignHost = () => new URL(foreign.url).host;

describe('redirects never carry a credential to another origin', () => {
	test('HaloPSA: a 302 to another origin is refused naming both hosts; the other origin receives nothing', async () => {
		await withFixture(haloFixture(), async (halo) => {
			halo.sandbox.addFault({
				method: 'GET',
				path: /^\/api\/ecommerceorder\/1$/i,
				status: 302,
				headers: { Location: `${foreign.url}/api/EcommerceOrder/1` },
				body: '',
			});
			const { error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: byId(1),
			});
			expect(error?.message).toBe(
				`HaloPSA answered GET /EcommerceOrder/1 with a redirect (HTTP 302) from ${new URL(halo.url).host} to ${foreignHost()}: not followed`,
			);
			expect(error?.description).toMatch(/would carry the credential there/);
			expect(foreign.requests).toHaveLength(0);
			recordCell(
				SECTION,
				'HaloPSA Get answered 302 to another origin',
				'where the bearer token goes',
				'not followed: the error names both hosts; the other origin received nothing',
			);
		});
	});

	test('HaloPSA: a same-origin redirect of a read is followed', async () => {
		await withFixture(haloFixture(), async (halo) => {
			halo.sandbox.addFault({
				method: 'GET',
				path: /^\/api\/ecommerceorder\/1$/i,
				status: 301,
				headers: { Location: `${halo.url}/api/EcommerceOrder/2` },
				body: '',
			});
			const { items, error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: byId(1),
				simplify: false,
			});
			expect(error).toBeUndefined();
			expect(items[0].json.id).toBe(2);
			recordCell(
				SECTION,
				'HaloPSA Get answered 301 to another path of the same origin',
				'what is read',
				'followed (reads only, at most 5 hops)',
			);
		});
	});

	test('HaloPSA record picker: the same refusal', async () => {
		const { runPicker } = await import('../harness/pickerRunner');
		await withFixture(haloFixture(), async (halo) => {
			halo.sandbox.addFault({
				method: 'GET',
				path: /^\/api\/ecommerceorder$/i,
				status: 307,
				headers: { Location: `${foreign.url}/api/EcommerceOrder` },
				body: '',
			});
			const error = await runPicker({
				type: 'n8n-nodes-halopsa-marketplace.haloPsaMarketplace',
				method: 'searchEcommerceOrder',
				parameters: { resource: 'ecommerceOrder', operation: 'get' },
				credentials: { [HALO_CRED]: halo.credential },
				store: halo.store,
			}).then(
				() => undefined,
				(e: Error) => e,
			);
			expect(error?.message).toMatch(/with a redirect \(HTTP 307\) .* not followed/);
			expect(foreign.requests).toHaveLength(0);
		});
	});

	test('Ingram Micro: a token request answered 307 to another origin sends it no password, Basic string or key', async () => {
		await withFixture(ingramFixture(), async (im) => {
			im.sandbox.addFault({
				method: 'POST',
				path: /\/token$/,
				status: 307,
				headers: { Location: `${foreign.url}/token` },
				body: '',
			});
			const { error } = await im.run({
				resource: 'customer',
				operation: 'get',
				customerId: byId('CUS-1001'),
			});
			expect(`${error?.message} ${error?.description}`).toMatch(
				new RegExp(
					`redirect \\(HTTP 307\\) from 127\\.0\\.0\\.1:\\d+ to ${foreignHost()}: not followed`,
				),
			);
			expect(foreign.requests).toHaveLength(0);
			recordCell(
				SECTION,
				'Ingram Micro token request answered 307 to another origin',
				'where the Basic string and subscription key go',
				'not followed: the error names both hosts; the other origin received nothing',
			);
		});
	});

	test('HighLevel (OAuth2 and Private Integration Token): an API call answered 302 elsewhere is refused', async () => {
		await withFixture(highLevelFixture(), async (hl) => {
			for (const auth of ['code', 'privateToken'] as const) {
				hl.sandbox.addFault({
					method: 'GET',
					path: /\/payments\/orders\/[^/]+$/,
					status: 302,
					headers: { Location: `${foreign.url}/payments/orders/x` },
					body: '',
				});
				const { error } = await hl.run(
					{ resource: 'order', operation: 'get', orderId: byId(hl.sandbox.orderId(1)) },
					{ auth },
				);
				expect(error?.message).toMatch(
					new RegExp(
						`redirect \\(HTTP 302\\) from 127\\.0\\.0\\.1:\\d+ to ${foreignHost()}: not followed`,
					),
				);
			}
			expect(foreign.requests).toHaveLength(0);
			recordCell(
				SECTION,
				'HighLevel order Get answered 302 to another origin (OAuth2, Private Integration Token)',
				'where the token goes',
				'not followed: the error names both hosts; the other origin received nothing',
			);
		});
	});
});

describe('token requests keep to Allowed Domains', () => {
	test('HaloPSA: an Authorisation Server URL on another host gets no client secret', async () => {
		await withFixture(
			haloFixture(
				{},
				{
					authServerUrl: `http://localhost:${new URL(foreign.url).port}/auth`,
					allowedHttpRequestDomains: 'domains',
					allowedDomains: '127.0.0.1',
				},
			),
			async (halo) => {
				const { error } = await halo.run({
					resource: 'ecommerceOrder',
					operation: 'get',
					recordId: byId(1),
				});
				expect(error?.message).toMatch(
					/The token URL's host localhost is not in the credential's Allowed Domains \(127\.0\.0\.1\), so the token request was not sent/,
				);
				expect(foreign.requests).toHaveLength(0);
				expect(halo.sandbox.apiRequests()).toHaveLength(0);
				recordCell(
					SECTION,
					'HaloPSA credential limited to 127.0.0.1, Authorisation Server URL on localhost',
					'where the client secret goes',
					'the token request is not sent; the error names the host and Allowed Domains',
				);
			},
		);
	});

	test('Ingram Micro: the same for its token URL', async () => {
		await withFixture(
			ingramFixture({}, { allowedHttpRequestDomains: 'domains', allowedDomains: 'api.cloud.im' }),
			async (im) => {
				const { error } = await im.run({
					resource: 'customer',
					operation: 'get',
					customerId: byId('CUS-1001'),
				});
				expect(error?.message).toMatch(
					/host 127\.0\.0\.1 is not in the credential's Allowed Domains/,
				);
				expect(im.sandbox.requests.filter((r) => r.path.endsWith('/token'))).toHaveLength(0);
			},
		);
	});
});

describe('HaloPSA keys are plain decimal digits', () => {
	const notations = ['0x10', '1e1', '0b11', '0o7', ' 7', '+7', '-7', '7.0', '9007199254740993', ''];

	test.each(notations)(
		'ID %j is refused naming the parameter and the item; nothing is sent',
		async (id) => {
			await withFixture(haloFixture(), async (halo) => {
				for (const operation of ['get', 'delete']) {
					const { error } = await halo.run(
						{ resource: 'ecommerceOrder', operation, recordId: '={{ $json.rl }}' },
						{ input: [{ rl: byId(id) }] },
					);
					expect(error?.message).toBe(
						`E-Commerce Order must be a HaloPSA ID (digits only, e.g. 42), got ${JSON.stringify(id)} [item 0]`,
					);
				}
				const parent = await halo.run(
					{
						resource: 'cspConsumptionData',
						operation: 'deleteByParent',
						parentId: '={{ $json.id }}',
					},
					{ input: [{ id }] },
				);
				expect(parent.error?.message).toMatch(/^Parent ID must be a HaloPSA ID/);
				const ticket = await halo.run(
					{
						resource: 'ecommerceOrder',
						operation: 'linkToTicket',
						recordId: byId(2),
						ticketId: '={{ $json.id }}',
					},
					{ input: [{ id }] },
				);
				expect(ticket.error?.message).toMatch(/^Ticket ID must be a HaloPSA ID/);
				expect(halo.sandbox.apiRequests()).toHaveLength(0);
				recordCell(
					SECTION,
					'HaloPSA IDs "0x10", "1e1", "0b11", "0o7", " 7", "+7", "-7", "7.0", 2^53+1, "" from expressions',
					'Get, Delete, Delete All of Parent, Link to Ticket',
					'refused naming the parameter and the item; nothing sent',
				);
			});
		},
	);
});

describe('secrets in every encoding the package produces, and across length limits', () => {
	test("HaloPSA: a client secret with ! ' ( ) ~ and spaces, echoed form-encoded by the token URL, is not shown", async () => {
		const secret = "Wrong!Secret~ (it's) ~x";
		await withFixture(
			haloFixture({ echoRequestInErrors: true }, { clientSecret: secret }),
			async (halo) => {
				const { error } = await halo.run({
					resource: 'ecommerceOrder',
					operation: 'get',
					recordId: byId(1),
				});
				const text = whole(error);
				expect(error?.message).toMatch(/rejected the client ID or client secret/);
				// The echo is there, with the secret taken out.
				expect(error?.message).toMatch(/client_secret=\[redacted\]&scope=all/);
				for (const form of [
					secret,
					encodeURIComponent(secret),
					new URLSearchParams({ s: secret }).toString().slice(2),
					'Wrong%21Secret',
					'Wrong!Secret',
				])
					expect(text).not.toContain(form);
				recordCell(
					SECTION,
					"HaloPSA token URL echoing a refused form with a secret containing ! ' ( ) ~ and spaces",
					'the error',
					'no form of the secret (plain, URI-, form-encoded) appears',
				);
			},
		);
	});

	test('HaloPSA: a write-only value straddling the cut of a long server message is not shown in part', async () => {
		await withFixture(haloFixture(), async (halo) => {
			const secret = 'STRADDLE-SECRET-0123456789';
			halo.sandbox.addFault({
				method: 'POST',
				path: /^\/api\/pax8details$/i,
				status: 400,
				body: `${'x'.repeat(490)} ${secret} and more text after it`,
			});
			const { error } = await halo.run(
				{
					resource: 'pax8Details',
					operation: 'upsert',
					inputMode: 'json',
					recordJson: '={{ JSON.stringify({ new_client_secret: $json.secret }) }}',
				},
				{ input: [{ secret }] },
			);
			expect(error).toBeDefined();
			expect(whole(error)).not.toContain(secret.slice(0, 8));
			recordCell(
				SECTION,
				'HaloPSA 400 whose 520-character text holds a new_* value across the 500-character cut',
				'the error',
				'redacted before the cut: no part of the value appears',
			);
		});
	});
});

describe("HighLevel's rate-limit headers on a successful answer", () => {
	test('a pause longer than Rate Limit Wait fails the next item at once, with nothing sent', async () => {
		await withFixture(highLevelFixture(), async (hl) => {
			hl.sandbox.addFault({
				method: 'GET',
				path: /\/payments\/orders$/,
				status: 200,
				headers: {
					'Content-Type': 'application/json',
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Interval-Milliseconds': '20000',
				},
				body: '{"data":[],"totalCount":0}',
			});
			const started = Date.now();
			const { items, error } = await hl.run(
				{
					resource: 'order',
					operation: 'getAll',
					limit: 1,
					timeoutSeconds: 2,
					requestOptions: { rateLimitWaitSeconds: 0 },
				},
				{ input: [{}, {}] },
			);
			expect(Date.now() - started).toBeLessThan(5_000);
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(
				/^HighLevel asked for a pause of 20 s before GET \/payments\/orders, longer than what is left of Rate Limit Wait \(Seconds\)/,
			);
			expect(error?.description).toMatch(/^Nothing was sent for this item/);
			expect(hl.sandbox.paymentsRequests()).toHaveLength(1);
			expect((error as { failure?: unknown }).failure).toEqual({
				cause: 'rate-limited',
				retryAfterMs: expect.any(Number),
			});
			recordCell(
				SECTION,
				'HighLevel 200 with X-RateLimit-Remaining 0 and a 20 s interval, Rate Limit Wait 0',
				'the next item',
				'fails at once with nothing sent, naming the pause and Rate Limit Wait; cause rate-limited',
			);
		});
	});
});

describe('a stored token is used only with the token URL and client it was issued for', () => {
	test('HaloPSA: after the credential moves to another instance, that instance never sees the old token', async () => {
		await withFixture(haloFixture(), (first) =>
			withFixture(haloFixture(), async (second) => {
				expect(
					(await first.run({ resource: 'ecommerceOrder', operation: 'get', recordId: byId(1) }))
						.error,
				).toBeUndefined();
				const stored = first.store.get(first.credential.id)!;
				const oldToken = String(stored.data.accessToken);
				expect(oldToken).not.toBe('');
				// The user edits URLs (n8n keeps the hidden token through the edit).
				stored.data = {
					...stored.data,
					resourceServerUrl: second.url,
					authServerUrl: `${second.url}/auth`,
				};
				const { error } = await first.run({
					resource: 'ecommerceOrder',
					operation: 'get',
					recordId: byId(1),
				});
				expect(error).toBeUndefined();
				const seen = JSON.stringify(second.sandbox.requests.map((r) => r.headers));
				expect(seen).not.toContain(oldToken);
				expect(first.store.get(first.credential.id)!.data.accessToken).not.toBe(oldToken);
				recordCell(
					SECTION,
					"HaloPSA credential's URLs edited to another instance (stored token kept by n8n)",
					'what the new instance receives',
					'never the old token: a new one is fetched from the new token URL first',
				);
			}),
		);
	});

	test('Ingram Micro: the same after the Base URL changes', async () => {
		await withFixture(ingramFixture(), (first) =>
			withFixture(ingramFixture(), async (second) => {
				const get = { resource: 'customer', operation: 'get', customerId: byId('CUS-1001') };
				expect((await first.run(get)).error).toBeUndefined();
				const stored = first.store.get(first.credential.id)!;
				const oldToken = String(stored.data.accessToken);
				stored.data = { ...stored.data, baseUrl: second.base };
				expect((await first.run(get)).error).toBeUndefined();
				expect(JSON.stringify(second.sandbox.requests.map((r) => r.headers))).not.toContain(
					oldToken,
				);
			}),
		);
	});
});

describe('giving up on a call closes its connection', () => {
	test('HaloPSA API call: the server sees the socket close within the deadline + 1 s', async () => {
		foreign.mode = 'dribble';
		await withFixture(haloFixture(), async (halo) => {
			const record = halo.store.get(halo.credential.id)!;
			record.data = { ...record.data, resourceServerUrl: foreign.url };
			const started = Date.now();
			const { error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: byId(1),
				timeoutSeconds: 1,
			});
			expect(error?.message).toMatch(/did not answer GET \/EcommerceOrder\/1 within 1 s/);
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			const [call] = foreign.requests;
			expect(call.closedAt).toBeDefined();
			// The node's deadline is its timeout and 2 s (n8n's token request may come first).
			expect(call.closedAt! - started).toBeLessThan(3_000 + 1_000);
			recordCell(
				SECTION,
				'HaloPSA API answering a byte every 100 ms, Timeout 1 s',
				'the connection after the node gives up',
				'closed by the node within the deadline (timeout + 2 s) + 1 s',
			);
		});
	});

	test('HaloPSA token call: the same', async () => {
		foreign.mode = 'dribble';
		await withFixture(haloFixture(), async (halo) => {
			const record = halo.store.get(halo.credential.id)!;
			record.data = { ...record.data, authServerUrl: `${foreign.url}/auth` };
			const started = Date.now();
			const { error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: byId(1),
				timeoutSeconds: 1,
			});
			expect(error?.message).toMatch(/or its token URL .* did not answer the token request/);
			await new Promise((resolve) => setTimeout(resolve, 1_500));
			const [token] = foreign.requests;
			expect(token.url).toMatch(/^\/auth\/token/);
			expect(token.closedAt).toBeDefined();
			expect(token.closedAt! - started).toBeLessThan(3_000 + 1_000);
			recordCell(
				SECTION,
				'HaloPSA token URL answering a byte every 100 ms, Timeout 1 s',
				'the token connection after the node gives up',
				'closed within the deadline + 1 s',
			);
		});
	});
});

describe('damaged polling state', () => {
	test.each([
		['a string', 'seen'],
		['a number', 5],
		['true', true],
	])(
		'HaloPSA trigger: a cursor whose seen is %s starts anew, logged once, and recovers',
		async (_label, seen) => {
			await withFixture(haloFixture(), async (halo) => {
				const trigger = new PollRunner({
					type: 'n8n-nodes-halopsa-marketplace.haloPsaMarketplaceTrigger',
					parameters: { watch: 'ecommerceOrder' },
					credentials: { [HALO_CRED]: halo.credential },
					store: halo.store,
				});
				trigger.saved = JSON.stringify({
					'node:Trigger': { cursor: { v: 2, watch: 'ecommerceOrder', mark: 3, seen } },
				});
				const first = await trigger.poll();
				expect(first.error).toBeUndefined();
				const second = await trigger.poll();
				expect(second.error).toBeUndefined();
				expect(trigger.nodeStaticData().cursor).toMatchObject({ watch: 'ecommerceOrder' });
			});
		},
	);

	test('HighLevel polling trigger: a damaged cursor and fulfillment memory start anew', async () => {
		await withFixture(highLevelFixture(), async (hl) => {
			for (const damaged of [
				{ cursor: { v: 2, watch: 'fulfillment', mark: 1, seen: 'x' }, fulfillments: 7 },
				{ cursor: true, fulfillments: { a: 'not a list' } },
			]) {
				const trigger = new PollRunner({
					type: 'n8n-nodes-halopsa-marketplace.highLevelPaymentsPollingTrigger',
					parameters: { authentication: 'apiKey', watch: 'fulfillment' },
					credentials: { highLevelPaymentsApi: hl.credentials.privateToken },
					store: hl.store,
				});
				trigger.saved = JSON.stringify({ 'node:Trigger': damaged });
				expect((await trigger.poll()).error).toBeUndefined();
				expect((await trigger.poll()).error).toBeUndefined();
			}
			recordCell(
				SECTION,
				'Polling triggers with stored state of the wrong shape (seen a string, number or true; fulfillments not a map of lists)',
				'the next polls',
				'the state is set aside (logged once), the poll records the present, later polls report changes',
			);
		});
	});
});

describe('HighLevel webhook trigger: which locations start the workflow', () => {
	let sandbox: HighLevelSandbox;
	let hook: WebhookRunner | undefined;
	beforeEach(async () => {
		sandbox = new HighLevelSandbox();
		await sandbox.start();
	});
	afterEach(async () => {
		await hook?.stop();
		await sandbox.stop();
	});
	const serve = async (typeVersion: number, parameters: IDataObject) => {
		const keys = sandbox.publicKeys();
		hook = new WebhookRunner({
			type: 'n8n-nodes-halopsa-marketplace.highLevelPaymentsTrigger',
			store: new CredentialStore(),
			typeVersion,
			parameters: {
				events: ['OrderCreate'],
				options: { ed25519PublicKey: keys.ed25519, rsaPublicKey: keys.rsa },
				...parameters,
			},
		});
		await hook.start();
		return hook;
	};
	const deliver = (runner: WebhookRunner, locationId: string) =>
		sandbox.deliverWebhook(runner.url, 'OrderCreate', {
			...sandbox.orders.get(sandbox.orderId(1))!,
			locationId,
		});

	test('version 2: only the listed locations start it; others are acknowledged and start nothing', async () => {
		const runner = await serve(2, { locationIds: 'loc-mine' });
		const other = await deliver(runner, 'loc-someone-else');
		expect(other.status).toBe(200);
		expect(JSON.parse(other.body)).toEqual({
			accepted: true,
			ignored: 'location loc-someone-else is not selected',
		});
		expect(runner.executions).toHaveLength(0);
		expect((await deliver(runner, 'loc-mine')).status).toBe(200);
		expect(runner.executions).toHaveLength(1);
		recordCell(
			SECTION,
			"HighLevel webhook trigger v2, Location IDs loc-mine, a valid delivery for another app's location",
			'what starts',
			'acknowledged (200), nothing starts; a delivery for loc-mine starts one execution',
		);
	});

	test('version 2 with "Any Location", and version 1 with no Location IDs (saved workflows), accept every location', async () => {
		const any = await serve(2, { acceptLocations: 'any' });
		await deliver(any, 'loc-anywhere');
		expect(any.executions).toHaveLength(1);
		await any.stop();
		const legacy = await serve(1, {});
		await deliver(legacy, 'loc-anywhere');
		expect(legacy.executions).toHaveLength(1);
	});

	test('version 2 with an empty list starts nothing', async () => {
		const runner = await serve(2, {});
		expect((await deliver(runner, 'loc-anywhere')).status).toBe(200);
		expect(runner.executions).toHaveLength(0);
	});
});
