/**
 * The shared client against hostile and unusual servers, through n8n-core's engine over real HTTP: a token
 * endpoint that never answers, servers that echo secrets, ignore paging, cap the page size or answer a web
 * page with 200; ids that would reach another endpoint; the credential's domain restriction; a token whose
 * stored expiry has passed; items run a few at a time. Outcomes go to RELIABILITY.md.
 */
import { haloFixture } from './haloFixture';
import { highLevelFixture } from './highLevelFixture';
import { byId as ingramId, ingramFixture } from './ingramFixture';
import { recordCell } from './reliabilityReport';

jest.setTimeout(120_000);

const haloId = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });
const SECTION = 'Hostile servers';

describe('a token endpoint that accepts the connection and never answers', () => {
	test('the run ends within the node timeout with an error naming the token URL; the next run after recovery succeeds', async () => {
		const halo = await haloFixture({ tokenHangs: true });
		try {
			const started = Date.now();
			const { error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: haloId(1),
				timeoutSeconds: 3,
			});
			const seconds = (Date.now() - started) / 1000;
			expect(error?.message).toMatch(
				/HaloPSA did not answer GET \/EcommerceOrder\/1 within 3 s, or its token URL http:\/\/127\.0\.0\.1:\d+\/auth\/token\?tenant=acme did not answer/,
			);
			expect(seconds).toBeLessThan(10);
			halo.sandbox.options.tokenHangs = false;
			const second = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: haloId(1),
				timeoutSeconds: 3,
			});
			expect(second.error).toBeUndefined();
			expect(second.items[0].json.id).toBe(1);
			recordCell(
				SECTION,
				'HaloPSA token endpoint that never answers (Timeout 3 s)',
				'run, then a run after it recovers',
				`clear error within the timeout naming the token URL; the next run succeeded`,
			);
		} finally {
			await halo.stop();
		}
	});

	test('Ingram Micro: the same', async () => {
		const im = await ingramFixture();
		try {
			im.sandbox.addFault({ method: 'POST', path: /\/token$/, delayMs: 60_000, times: 1 });
			const { error } = await im.run({
				resource: 'customer',
				operation: 'get',
				customerId: ingramId('CUS-1001'),
				timeoutSeconds: 2,
			});
			expect(error?.message).toMatch(
				/Ingram Micro did not answer GET \/customers\/CUS-1001 within 2 s, or its token URL http:\/\/127\.0\.0\.1:\d+\/\S*token did not answer/,
			);
			const second = await im.run({
				resource: 'customer',
				operation: 'get',
				customerId: ingramId('CUS-1001'),
				timeoutSeconds: 2,
			});
			expect(second.error).toBeUndefined();
			recordCell(
				SECTION,
				'Ingram Micro token endpoint that never answers (Timeout 2 s)',
				'run, then a run after it recovers',
				'clear error within the timeout naming the token URL; the next run succeeded',
			);
		} finally {
			await im.stop();
		}
	});
});

describe('servers that echo secrets', () => {
	test('HaloPSA: a refused write that repeats the request shows neither the new_* value nor the token', async () => {
		const halo = await haloFixture({ echoRequestInErrors: true });
		try {
			const secret = 'WRITE-ONLY-ECHO-7781';
			// The value comes from the input item through an expression, as a workflow passes it on (a value typed into the
			// node's parameters is kept by n8n itself with the workflow).
			const write = {
				resource: 'pax8Details',
				operation: 'upsert',
				updateId: 999999,
				inputMode: 'json',
				recordJson: '={{ JSON.stringify({ new_client_secret: $json.secret }) }}',
			};
			const { error } = await halo.run(write, { input: [{ secret }] });
			expect(error?.message).toBeTruthy();
			// The whole error as n8n keeps it (its context and cause too), not only what the user reads.
			const text = JSON.stringify({
				...error,
				message: error?.message,
				description: error?.description,
			});
			expect(text).not.toContain(secret);
			for (const token of halo.sandbox.issuedTokens()) expect(text).not.toContain(token);
			expect(text).toContain('[redacted]');
			const items = (await halo.run(write, { input: [{ secret }], continueOnFail: true })).items;
			expect(JSON.stringify(items)).not.toContain(secret);
			recordCell(
				SECTION,
				'HaloPSA error that echoes the request',
				'new_* value and bearer token in the server text',
				'replaced by [redacted] in the error and in the continue-on-fail item',
			);
		} finally {
			await halo.stop();
		}
	});

	test('HaloPSA: a token refusal that echoes the form shows no client secret', async () => {
		const halo = await haloFixture(
			{ echoRequestInErrors: true },
			{ clientSecret: 'WRONG-SECRET-0042' },
		);
		try {
			const { error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: haloId(1),
			});
			expect(error?.message).toMatch(/rejected the client ID or client secret/);
			expect(
				JSON.stringify({ message: error?.message, description: error?.description }),
			).not.toContain('WRONG-SECRET-0042');
			recordCell(
				SECTION,
				'HaloPSA token refusal that echoes the form',
				'client secret in the server text',
				'replaced by [redacted]',
			);
		} finally {
			await halo.stop();
		}
	});
});

describe('paging servers that misbehave', () => {
	test.each([
		['ignores page_no (every page is the first)', { paging: 'ignored' as const }],
		['alternates between two pages', { paging: 'alternating' as const }],
	])(
		'HaloPSA Return All against a server that %s: a clear error, not an endless loop',
		async (name, options) => {
			const halo = await haloFixture({ ...options, seedCounts: { ecommerceOrder: 25 } });
			try {
				const { error, items } = await halo.run({
					resource: 'ecommerceOrder',
					operation: 'getAll',
					returnAll: true,
					listOptions: { pageSize: 10 },
				});
				expect(items).toHaveLength(0);
				expect(error?.message).toMatch(/reading all records .*ignores the paging parameters/);
				expect(halo.sandbox.apiRequests().length).toBeLessThanOrEqual(4);
				recordCell(
					SECTION,
					`HaloPSA Return All, server ${name}`,
					'25 records, page size 10',
					`clear error after ${halo.sandbox.apiRequests().length} requests: ${error?.message}`,
				);
			} finally {
				await halo.stop();
			}
		},
	);

	test("HaloPSA Return All against a server that caps page_size at 100: every record, in the server's page size", async () => {
		const halo = await haloFixture({ maxPageSize: 100, seedCounts: { ecommerceOrder: 250 } });
		try {
			const { error, items } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'getAll',
				returnAll: true,
			});
			expect(error).toBeUndefined();
			expect(new Set(items.map((i) => i.json.id)).size).toBe(250);
			recordCell(
				SECTION,
				'HaloPSA Return All, server caps page_size at 100',
				'250 records, page size 500',
				`complete (${items.length} of 250 records, ${halo.sandbox.apiRequests().length} requests)`,
			);
		} finally {
			await halo.stop();
		}
	});

	test('HighLevel Return All against a server that ignores offset: a clear error after a few requests', async () => {
		const hl = await highLevelFixture();
		try {
			hl.sandbox.options.ignoreOffset = true;
			hl.sandbox.options.maxLimit = 10;
			const { error, items } = await hl.run({
				resource: 'order',
				operation: 'getAll',
				returnAll: true,
			});
			expect(items).toHaveLength(0);
			expect(error?.message).toMatch(/reading all records .*ignores the paging parameters/);
			expect(
				hl.sandbox.requests.matching('GET', /^\/payments\/orders$/).length,
			).toBeLessThanOrEqual(3);
			recordCell(
				SECTION,
				'HighLevel Return All, server ignores offset',
				'30 orders, limit 100',
				`clear error: ${error?.message}`,
			);
		} finally {
			await hl.stop();
		}
	});
});

describe('a Resource Server URL that answers a web page with 200', () => {
	test.each([
		['Get Many', { resource: 'ecommerceOrder', operation: 'getAll', limit: 5 }],
		['Get', { resource: 'ecommerceOrder', operation: 'get', recordId: haloId(1) }],
		[
			'Create',
			{
				resource: 'ecommerceOrder',
				operation: 'upsert',
				updateId: 0,
				inputMode: 'fields',
				fields: { thirdpartyordernumber: '#HTML' },
			},
		],
		['Delete', { resource: 'ecommerceOrder', operation: 'delete', recordId: haloId(2) }],
	])(
		'%s: an error that says the URL is probably wrong, no false success',
		async (name, parameters) => {
			const halo = await haloFixture({ htmlForApi: true });
			try {
				const { error, items } = await halo.run(parameters);
				expect(items).toHaveLength(0);
				expect(error?.message).toMatch(
					/HaloPSA answered (GET|POST|DELETE) \/EcommerceOrder\S* with a web page \(HTML\), not the JSON the API sends/,
				);
				expect(error?.description).toMatch(/check the Resource Server URL/);
				recordCell(
					SECTION,
					`HaloPSA ${name}, Resource Server URL answers HTML with 200`,
					'every /api path',
					`clear error: ${error?.message}`,
				);
			} finally {
				await halo.stop();
			}
		},
	);
});

describe('ids that would reach another endpoint', () => {
	test.each(['.', '..', '../customers', 'a/b', ' '])(
		'HighLevel order Get with ID %j: nothing sent',
		async (id) => {
			const hl = await highLevelFixture();
			try {
				hl.sandbox.clearLog();
				// From an expression (an earlier node, an AI agent): n8n's own check of typed IDs does not apply.
				const { error } = await hl.run({
					resource: 'order',
					operation: 'get',
					orderId: { __rl: true, mode: 'id', value: `={{ ${JSON.stringify(id)} }}` },
				});
				expect(error?.message).toMatch(/Order must be a HighLevel ID \(letters, digits, - and _\)/);
				expect(hl.sandbox.requests.filter((r) => r.path.startsWith('/payments'))).toHaveLength(0);
				recordCell(
					SECTION,
					`HighLevel order Get, ID ${JSON.stringify(id)} from an expression`,
					'an ID that could reach another endpoint',
					'nothing sent; error names the ID rule',
				);
			} finally {
				await hl.stop();
			}
		},
	);

	test.each(['.', '..', 'CUS-1/../x'])(
		'Ingram Micro customer Get with ID %j: nothing sent',
		async (id) => {
			const im = await ingramFixture();
			try {
				const { error } = await im.run({
					resource: 'customer',
					operation: 'get',
					customerId: ingramId(`={{ ${JSON.stringify(id)} }}`),
				});
				expect(error?.message).toMatch(/Customer must be an Ingram Micro ID/);
				expect(im.sandbox.apiRequests()).toHaveLength(0);
				recordCell(
					SECTION,
					`Ingram Micro customer Get, ID ${JSON.stringify(id)} from an expression`,
					'an ID that could reach another endpoint',
					'nothing sent; error names the ID rule',
				);
			} finally {
				await im.stop();
			}
		},
	);
});

describe("n8n's credential domain restriction", () => {
	test('a credential limited to other domains refuses the call; limited to the sandbox host it works', async () => {
		const halo = await haloFixture(
			{},
			{ allowedHttpRequestDomains: 'domains', allowedDomains: 'acme.halopsa.com' },
		);
		try {
			const refused = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: haloId(1),
			});
			expect(`${refused.error?.message} ${refused.error?.description}`).toMatch(
				/Domain not allowed|restricted from accessing 127\.0\.0\.1|host 127\.0\.0\.1 is not in the credential's Allowed Domains/,
			);
			expect(halo.sandbox.apiRequests()).toHaveLength(0);
			const allowed = await haloFixture(
				{},
				{ allowedHttpRequestDomains: 'domains', allowedDomains: '127.0.0.1' },
			);
			try {
				expect(
					(await allowed.run({ resource: 'ecommerceOrder', operation: 'get', recordId: haloId(1) }))
						.error,
				).toBeUndefined();
			} finally {
				await allowed.stop();
			}
		} finally {
			await halo.stop();
		}
	});

	test('HighLevel and Ingram Micro credentials are restricted too', async () => {
		const hl = await highLevelFixture();
		const im = await ingramFixture(
			{},
			{ allowedHttpRequestDomains: 'domains', allowedDomains: 'api.cloud.im' },
		);
		try {
			const record = hl.store.get(hl.credentials.privateToken.id)!;
			record.data = {
				...record.data,
				allowedHttpRequestDomains: 'domains',
				allowedDomains: 'services.leadconnectorhq.com',
			};
			const hlRun = await hl.run(
				{
					resource: 'order',
					operation: 'get',
					orderId: { __rl: true, mode: 'id', value: hl.sandbox.orderId(1) },
				},
				{ auth: 'privateToken' },
			);
			expect(`${hlRun.error?.message}`).toMatch(
				/Domain not allowed|restricted from accessing|not in the credential's Allowed Domains/,
			);
			const imRun = await im.run({
				resource: 'customer',
				operation: 'get',
				customerId: ingramId('CUS-1001'),
			});
			expect(`${imRun.error?.message}`).toMatch(
				/Domain not allowed|restricted from accessing|not in the credential's Allowed Domains/,
			);
			recordCell(
				SECTION,
				'Credential restricted to other domains (HaloPSA, HighLevel, Ingram Micro)',
				"n8n's Allowed HTTP Request Domains",
				'the call is refused before it is sent',
			);
		} finally {
			await hl.stop();
			await im.stop();
		}
	});
});

describe('tokens and items', () => {
	test('an expired stored token is renewed once before 20 items run: one token request, no refused call', async () => {
		// Tokens live 61 s; the node renews one within a minute of its expiry, so the token stored is already due.
		const halo = await haloFixture({ tokenTtlSeconds: 61 });
		try {
			await halo.run({ resource: 'ecommerceOrder', operation: 'get', recordId: haloId(1) });
			const stored = halo.store.get(halo.credential.id)!;
			expect(Date.parse(String(stored.data.accessExpiresAt))).toBeGreaterThan(Date.now());
			await new Promise((r) => setTimeout(r, 1500));
			halo.sandbox.expireTokens();
			halo.sandbox.clearLog();
			const tokensBefore = halo.sandbox.tokenRequests;
			const input = Array.from({ length: 20 }, (_, i) => ({ n: i }));
			const { error, items } = await halo.run(
				{ resource: 'ecommerceOrder', operation: 'get', recordId: haloId(1) },
				{ input },
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(20);
			expect(halo.sandbox.tokenRequests - tokensBefore).toBe(1);
			expect(
				halo.sandbox
					.apiRequests()
					.map((r, i) => `${i}:${r.status}:${String(r.headers.authorization).slice(-6)}`)
					.filter((r) => r.includes(':401:')),
			).toEqual([]);
			expect(halo.sandbox.apiRequests()).toHaveLength(20);
			recordCell(
				SECTION,
				'HaloPSA token expired before a run of 20 items',
				'stored expiry passed',
				'one token request before the calls, no call refused',
			);
		} finally {
			await halo.stop();
		}
	});

	test('items run a few at a time: never more than Items in Parallel requests at once, outputs in input order', async () => {
		const halo = await haloFixture();
		try {
			const input = Array.from({ length: 12 }, (_, i) => ({ id: (i % 5) + 1 }));
			halo.sandbox.setDelay(100);
			const { error, items } = await halo.run(
				{
					resource: 'ecommerceOrder',
					operation: 'get',
					recordId: haloId('={{ $json.id }}'),
					requestOptions: { itemsInParallel: 3 },
				},
				{ input },
			);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(input.map((i) => i.id));
			expect(halo.sandbox.maxConcurrent).toBeLessThanOrEqual(3);
			expect(halo.sandbox.maxConcurrent).toBeGreaterThan(1);
		} finally {
			await halo.stop();
		}
	});
});

describe("write-only fields are the seed's", () => {
	test('new_method (a boolean) is output; new_client_secret never is', async () => {
		const halo = await haloFixture();
		try {
			const { items } = await halo.run({
				resource: 'pax8Details',
				operation: 'get',
				recordId: haloId(1),
				simplify: false,
			});
			expect(typeof items[0].json.new_method).toBe('boolean');
			expect(items[0].json).not.toHaveProperty('new_client_secret');
		} finally {
			await halo.stop();
		}
	});
});

describe('record pickers go through the same client', () => {
	test("a refused picker call gets the operations' wording, and no token is reachable from the error", async () => {
		const { runPicker } = await import('../harness/pickerRunner');
		const halo = await haloFixture();
		try {
			const picker = {
				type: 'n8n-nodes-halopsa-marketplace.haloPsaMarketplace',
				method: 'searchEcommerceOrder',
				parameters: { resource: 'ecommerceOrder', operation: 'get' },
				credentials: { haloPsaMarketplaceOAuth2Api: halo.credential },
				store: halo.store,
			};
			const listed = await runPicker(picker);
			expect(listed.results.length).toBeGreaterThan(0);
			halo.sandbox.addFault({
				method: 'GET',
				path: /^\/api\/ecommerceorder$/i,
				status: 403,
				body: 'You do not have permission',
			});
			const error = await runPicker(picker).then(
				() => undefined,
				(e: Error & { description?: string }) => e,
			);
			expect(error?.message).toBe('HaloPSA refused permission for GET /api/EcommerceOrder');
			expect(error?.description).toMatch(/lacks the permission/);
			const whole = JSON.stringify({ ...error, message: error?.message });
			for (const token of halo.sandbox.issuedTokens()) expect(whole).not.toContain(token);
			// A 5xx is retried like an operation's read.
			halo.sandbox.addFault({
				method: 'GET',
				path: /^\/api\/ecommerceorder$/i,
				status: 503,
				body: 'busy',
			});
			expect((await runPicker(picker)).results.length).toBeGreaterThan(0);
			recordCell(
				SECTION,
				'HaloPSA record picker (From List)',
				'403, then 503',
				"the operations' wording for the 403, no token in the error; the 503 retried",
			);
		} finally {
			await halo.stop();
		}
	});
});

describe('the HighLevel polling trigger against a server that ignores offset', () => {
	test('Records to Compare 150: the poll ends with a clear error instead of running forever', async () => {
		const { PollRunner } = await import('../harness/pollRunner');
		const hl = await highLevelFixture({ orders: 0 });
		try {
			for (let i = 0; i < 160; i++) hl.sandbox.addTransaction(hl.sandbox.addOrder());
			hl.sandbox.options.ignoreOffset = true;
			const trigger = new PollRunner({
				type: 'n8n-nodes-halopsa-marketplace.highLevelPaymentsPollingTrigger',
				parameters: { authentication: 'apiKey', watch: 'transaction', window: 150 },
				credentials: { highLevelPaymentsApi: hl.credentials.privateToken },
				store: hl.store,
			});
			const started = Date.now();
			const outcome = await trigger.poll();
			expect(outcome.error?.message).toMatch(/reading all records .*ignores the paging parameters/);
			expect(Date.now() - started).toBeLessThan(30_000);
			recordCell(
				SECTION,
				'HighLevel Polling Trigger, Records to Compare 150',
				'server ignores offset',
				`clear error: ${outcome.error?.message}`,
			);
		} finally {
			await hl.stop();
		}
	});
});

describe('more paging as the specs allow it', () => {
	test('HighLevel Return All against a server that caps limit at 50: every one of 180 orders, once', async () => {
		const hl = await highLevelFixture({ orders: 180, maxLimit: 50 });
		try {
			const { error, items } = await hl.run({
				resource: 'order',
				operation: 'getAll',
				returnAll: true,
			});
			expect(error).toBeUndefined();
			expect(new Set(items.map((i) => i.json._id)).size).toBe(180);
			recordCell(
				SECTION,
				'HighLevel Return All, server caps limit at 50',
				'180 orders, limit 100',
				`complete (${items.length} of 180 orders)`,
			);
		} finally {
			await hl.stop();
		}
	});

	test('Ingram Micro subscriptions answer {data} without pagination (as the spec shows): Return All reads every page', async () => {
		const im = await ingramFixture();
		try {
			for (let n = 1; n <= 150; n++)
				im.sandbox.subscriptions.set(`SUB-9${n}`, {
					id: `SUB-9${n}`,
					customerId: 'CUS-1001',
					status: 'active',
				});
			const { error, items } = await im.run({
				resource: 'subscription',
				operation: 'getAll',
				returnAll: true,
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(156);
			im.sandbox.options.ignoreOffset = true;
			im.sandbox.clearLog();
			const ignoring = await im.run({
				resource: 'subscription',
				operation: 'getAll',
				returnAll: true,
			});
			// No total to check against: the page that brings nothing new ends the list, after two requests, not thousands.
			expect(ignoring.items).toHaveLength(100);
			expect(
				im.sandbox.apiRequests().filter((r) => r.path.endsWith('/subscriptions')),
			).toHaveLength(2);
			recordCell(
				SECTION,
				'Ingram Micro subscriptions Return All, lists without pagination',
				'156 subscriptions; then a server that ignores offset',
				'every subscription once; against the server ignoring offset, ended after 2 requests',
			);
		} finally {
			await im.stop();
		}
	});
});

describe('HighLevel and Ingram Micro servers that echo secrets', () => {
	test('the private token and the Ingram password, key and token echoed in errors are replaced', async () => {
		const hl = await highLevelFixture();
		const im = await ingramFixture();
		try {
			hl.sandbox.addFault({
				path: /^\/payments\/orders\//,
				status: 400,
				body: JSON.stringify({
					statusCode: 400,
					message: `Invalid request with Authorization: Bearer ${hl.sandbox.options.privateToken}`,
				}),
			});
			const hlRun = await hl.run(
				{
					resource: 'order',
					operation: 'get',
					orderId: { __rl: true, mode: 'id', value: hl.sandbox.orderId(1) },
				},
				{ auth: 'privateToken' },
			);
			expect(hlRun.error?.message).toMatch(/HighLevel rejected the request/);
			expect(
				JSON.stringify({
					...hlRun.error,
					message: hlRun.error?.message,
					description: hlRun.error?.description,
				}),
			).not.toContain(hl.sandbox.options.privateToken);
			await im.run({ resource: 'customer', operation: 'get', customerId: ingramId('CUS-1001') });
			const token = im.sandbox.issuedTokens()[0];
			im.sandbox.addFault({
				method: 'GET',
				path: /\/customers\/CUS-1002$/,
				status: 400,
				body: JSON.stringify({
					status: 400,
					message: `bad: ${im.sandbox.options.password} ${im.sandbox.options.subscriptionKey} ${token}`,
				}),
			});
			const imRun = await im.run({
				resource: 'customer',
				operation: 'get',
				customerId: ingramId('CUS-1002'),
			});
			const text = JSON.stringify({
				...imRun.error,
				message: imRun.error?.message,
				description: imRun.error?.description,
			});
			for (const secret of [im.sandbox.options.password, im.sandbox.options.subscriptionKey, token])
				expect(text).not.toContain(secret);
			expect(imRun.error?.message).toMatch(
				/Ingram Micro rejected the request: bad: \[redacted\] \[redacted\] \[redacted\]/,
			);
			recordCell(
				SECTION,
				'HighLevel and Ingram Micro errors that echo secrets',
				'private token; password, subscription key and token in the server text',
				'replaced by [redacted]',
			);
		} finally {
			await hl.stop();
			await im.stop();
		}
	});
});
