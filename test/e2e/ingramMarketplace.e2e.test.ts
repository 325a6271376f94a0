/** The Ingram Micro Cloud Marketplace node in a real n8n: every operation, the token fetched and reused by n8n, the seed's rules. */
import { IngramSandbox } from '../sandbox/ingramSandbox';
import { RealN8n, workflowWith } from './realN8n';

jest.setTimeout(20 * 60_000);

const NODE = 'n8n-nodes-halopsa-marketplace.ingramMicroMarketplace';
const credentials = { ingramMicroMarketplaceApi: { id: 'im-e2e', name: 'Ingram sandbox' } };
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const node = (parameters: Record<string, unknown>) => ({ type: NODE, parameters, credentials });

describe('real n8n: Ingram Micro Cloud Marketplace node', () => {
	let im: IngramSandbox;
	let n8n: RealN8n;

	beforeAll(async () => {
		im = new IngramSandbox();
		const base = await im.start();
		n8n = new RealN8n();
		await n8n.importCredentials([
			{
				id: 'im-e2e',
				name: 'Ingram sandbox',
				type: 'ingramMicroMarketplaceApi',
				data: {
					baseUrl: base,
					username: im.options.username,
					password: im.options.password,
					subscriptionApiKey: im.options.subscriptionKey,
					marketplace: im.options.marketplace,
				},
			},
		]);
		await n8n.importWorkflow([
			workflowWith(
				'imCustomers',
				node({
					resource: 'customer',
					operation: 'getAll',
					returnAll: true,
					filters: { name: 'Customer 1' },
				}),
			),
			workflowWith(
				'imCustomer',
				node({ resource: 'customer', operation: 'get', customerId: byId('CUS-1003') }),
			),
			workflowWith(
				'imCustomerCreate',
				node({
					resource: 'customer',
					operation: 'create',
					customerFields: {
						name: 'E2E Ltd',
						address: {
							value: {
								streetAddress: 'Karl Johans gate 1',
								postalCode: '0154',
								city: 'Oslo',
								state: 'Oslo',
								countryCode: 'NO',
							},
						},
						contactPersons: {
							contact: [
								{
									type: 'admin',
									firstName: 'Eva',
									lastName: 'Berg',
									email: 'eva@e2e.example',
									phoneNumber: '+47 2200 0000',
								},
							],
						},
					},
				}),
			),
			workflowWith(
				'imProducts',
				node({
					resource: 'product',
					operation: 'getAll',
					returnAll: true,
					filters: { mpn: 'MS-AZR-PLAN' },
				}),
			),
			workflowWith(
				'imProduct',
				node({ resource: 'product', operation: 'get', productId: byId('PRD-102') }),
			),
			workflowWith(
				'imOrderCreate',
				node({
					resource: 'order',
					operation: 'create',
					customerId: byId('CUS-1001'),
					orderType: 'sales',
					products: {
						product: [
							{
								mpn: 'MS-O365-E3',
								quantity: 3,
								productFamily: 'office365',
								domain: 'e2e.onmicrosoft.com',
							},
						],
					},
				}),
			),
			workflowWith(
				'imOrderEstimate',
				node({
					resource: 'order',
					operation: 'estimate',
					customerId: byId('CUS-1001'),
					orderType: 'sales',
					products: {
						product: [{ mpn: 'ACRONIS-CYBER-BACKUP', quantity: 10, productFamily: 'other' }],
					},
				}),
			),
			workflowWith(
				'imOrders',
				node({
					resource: 'order',
					operation: 'getAll',
					returnAll: true,
					filters: { customerId: 'CUS-1001' },
				}),
			),
			workflowWith(
				'imOrderBad',
				node({
					resource: 'order',
					operation: 'create',
					customerId: byId('CUS-1001'),
					orderType: 'sales',
					products: {
						product: [
							{ mpn: 'MS-AZR-PLAN', quantity: 1, productFamily: 'azureNce', domain: 'e2e' },
						],
					},
				}),
			),
			workflowWith(
				'imSubscriptions',
				node({ resource: 'subscription', operation: 'getAll', limit: 2 }),
			),
			workflowWith(
				'imSubscription',
				node({
					resource: 'subscription',
					operation: 'get',
					subscriptionId: byId('SUB-2001'),
					simplify: true,
				}),
			),
			workflowWith(
				'imValidate',
				node({
					resource: 'parameters',
					operation: 'validate',
					customerId: byId('CUS-1001'),
					products: { product: [{ mpn: 'MS-O365-E3', productFamily: 'office365', domain: 'e2e' }] },
				}),
			),
		]);
	});

	afterAll(async () => {
		await im?.stop();
		n8n?.cleanup();
	});

	beforeEach(() => im.clearLog());

	const ok = async (id: string) => {
		const run = await n8n.execute(id);
		expect(run.error).toBeUndefined();
		return run.nodes.Subject.map((i) => i.json);
	};

	it('customers: Get Many, Get, Create', async () => {
		expect((await ok('imCustomers')).map((c) => c.name)).toEqual([
			'Customer 1 Ltd',
			'Customer 10 Ltd',
			'Customer 11 Ltd',
			'Customer 12 Ltd',
		]);
		expect(im.tokenRequests).toBe(1);
		expect((await ok('imCustomer'))[0]).toMatchObject({ id: 'CUS-1003' });
		expect((await ok('imCustomerCreate'))[0]).toMatchObject({ name: 'E2E Ltd', status: 'pending' });
		// One token for three executions (three n8n processes): n8n kept it in the credential.
		expect(im.tokenRequests).toBe(1);
	});

	it('products: Get Many by MPN, Get', async () => {
		expect((await ok('imProducts')).map((p) => p.id)).toEqual(['PRD-104']);
		expect((await ok('imProduct'))[0]).toMatchObject({ mpn: 'HELLOSIGN-ESS' });
	});

	it('orders: Create (Office 365 domain corrected), Estimate, Get Many; an invalid Azure domain stops before sending', async () => {
		const [order] = await ok('imOrderCreate');
		expect(order).toMatchObject({
			status: 'submitted',
			parameterCorrections: [
				expect.stringContaining('changed from "e2e.onmicrosoft.com" to "e2e"'),
			],
		});
		expect((await ok('imOrderEstimate'))[0]).toMatchObject({
			total: { amount: 70, currency: 'USD' },
		});
		expect((await ok('imOrders')).map((o) => o.id)).toEqual([order.id]);
		im.clearLog();
		const bad = await n8n.execute('imOrderBad');
		expect(bad.error?.message).toMatch(
			/Azure CSP \(New Commerce\) product 1 \(MS-AZR-PLAN\): parameter "domain" \(Tenant Domain\) must be the full tenant domain ending in .onmicrosoft.com/,
		);
		expect(im.apiRequests()).toHaveLength(0);
	});

	it('subscriptions and parameter validation', async () => {
		expect(await ok('imSubscriptions')).toHaveLength(2);
		expect((await ok('imSubscription'))[0]).toMatchObject({
			id: 'SUB-2001',
			customerId: 'CUS-1001',
		});
		expect((await ok('imValidate'))[0]).toMatchObject({ name: 'domain', result: 'success' });
		expect(im.apiRequests().find((r) => r.method === 'POST')!.body).toMatchObject({
			products: [{ parameters: [{ name: 'domain', value: 'e2e.onmicrosoft.com' }] }],
		});
	});
});
