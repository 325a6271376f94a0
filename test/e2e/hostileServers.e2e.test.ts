/**
 * Hostile servers in a real n8n (SQLite, the packed tarball installed as n8n installs it):
 * - a HaloPSA token URL that accepts the connection and never answers: two executions in one `n8n start`
 *   process, the first ends within the node's timeout with an error naming the token URL, the second (after
 *   the endpoint recovers) succeeds;
 * - servers that echo secrets in their errors (HaloPSA, HighLevel, Ingram Micro): no secret in the run, the
 *   log, or any file n8n keeps;
 * - a Resource Server URL that answers a web page with 200: every operation kind ends in an error;
 * - n8n's Allowed HTTP Request Domains on each credential: a call to another host is refused.
 */
import { HaloSandbox } from '../sandbox/haloSandbox';
import { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { IngramSandbox } from '../sandbox/ingramSandbox';
import { freePort } from '../sandbox/collector';
import { RealN8n, workflowWith } from './realN8n';

jest.setTimeout(15 * 60_000);

const HALO = 'n8n-nodes-halopsa-marketplace.haloPsaMarketplace';
const HL = 'n8n-nodes-halopsa-marketplace.highLevelPayments';
const IM = 'n8n-nodes-halopsa-marketplace.ingramMicroMarketplace';
const byId = (value: unknown) => ({ __rl: true, mode: 'id', value });
const SECRETS = {
	hlToken: 'SECRET-hl-pit-echo-51c0',
	imPassword: 'SECRET-im-pass-echo-7d2e',
	imKey: 'SECRET-im-key-echo-3a44',
	haloSecret: 'SECRET-halo-echo-90ab',
};

describe('real n8n against hostile servers', () => {
	const hanging = new HaloSandbox({ tokenHangs: true });
	const echoing = new HaloSandbox({ echoRequestInErrors: true, clientSecret: SECRETS.haloSecret });
	const html = new HaloSandbox({ htmlForApi: true });
	const hl = new HighLevelSandbox({ privateToken: SECRETS.hlToken });
	const im = new IngramSandbox({ password: SECRETS.imPassword, subscriptionKey: SECRETS.imKey });
	let n8n: RealN8n;
	let urls: Record<string, string>;

	const haloCredential = (
		id: string,
		sandbox: HaloSandbox,
		url: string,
		extra: Record<string, unknown> = {},
	) => ({
		id,
		name: id,
		type: 'haloPsaMarketplaceOAuth2Api',
		data: {
			hostingType: 'hosted',
			resourceServerUrl: url,
			authServerUrl: `${url}/auth`,
			tenant: sandbox.options.tenant,
			clientId: sandbox.options.clientId,
			clientSecret: sandbox.options.clientSecret,
			scope: 'all',
			...extra,
		},
	});
	const haloNode = (credential: string, parameters: Record<string, unknown>) => ({
		type: HALO,
		parameters,
		credentials: { haloPsaMarketplaceOAuth2Api: { id: credential, name: credential } },
	});

	beforeAll(async () => {
		const [hangingUrl, echoingUrl, htmlUrl, hlUrl, imUrl] = await Promise.all([
			hanging.start(),
			echoing.start(),
			html.start(),
			hl.start(),
			im.start(),
		]);
		urls = { hangingUrl, echoingUrl, htmlUrl, hlUrl, imUrl };
		n8n = new RealN8n();
		const restricted = { allowedHttpRequestDomains: 'domains', allowedDomains: 'acme.halopsa.com' };
		await n8n.importCredentials([
			haloCredential('haloHanging', hanging, hangingUrl),
			haloCredential('haloEchoing', echoing, echoingUrl),
			haloCredential('haloHtml', html, htmlUrl),
			haloCredential('haloRestricted', echoing, echoingUrl, restricted),
			{
				id: 'hlPit',
				name: 'hlPit',
				type: 'highLevelPaymentsApi',
				data: { apiBaseUrl: hlUrl, apiKey: SECRETS.hlToken, locationId: hl.options.locationId },
			},
			{
				id: 'hlRestricted',
				name: 'hlRestricted',
				type: 'highLevelPaymentsApi',
				data: {
					apiBaseUrl: hlUrl,
					apiKey: SECRETS.hlToken,
					locationId: hl.options.locationId,
					allowedHttpRequestDomains: 'domains',
					allowedDomains: 'services.leadconnectorhq.com',
				},
			},
			{
				id: 'im',
				name: 'im',
				type: 'ingramMicroMarketplaceApi',
				data: {
					baseUrl: imUrl,
					username: im.options.username,
					password: SECRETS.imPassword,
					subscriptionApiKey: SECRETS.imKey,
					marketplace: im.options.marketplace,
				},
			},
			{
				id: 'imRestricted',
				name: 'imRestricted',
				type: 'ingramMicroMarketplaceApi',
				data: {
					baseUrl: imUrl,
					username: im.options.username,
					password: SECRETS.imPassword,
					subscriptionApiKey: SECRETS.imKey,
					marketplace: im.options.marketplace,
					allowedHttpRequestDomains: 'domains',
					allowedDomains: 'api.cloud.im',
				},
			},
		]);
		const hlNode = (credential: string, parameters: Record<string, unknown>) => ({
			type: HL,
			parameters: { authentication: 'apiKey', ...parameters },
			credentials: { highLevelPaymentsApi: { id: credential, name: credential } },
		});
		const imNode = (credential: string, parameters: Record<string, unknown>) => ({
			type: IM,
			parameters,
			credentials: { ingramMicroMarketplaceApi: { id: credential, name: credential } },
		});
		await n8n.importWorkflow([
			{
				id: 'hangHook',
				name: 'token hang',
				active: false,
				nodes: [
					{
						id: 'hook',
						name: 'Hook',
						type: 'n8n-nodes-base.webhook',
						typeVersion: 2,
						position: [0, 0],
						webhookId: 'hang-hook',
						parameters: {
							httpMethod: 'POST',
							path: 'hang',
							responseMode: 'lastNode',
							responseData: 'allEntries',
							options: {},
						},
					},
					{
						id: 'get',
						name: 'Get',
						typeVersion: 1,
						position: [200, 0],
						onError: 'continueRegularOutput',
						...haloNode('haloHanging', {
							resource: 'ecommerceOrder',
							operation: 'get',
							recordId: byId(1),
							timeoutSeconds: 5,
						}),
					},
				],
				connections: { Hook: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } },
				settings: { executionOrder: 'v1' },
				pinData: {},
			},
			{
				id: 'ageHook',
				name: 'maximum age from an expression',
				active: false,
				nodes: [
					{
						id: 'age',
						name: 'Payments',
						type: 'n8n-nodes-halopsa-marketplace.highLevelPaymentsTrigger',
						typeVersion: 1,
						position: [0, 0],
						webhookId: 'hl-age-hook',
						// "5m" is not a number of minutes: every delivery must be refused, never accepted unchecked.
						parameters: {
							events: ['OrderCreate'],
							options: {
								ed25519PublicKey: hl.publicKeys().ed25519,
								rsaPublicKey: hl.publicKeys().rsa,
								maxAgeMinutes: '={{ "5m" }}',
							},
						},
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
				pinData: {},
			},
			workflowWith(
				'echoHalo',
				haloNode('haloEchoing', {
					resource: 'pax8Details',
					operation: 'upsert',
					updateId: 999999,
					inputMode: 'json',
					recordJson: '={{ JSON.stringify({ new_client_secret: $json.secret }) }}',
				}),
				[{ secret: 'SECRET-new-value-echo-11aa' }],
			),
			workflowWith(
				'echoHl',
				hlNode('hlPit', { resource: 'order', operation: 'get', orderId: byId(hl.orderId(1)) }),
			),
			workflowWith(
				'echoIm',
				imNode('im', { resource: 'customer', operation: 'get', customerId: byId('CUS-1001') }),
			),
			workflowWith(
				'htmlGetMany',
				haloNode('haloHtml', { resource: 'ecommerceOrder', operation: 'getAll', limit: 5 }),
			),
			workflowWith(
				'htmlGet',
				haloNode('haloHtml', { resource: 'ecommerceOrder', operation: 'get', recordId: byId(1) }),
			),
			workflowWith(
				'htmlCreate',
				haloNode('haloHtml', {
					resource: 'ecommerceOrder',
					operation: 'upsert',
					updateId: 0,
					inputMode: 'fields',
					fields: { thirdpartyordernumber: '#HTML' },
				}),
			),
			workflowWith(
				'htmlDelete',
				haloNode('haloHtml', {
					resource: 'ecommerceOrder',
					operation: 'delete',
					recordId: byId(2),
				}),
			),
			workflowWith(
				'domainHalo',
				haloNode('haloRestricted', {
					resource: 'ecommerceOrder',
					operation: 'get',
					recordId: byId(1),
				}),
			),
			workflowWith(
				'domainHl',
				hlNode('hlRestricted', {
					resource: 'order',
					operation: 'get',
					orderId: byId(hl.orderId(1)),
				}),
			),
			workflowWith(
				'domainIm',
				imNode('imRestricted', {
					resource: 'customer',
					operation: 'get',
					customerId: byId('CUS-1001'),
				}),
			),
		]);
	});

	afterAll(async () => {
		await Promise.all([hanging.stop(), echoing.stop(), html.stop(), hl.stop(), im.stop()]);
		n8n?.cleanup();
	});

	test('a token URL that never answers: the first execution ends within the timeout naming it, the next one in the same n8n process succeeds', async () => {
		await n8n.cliOk(['publish:workflow', '--id=hangHook']);
		await n8n.cliOk(['publish:workflow', '--id=ageHook']);
		const port = await freePort();
		const child = await n8n.startReady(port);
		try {
			// n8n may answer its readiness check a moment before it has registered the published webhooks: a call
			// to a webhook that is not registered yet answers 404 and starts nothing, so it is simply made again.
			const call = async () => {
				for (let wait = 0; ; wait++) {
					const sent = Date.now();
					const response = await fetch(`http://127.0.0.1:${port}/webhook/hang`, {
						method: 'POST',
						headers: { 'Content-Type': 'application/json' },
						body: '{}',
						signal: AbortSignal.timeout(90_000),
					});
					if (response.status !== 404 || wait >= 240)
						return { response, seconds: (Date.now() - sent) / 1000 };
					await new Promise((r) => setTimeout(r, 500));
				}
			};
			const first = await call();
			const firstBody = JSON.stringify(await first.response.json());
			// Timeout 5 s: the execution (token request included) ends within it and a little more.
			expect(first.seconds).toBeLessThan(20);
			expect(firstBody).toMatch(
				/did not answer GET \/EcommerceOrder\/1 within 5 s, or its token URL http:\/\/127\.0\.0\.1:\d+\/auth\/token\?tenant=acme did not answer/,
			);
			hanging.options.tokenHangs = false;
			const second = await call();
			const records = (await second.response.json()) as Array<Record<string, unknown>>;
			expect(records[0]).toMatchObject({ id: 1 });
			// The same n8n process: a correctly signed, fresh delivery to a trigger whose Maximum Age is "5m".
			const hookUrl = `http://127.0.0.1:${port}/webhook/hl-age-hook/highlevel-payments`;
			const fresh = await hl.deliverWebhook(hookUrl, 'OrderCreate', {
				_id: hl.orderId(1),
				status: 'completed',
			});
			expect(fresh.status).toBe(401);
			expect(JSON.parse(fresh.body).reason).toMatch(
				/Maximum Age \(Minutes\) must be a number from 1 to 60/,
			);
			const stale = await hl.deliverWebhook(
				hookUrl,
				'OrderCreate',
				{ _id: hl.orderId(1), status: 'completed' },
				{ staleMinutes: 60 * 24 * 30 },
			);
			expect(stale.status).toBe(401);
		} finally {
			await n8n.stop(child);
		}
	});

	test('servers that echo secrets: the errors say what happened, with no secret in them', async () => {
		hl.addFault({
			path: /^\/payments\/orders\//,
			status: 400,
			body: JSON.stringify({
				statusCode: 400,
				message: `Invalid request with Authorization: Bearer ${SECRETS.hlToken}`,
			}),
		});
		im.addFault({
			method: 'GET',
			path: /\/customers\/CUS-1001$/,
			status: 400,
			body: JSON.stringify({
				status: 400,
				message: `bad credentials ${SECRETS.imPassword} key ${SECRETS.imKey}`,
			}),
		});
		for (const id of ['echoHalo', 'echoHl', 'echoIm']) {
			const run = await n8n.execute(id);
			expect({ id, failed: !!run.error }).toEqual({ id, failed: true });
			// The write-only value is the input item's own data (shown as the Items node's output); what must not carry it is this node's error and output, and the log.
			const text = JSON.stringify(run.error) + JSON.stringify(run.nodes.Subject ?? []) + run.log;
			for (const secret of [
				...Object.values(SECRETS),
				'SECRET-new-value-echo-11aa',
				...echoing.issuedTokens(),
			])
				expect({ id, leaked: text.includes(secret) }).toEqual({ id, leaked: false });
			for (const secret of [...Object.values(SECRETS), ...echoing.issuedTokens()])
				expect({ id, printed: run.raw.includes(secret) }).toEqual({ id, printed: false });
			expect(run.error?.message).toMatch(/\[redacted\]|refused|rejected/);
		}
		expect(n8n.secretLeaks([...Object.values(SECRETS), ...echoing.issuedTokens()])).toEqual([]);
	});

	test('a Resource Server URL that answers a web page with 200: Get Many, Get, Create and Delete each end in an error that says so', async () => {
		for (const id of ['htmlGetMany', 'htmlGet', 'htmlCreate', 'htmlDelete']) {
			const run = await n8n.execute(id);
			expect({ id, message: run.error?.message }).toEqual({
				id,
				message: expect.stringMatching(
					/HaloPSA answered \w+ \/EcommerceOrder\S* with a web page \(HTML\), not the JSON the API sends/,
				),
			});
			expect(run.nodes.Subject ?? []).toHaveLength(0);
		}
	});

	test("n8n's Allowed HTTP Request Domains: each credential restricted to another host refuses the call", async () => {
		const before = {
			halo: echoing.apiRequests().length,
			hl: hl.requests.length,
			im: im.apiRequests().length,
		};
		for (const id of ['domainHalo', 'domainHl', 'domainIm']) {
			const run = await n8n.execute(id);
			expect({ id, message: run.error?.message }).toEqual({
				id,
				message: expect.stringMatching(
					/Domain not allowed|restricted from accessing|not in the credential's Allowed Domains/,
				),
			});
		}
		expect(echoing.apiRequests().length).toBe(before.halo);
		expect(im.apiRequests().length).toBe(before.im);
		expect(urls.hlUrl).toMatch(/^http:\/\/127\.0\.0\.1/);
	});
});
