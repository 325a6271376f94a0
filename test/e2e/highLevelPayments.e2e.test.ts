/**
 * The HighLevel Payments node in a real n8n: every operation, each credential kind (authorization code,
 * client credentials, private integration token), and an expired OAuth token refreshed by n8n itself.
 */
import { connectAuthorizationCode } from '../inprocess/highLevelFixture';
import { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { RealN8n, workflowWith } from './realN8n';

jest.setTimeout(20 * 60_000);

const NODE = 'n8n-nodes-halopsa-marketplace.highLevelPayments';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('real n8n: HighLevel Payments node', () => {
	let hl: HighLevelSandbox;
	let n8n: RealN8n;
	const oauth = { highLevelPaymentsOAuth2Api: { id: 'hl-code', name: 'HighLevel code' } };
	const clientCredentials = {
		highLevelPaymentsOAuth2Api: { id: 'hl-cc', name: 'HighLevel client credentials' },
	};
	const privateToken = { highLevelPaymentsApi: { id: 'hl-pit', name: 'HighLevel PIT' } };
	// Client credentials with no Location ID: the sandbox's token names no location (its default, as HighLevel does not say it does).
	const clientCredentialsNoLocation = {
		highLevelPaymentsOAuth2Api: {
			id: 'hl-cc-open',
			name: 'HighLevel client credentials, no location',
		},
	};
	const node = (
		parameters: Record<string, unknown>,
		credentials: Record<string, { id: string; name: string }> = oauth,
	) => ({
		type: NODE,
		parameters: {
			authentication: 'highLevelPaymentsApi' in credentials ? 'apiKey' : 'oAuth2',
			...parameters,
		},
		credentials,
	});

	beforeAll(async () => {
		hl = new HighLevelSandbox();
		const url = await hl.start();
		const { tokenData } = await connectAuthorizationCode(hl, `${url}/v2/oauth/chooselocation`);
		n8n = new RealN8n();
		const app = {
			apiBaseUrl: url,
			clientId: hl.options.clientId,
			clientSecret: hl.options.clientSecret,
		};
		await n8n.importCredentials([
			{
				id: 'hl-code',
				name: 'HighLevel code',
				type: 'highLevelPaymentsOAuth2Api',
				data: {
					...app,
					grantType: 'authorizationCode',
					authorizePage: 'custom',
					customAuthUrl: `${url}/v2/oauth/chooselocation`,
					oauthTokenData: tokenData,
				},
			},
			{
				id: 'hl-cc',
				name: 'HighLevel client credentials',
				type: 'highLevelPaymentsOAuth2Api',
				data: { ...app, grantType: 'clientCredentials', locationId: hl.options.locationId },
			},
			{
				id: 'hl-pit',
				name: 'HighLevel PIT',
				type: 'highLevelPaymentsApi',
				data: {
					apiKey: hl.options.privateToken,
					locationId: hl.options.locationId,
					apiBaseUrl: url,
				},
			},
			{
				id: 'hl-cc-open',
				name: 'HighLevel client credentials, no location',
				type: 'highLevelPaymentsOAuth2Api',
				data: { ...app, grantType: 'clientCredentials' },
			},
		]);
		await n8n.importWorkflow([
			workflowWith(
				'hlOrders',
				node({
					resource: 'order',
					operation: 'getAll',
					returnAll: true,
					filters: { paymentStatus: 'paid' },
				}),
			),
			workflowWith(
				'hlOrder',
				node(
					{ resource: 'order', operation: 'get', orderId: byId(hl.orderId(5)), simplify: false },
					privateToken,
				),
			),
			workflowWith(
				'hlFulfill',
				node({
					resource: 'fulfillment',
					operation: 'create',
					orderId: byId(hl.orderId(7)),
					items: { item: [{ priceId: hl.priceId(7), qty: 1 }] },
					trackings: { tracking: [{ trackingNumber: 'E2E-TRK', shippingCarrier: 'DHL' }] },
				}),
			),
			workflowWith(
				'hlFulfillments',
				node({
					resource: 'fulfillment',
					operation: 'getAll',
					orderId: byId(hl.orderId(7)),
					returnAll: true,
				}),
			),
			workflowWith(
				'hlTransactions',
				node(
					{ resource: 'transaction', operation: 'getAll', limit: 4, simplify: true },
					clientCredentials,
				),
			),
			workflowWith(
				'hlFulfillNoLocation',
				node(
					{
						resource: 'fulfillment',
						operation: 'create',
						orderId: byId(hl.orderId(3)),
						items: { item: [{ priceId: hl.priceId(3), qty: 1 }] },
						trackings: { tracking: [{ trackingNumber: 'E2E-NOLOC', shippingCarrier: 'UPS' }] },
					},
					clientCredentialsNoLocation,
				),
			),
			workflowWith(
				'hlOrdersNodeLocation',
				node(
					{ resource: 'order', operation: 'getAll', limit: 3, locationId: hl.options.locationId },
					clientCredentialsNoLocation,
				),
			),
			workflowWith(
				'hlTransaction',
				node({
					resource: 'transaction',
					operation: 'get',
					transactionId: byId('7a0000000000000000000001'),
				}),
			),
			workflowWith(
				'hlSubscriptions',
				node(
					{
						resource: 'subscription',
						operation: 'getAll',
						returnAll: true,
						filters: { paymentMode: 'live' },
					},
					privateToken,
				),
			),
			workflowWith(
				'hlSubscription',
				node({
					resource: 'subscription',
					operation: 'get',
					subscriptionId: byId('5b0000000000000000000002'),
				}),
			),
			workflowWith(
				'hlProviderCreate',
				node({
					resource: 'whiteLabelProvider',
					operation: 'create',
					uniqueName: 'msp-pay',
					title: 'MSP Pay',
					provider: 'authorize-net',
					description: 'Cards',
					imageUrl: 'https://msp.example/logo.png',
				}),
			),
			workflowWith(
				'hlProviders',
				node({ resource: 'whiteLabelProvider', operation: 'getAll', returnAll: true }),
			),
			workflowWith(
				'hlBadProvider',
				node({
					resource: 'whiteLabelProvider',
					operation: 'create',
					uniqueName: 'MSP Pay',
					title: 'MSP Pay',
					provider: 'nmi',
					description: 'Cards',
					imageUrl: 'http://msp.example/logo.png',
				}),
			),
		]);
	});

	afterAll(async () => {
		await hl?.stop();
		n8n?.cleanup();
	});

	beforeEach(() => hl.clearLog());

	const ok = async (id: string) => {
		const run = await n8n.execute(id);
		expect(run.error).toBeUndefined();
		return run.nodes.Subject.map((i) => i.json);
	};

	it('order Get Many and Get (authorization code; private integration token)', async () => {
		const orders = await ok('hlOrders');
		expect(orders).toHaveLength(23);
		// Documented list rows carry no payment status: the filter is HighLevel's to apply.
		const paid = new Set(
			[...hl.orders.values()].filter((o) => o.paymentStatus === 'paid').map((o) => o._id),
		);
		expect(orders.every((o) => paid.has(String(o._id)))).toBe(true);
		expect((await ok('hlOrder'))[0]).toMatchObject({ _id: hl.orderId(5), amount: 100 });
		expect(
			hl.paymentsRequests().every(
				(r) =>
					r.headers.version === '2021-07-28' &&
					r.query.altId === hl.options.locationId &&
					// payments.json: the order list and Get take altId alone, the other calls altType too.
					(r.query.altType === 'location') !== /^\/payments\/orders(\/[^/]+)?$/.test(r.path),
			),
		).toBe(true);
	});

	it('fulfillment Create, then Get Many of the order', async () => {
		const [created] = await ok('hlFulfill');
		expect(created).toMatchObject({
			trackings: [{ trackingNumber: 'E2E-TRK', shippingCarrier: 'DHL' }],
		});
		expect(hl.orders.get(hl.orderId(7))!.fulfillmentStatus).toBe('partially_fulfilled');
		expect((await ok('hlFulfillments')).map((f) => f._id)).toEqual([created._id]);
	});

	it('transaction Get Many (client credentials: token fetched by n8n, location taken from it) and Get', async () => {
		expect(await ok('hlTransactions')).toHaveLength(4);
		expect(hl.tokenRequests).toEqual([
			expect.objectContaining({ grant_type: 'client_credentials', user_type: 'Location' }),
		]);
		// Simplified (the default): at most ten fields, the charge id not among them.
		const [transaction] = await ok('hlTransaction');
		expect(transaction).toMatchObject({ _id: '7a0000000000000000000001', status: 'succeeded' });
		expect(Object.keys(transaction).length).toBeLessThanOrEqual(10);
	});

	it('client credentials whose token names no location: n8n fetches the token with a one-record read, the node asks for Location ID and sends nothing half-built; with Location ID set in the node it works', async () => {
		const run = await n8n.execute('hlFulfillNoLocation');
		expect(run.error?.message).toMatch(/No HighLevel location ID \(altId\) is known for this call/);
		expect(JSON.stringify(run.error)).toMatch(/names no sub-account.*Set Location ID/);
		expect(hl.tokenRequests).toEqual([
			expect.objectContaining({ grant_type: 'client_credentials' }),
		]);
		expect(hl.paymentsRequests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'GET /payments/orders 422',
		]);
		expect(
			[...hl.fulfillments.values()].flat().some((f) => JSON.stringify(f).includes('E2E-NOLOC')),
		).toBe(false);
		hl.clearLog();
		// The token n8n fetched and saved is reused: no token request now.
		expect(await ok('hlOrdersNodeLocation')).toHaveLength(3);
		expect(hl.tokenRequests).toEqual([]);
		expect(hl.paymentsRequests().every((r) => r.query.altId === hl.options.locationId)).toBe(true);
	});

	it('subscription Get Many and Get', async () => {
		expect((await ok('hlSubscriptions')).length).toBe(8);
		expect((await ok('hlSubscription'))[0]).toMatchObject({ subscriptionId: 'sub_2' });
	});

	it('white-label provider Create and Get Many; bad input stops before sending', async () => {
		expect((await ok('hlProviderCreate'))[0]).toMatchObject({ route: '/payments/custom/msp-pay' });
		expect((await ok('hlProviders')).map((p) => p.title)).toEqual(['MSP Pay']);
		hl.clearLog();
		const bad = await n8n.execute('hlBadProvider');
		expect(bad.error?.message).toMatch(
			/Unique Name may contain only lower-case letters.*Image URL must be a full https:\/\/ address/,
		);
		expect(hl.paymentsRequests()).toHaveLength(0);
	});

	it('an expired OAuth token: n8n refreshes it with the refresh token, saves it, and the next run needs no refresh', async () => {
		hl.expireTokens();
		expect(await ok('hlSubscription')).toHaveLength(1);
		expect(hl.tokenRequests.map((t) => t.grant_type)).toEqual(['refresh_token']);
		hl.clearLog();
		expect(await ok('hlSubscription')).toHaveLength(1);
		expect(hl.tokenRequests).toHaveLength(0);
	});
});
