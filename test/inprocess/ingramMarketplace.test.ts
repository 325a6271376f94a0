/** Every Ingram Micro Marketplace operation through n8n-core's execution engine against the Ingram sandbox over HTTP. */
import { IngramMicroMarketplaceApi } from '../../credentials/IngramMicroMarketplaceApi.credentials';
import { credentialTestNode, registerNode, runNode } from '../harness/inProcess';
import { byId, ingramFixture, INGRAM_CRED, type IngramFixture } from './ingramFixture';

let im: IngramFixture;
beforeEach(async () => {
	im = await ingramFixture();
});
afterEach(async () => {
	await im.stop();
});

const json = (result: { items: Array<{ json: unknown }> }) =>
	result.items.map((i) => i.json as Record<string, unknown>);
const o365 = (domain: string) => ({
	product: [{ mpn: 'MS-O365-E3', quantity: 5, productFamily: 'office365', domain }],
});

describe('customers', () => {
	test("the sandbox's seeded customers follow the rules its own create enforces", async () => {
		const headers = {
			'X-Subscription-Key': im.sandbox.options.subscriptionKey,
			'Content-Type': 'application/json',
		};
		const basic = Buffer.from(`${im.sandbox.options.username}:${im.sandbox.options.password}`);
		const { token } = (await (
			await fetch(`${im.base}/token`, {
				method: 'POST',
				headers: { ...headers, Authorization: `Basic ${basic.toString('base64')}` },
				body: JSON.stringify({ marketplace: im.sandbox.options.marketplace }),
			})
		).json()) as { token: string };
		const seeded = json(
			await im.run({ resource: 'customer', operation: 'getAll', returnAll: true }),
		);
		expect(seeded.length).toBeGreaterThan(0);
		for (const { id: _id, status: _status, creationDate: _created, ...fields } of seeded) {
			const created = await fetch(`${im.base}/customers`, {
				method: 'POST',
				headers: { ...headers, Authorization: `Bearer ${token}` },
				body: JSON.stringify(fields),
			});
			expect([created.status, await created.text()]).toEqual([200, expect.stringMatching(/"id"/)]);
		}
	});

	test('Get Many pages with offset/limit; every call carries the token and the subscription key', async () => {
		const result = await im.run({ resource: 'customer', operation: 'getAll', returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(12);
		const calls = im.sandbox.apiRequests();
		expect(calls.map((r) => [r.query.offset, r.query.limit])).toEqual([['0', '100']]);
		expect(calls[0].headers['x-subscription-key']).toBe('im-subscription-key');
		expect(calls[0].headers.authorization).toMatch(/^Bearer [0-9a-f]{40}$/);
		const token = im.sandbox.requests.find((r) => r.path.endsWith('/token'))!;
		expect(token.body).toEqual({ marketplace: 'us' });
		expect(token.headers.authorization).toBe(
			`Basic ${Buffer.from('im-api-user:im-api-password').toString('base64')}`,
		);
	});

	test('Get Many with Limit and filters; Get; unknown ID with the correlation ID', async () => {
		const limited = await im.run({
			resource: 'customer',
			operation: 'getAll',
			limit: 3,
			filters: { name: 'customer 1' },
		});
		expect(json(limited).map((c) => c.name)).toEqual([
			'Customer 1 Ltd',
			'Customer 10 Ltd',
			'Customer 11 Ltd',
		]);
		expect(im.sandbox.apiRequests()[0].query).toMatchObject({ name: 'customer 1', limit: '3' });
		expect(
			json(
				await im.run({ resource: 'customer', operation: 'get', customerId: byId('CUS-1004') }),
			)[0],
		).toMatchObject({ externalId: 'halo-4' });
		const missing = await im.run({
			resource: 'customer',
			operation: 'get',
			customerId: byId('CUS-404'),
		});
		expect(missing.error?.message).toMatch(
			/^Customer CUS-404 was not found in Ingram Micro \(correlation ID [0-9a-f-]{36}\)$/,
		);
	});

	test('Create from the top-level required fields, optional ones in Additional Fields (version 1.1)', async () => {
		const result = await im.run(
			{
				resource: 'customer',
				operation: 'create',
				customerName: 'Acme Ltd',
				customerLanguage: 'en_GB',
				addressStreet: '1 Road',
				addressCity: 'Leeds',
				addressState: 'West Yorkshire',
				addressPostalCode: 'LS1',
				addressCountryCode: 'gb',
				adminFirstName: 'Ann',
				adminLastName: 'Lee',
				adminEmail: 'ann@acme.example',
				adminPhoneNumber: '+44 113 000 0000',
				customerFields: {
					externalId: 'halo-77',
					addressExtension: 'Floor 2',
					contactPersons: {
						contact: [
							{
								type: 'billing',
								firstName: 'Bo',
								lastName: 'Ng',
								email: 'bo@acme.example',
								phoneNumber: '+44 113 000 0001',
							},
						],
					},
				},
			},
			{ typeVersion: 1.1 },
		);
		expect(result.error).toBeUndefined();
		expect(json(result)[0]).toMatchObject({
			name: 'Acme Ltd',
			status: 'pending',
			address: { countryCode: 'GB' },
		});
		const sent = im.sandbox
			.apiRequests()
			.filter((r) => r.method === 'POST' && r.path.endsWith('/customers'))
			.pop()!.body as Record<string, any>;
		expect(sent).toEqual({
			name: 'Acme Ltd',
			language: 'en_GB',
			externalId: 'halo-77',
			address: {
				streetAddress: '1 Road',
				city: 'Leeds',
				state: 'West Yorkshire',
				postalCode: 'LS1',
				countryCode: 'GB',
				addressExtension: 'Floor 2',
			},
			contactPersons: [
				{
					type: 'admin',
					firstName: 'Ann',
					lastName: 'Lee',
					email: 'ann@acme.example',
					phoneNumber: '+44 113 000 0000',
				},
				{
					type: 'billing',
					firstName: 'Bo',
					lastName: 'Ng',
					email: 'bo@acme.example',
					phoneNumber: '+44 113 000 0001',
				},
			],
		});
	});

	test('a version 1 node (every field in one collection, as saved before 1.1) still creates the customer', async () => {
		const result = await im.run({
			resource: 'customer',
			operation: 'create',
			customerFields: {
				name: 'Acme Ltd',
				externalId: 'halo-77',
				language: 'en_GB',
				address: {
					value: {
						streetAddress: '1 Road',
						city: 'Leeds',
						state: 'West Yorkshire',
						postalCode: 'LS1',
						countryCode: 'gb',
					},
				},
				contactPersons: {
					contact: [
						{
							type: 'admin',
							firstName: 'Ann',
							lastName: 'Lee',
							email: 'ann@acme.example',
							phoneNumber: '+44 113 000 0000',
						},
					],
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(json(result)[0]).toMatchObject({ name: 'Acme Ltd', address: { countryCode: 'GB' } });
	});

	test('Create without what the spec requires (a state from an expression that is empty, the admin phone number, a language like en_US): nothing sent, each field named as the panel names it', async () => {
		const result = await im.run(
			{
				resource: 'customer',
				operation: 'create',
				customerName: 'Acme Ltd',
				customerLanguage: 'en',
				addressStreet: '1 Road',
				addressCity: 'Leeds',
				addressState: '={{ $json.state }}',
				addressPostalCode: 'LS1',
				addressCountryCode: 'GB',
				adminFirstName: 'Ann',
				adminLastName: 'Lee',
				adminEmail: 'ann@acme.example',
				adminPhoneNumber: '={{ $json.phone }}',
			},
			{ typeVersion: 1.1 },
		);
		expect(result.error?.message).toMatch(
			/State is required.*Admin Phone Number is required.*Language must be a language and country such as en_US/,
		);
		expect(
			im.sandbox.apiRequests().filter((r) => r.method === 'POST' && r.path.endsWith('/customers')),
		).toHaveLength(0);
	});

	test("version 1.1 with a required field left empty: n8n's own check names it before anything runs", async () => {
		await expect(
			im.run(
				{ resource: 'customer', operation: 'create', customerName: 'Acme Ltd' },
				{ typeVersion: 1.1 },
			),
		).rejects.toThrow(
			/Parameter "Street Address" is required[\s\S]*Parameter "Admin Phone Number" is required/,
		);
	});
});

describe('products and subscriptions', () => {
	test('product Get Many by MPN and Get', async () => {
		expect(
			json(
				await im.run({
					resource: 'product',
					operation: 'getAll',
					returnAll: true,
					filters: { mpn: 'MS-O365-E3' },
				}),
			),
		).toEqual([expect.objectContaining({ id: 'PRD-105' })]);
		expect(
			json(await im.run({ resource: 'product', operation: 'get', productId: byId('PRD-101') }))[0],
		).toMatchObject({ mpn: 'DROPBOX-BIZ-STD' });
	});

	test('subscription date filters are sent as dates (the spec types them so), and applied', async () => {
		const many = await im.run({
			resource: 'subscription',
			operation: 'getAll',
			returnAll: true,
			filters: { creationDateFrom: '2026-02-03T10:00:00Z', creationDateTo: '2026-02-04' },
		});
		expect(many.error).toBeUndefined();
		expect(
			im.sandbox.apiRequests().find((r) => r.path.endsWith('/subscriptions'))!.query,
		).toMatchObject({ creationDateFrom: '2026-02-03', creationDateTo: '2026-02-04' });
		expect(json(many).map((s) => s.id)).toEqual(['SUB-2002', 'SUB-2003']);
	});

	test('subscription Get Many with filters (simplified) and Get', async () => {
		const many = await im.run({
			resource: 'subscription',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'hold' },
		});
		expect(json(many)).toEqual([expect.objectContaining({ id: 'SUB-2004', status: 'hold' })]);
		expect(
			json(
				await im.run({
					resource: 'subscription',
					operation: 'get',
					subscriptionId: byId('SUB-2002'),
					simplify: false,
				}),
			)[0],
		).toMatchObject({ customerId: 'CUS-1002' });
	});
});

describe('orders', () => {
	test('Create an Office 365 order with the domain typed with .onmicrosoft.com: corrected and said so', async () => {
		const result = await im.run({
			resource: 'order',
			operation: 'create',
			customerId: byId('CUS-1001'),
			orderType: 'sales',
			poNumber: 'PO-1',
			products: o365('contoso.onmicrosoft.com'),
		});
		expect(result.error).toBeUndefined();
		expect(json(result)[0]).toMatchObject({
			status: 'submitted',
			parameterCorrections: [
				expect.stringMatching(/"domain" changed from "contoso.onmicrosoft.com" to "contoso"/),
			],
		});
		const sent = im.sandbox.apiRequests().find((r) => r.method === 'POST')!.body as Record<
			string,
			unknown
		>;
		expect(sent).toEqual({
			customerId: 'CUS-1001',
			type: 'sales',
			poNumber: 'PO-1',
			products: [
				{ mpn: 'MS-O365-E3', quantity: 5, parameters: [{ name: 'domain', value: 'contoso' }] },
			],
		});
	});

	test('Estimate, Get Many with filters, Get', async () => {
		const estimate = await im.run({
			resource: 'order',
			operation: 'estimate',
			customerId: byId('CUS-1002'),
			orderType: 'sales',
			products: {
				product: [
					{
						mpn: 'DROPBOX-BIZ-STD',
						quantity: 4,
						productFamily: 'dropbox',
						email1: 'team@c2.example',
						email1Name: 'adminEmail',
					},
				],
			},
		});
		expect(json(estimate)[0]).toMatchObject({ total: { amount: 60, currency: 'USD' } });
		// OrderEstimationRequest's fields only: the parameters were checked, not sent.
		expect(im.sandbox.apiRequests().find((r) => /estimate$/.test(r.path))?.body).toEqual({
			type: 'sales',
			customerId: 'CUS-1002',
			products: [{ mpn: 'DROPBOX-BIZ-STD', quantity: 4 }],
		});
		const created = json(
			await im.run({
				resource: 'order',
				operation: 'create',
				customerId: byId('CUS-1002'),
				orderType: 'sales',
				products: {
					product: [
						{
							mpn: 'ACRONIS-CYBER-BACKUP',
							quantity: 2,
							productFamily: 'other',
							otherParameters: '[{"name":"region","value":"eu"}]',
						},
					],
				},
			}),
		)[0];
		const listed = await im.run({
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			filters: { customerId: 'CUS-1002', status: 'submitted', creationTimeFrom: '2026-01-01' },
		});
		expect(json(listed).map((o) => o.id)).toEqual([created.id]);
		expect(
			json(
				await im.run({ resource: 'order', operation: 'get', orderId: byId(String(created.id)) }),
			)[0],
		).toMatchObject({
			products: [
				{ mpn: 'ACRONIS-CYBER-BACKUP', quantity: 2, parameters: [{ name: 'region', value: 'eu' }] },
			],
		});
	});

	test('change order with a signed quantity; renewal and cancellation carry no products (a server that takes that shape)', async () => {
		im.sandbox.options.renewalOrders = 'subscriptionOnly';
		const change = await im.run({
			resource: 'order',
			operation: 'create',
			customerId: byId('CUS-1003'),
			orderType: 'change',
			products: {
				product: [
					{
						mpn: 'ACRONIS-CYBER-BACKUP',
						quantity: -2,
						subscriptionId: 'SUB-2003',
						productFamily: 'other',
					},
				],
			},
		});
		expect(change.error).toBeUndefined();
		const renewal = await im.run({
			resource: 'order',
			operation: 'create',
			customerId: byId('CUS-1003'),
			orderType: 'renewal',
			orderSubscriptionId: 'SUB-2003',
		});
		expect(renewal.error).toBeUndefined();
		const bodies = im.sandbox
			.apiRequests()
			.filter((r) => r.method === 'POST')
			.map((r) => r.body);
		expect(bodies).toEqual([
			{
				customerId: 'CUS-1003',
				type: 'change',
				products: [{ mpn: 'ACRONIS-CYBER-BACKUP', quantity: -2, subscriptionId: 'SUB-2003' }],
			},
			{ customerId: 'CUS-1003', type: 'renewal', subscriptionId: 'SUB-2003' },
		]);
	});

	test('a product Subscription ID shows on change orders only: one left in a sales order is not sent', async () => {
		const sale = await im.run({
			resource: 'order',
			operation: 'create',
			customerId: byId('CUS-1003'),
			orderType: 'sales',
			products: {
				product: [
					{
						mpn: 'ACRONIS-CYBER-BACKUP',
						quantity: 3,
						subscriptionId: 'SUB-LEFT-OVER',
						productFamily: 'other',
					},
				],
			},
		});
		expect(sale.error).toBeUndefined();
		const [body] = im.sandbox
			.apiRequests()
			.filter((r) => r.method === 'POST')
			.map((r) => r.body as { products: Array<Record<string, unknown>> });
		expect(body.products).toEqual([{ mpn: 'ACRONIS-CYBER-BACKUP', quantity: 3 }]);
	});

	test('a renewal refused as the spec would (products required): the error says the spec shows no shape for it and what to do instead', async () => {
		const renewal = await im.run({
			resource: 'order',
			operation: 'create',
			customerId: byId('CUS-1003'),
			orderType: 'renewal',
			orderSubscriptionId: 'SUB-2003',
		});
		expect(renewal.error?.message).toMatch(
			/^Ingram Micro rejected the request: products must not be empty \(correlation ID /,
		);
		expect((renewal.error as { description?: string }).description).toMatch(
			/specification shows no shape for renewal orders.*portal/,
		);
		const sales = await im.run({
			resource: 'order',
			operation: 'create',
			customerId: byId('CUS-1003'),
			orderType: 'sales',
			products: { product: [{ mpn: 'ACRONIS-CYBER-BACKUP', quantity: 1, productFamily: 'other' }] },
		});
		expect((sales.error as { description?: string } | undefined)?.description ?? '').not.toMatch(
			/no shape/,
		);
	});

	test('a 504 on a slow order: "may still be processing", sent once, and the order exists', async () => {
		await im.stop();
		im = await ingramFixture({ slowOrder504Ms: 50 });
		const result = await im.run({
			resource: 'order',
			operation: 'create',
			customerId: byId('CUS-1001'),
			orderType: 'sales',
			products: o365('fabrikam'),
		});
		expect(result.error?.message).toMatch(
			/^Ingram Micro did not answer the order in time \(HTTP 504\); the order may still be processing \(correlation ID /,
		);
		expect(result.error?.description).toMatch(/was NOT sent again.*Order > Get Many/);
		expect(im.sandbox.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(1);
		expect(im.sandbox.orders.size).toBe(1);
	});
});

describe('parameter validation', () => {
	test('Validate adds .onmicrosoft.com for Office 365 and says so; Ingram answers per parameter', async () => {
		const result = await im.run({
			resource: 'parameters',
			operation: 'validate',
			customerId: byId('CUS-1001'),
			products: {
				product: [
					{ mpn: 'MS-O365-E3', productFamily: 'office365', domain: 'contoso' },
					{ mpn: 'MS-O365-E3', productFamily: 'office365', domain: 'taken-name' },
				],
			},
		});
		expect(result.error).toBeUndefined();
		expect(json(result)).toEqual([
			expect.objectContaining({
				name: 'domain',
				result: 'success',
				message: 'Domain available to purchase.',
				parameterCorrections: expect.arrayContaining([
					expect.stringMatching(/sent as "contoso.onmicrosoft.com"/),
				]),
			}),
			expect.objectContaining({
				name: 'domain',
				result: 'error',
				message: 'Domain is already in use.',
			}),
		]);
		expect(im.sandbox.apiRequests()[0].body).toEqual({
			customerId: 'CUS-1001',
			products: [
				{ mpn: 'MS-O365-E3', parameters: [{ name: 'domain', value: 'contoso.onmicrosoft.com' }] },
				{
					mpn: 'MS-O365-E3',
					parameters: [{ name: 'domain', value: 'taken-name.onmicrosoft.com' }],
				},
			],
		});
	});
});

describe('token', () => {
	test('one token for many items; a 401 renews it once', async () => {
		const input = Array.from({ length: 8 }, (_, i) => ({ id: `CUS-${1001 + i}` }));
		const get = {
			resource: 'customer',
			operation: 'get',
			customerId: '={{ { __rl: true, mode: "id", value: $json.id } }}',
		};
		expect((await im.run(get, { input })).items).toHaveLength(8);
		expect(im.sandbox.tokenRequests).toBe(1);
		im.sandbox.expireTokens();
		im.sandbox.clearLog();
		expect((await im.run(get, { input: input.slice(0, 1) })).items).toHaveLength(1);
		expect(
			im.sandbox.requests.map(
				(r) => `${r.method} ${r.path.replace('/marketplace/eu', '')} ${r.status}`,
			),
		).toEqual(['GET /customers/CUS-1001 401', 'POST /token 200', 'GET /customers/CUS-1001 200']);
	});

	test('a wrong password says what to check, without the password', async () => {
		await im.stop();
		im = await ingramFixture({}, { password: 'wrong-password-123' });
		const result = await im.run({ resource: 'customer', operation: 'getAll', limit: 1 });
		expect(result.error?.message).toMatch(
			/^Ingram Micro refused the API credentials \(HTTP 401: Invalid username or password\)/,
		);
		expect(JSON.stringify(result.error)).not.toContain('wrong-password-123');
	});

	test('429 under load: retried until every item is done', async () => {
		await im.stop();
		im = await ingramFixture({ rateLimit: { limit: 3, windowMs: 600 } });
		const input = Array.from({ length: 6 }, (_, i) => ({ id: `CUS-${1001 + i}` }));
		const result = await im.run(
			{
				resource: 'customer',
				operation: 'get',
				customerId: '={{ { __rl: true, mode: "id", value: $json.id } }}',
			},
			{ input },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(6);
		expect(im.sandbox.apiRequests().some((r) => r.status === 429)).toBe(true);
	});
});

describe('credential test (as n8n runs it)', () => {
	test('fetches a token and lists one customer with it', async () => {
		registerNode('n8n-nodes-base.noOp', credentialTestNode(new IngramMicroMarketplaceApi()));
		const { error } = await runNode({
			type: 'n8n-nodes-base.noOp',
			parameters: { temp: '' },
			credentials: { [INGRAM_CRED]: im.credential },
			store: im.store,
		});
		expect(error).toBeUndefined();
		expect(
			im.sandbox.requests.map(
				(r) => `${r.method} ${r.path.replace('/marketplace/eu', '')} ${r.status}`,
			),
		).toEqual(['POST /token 200', 'GET /customers 200']);
	});
});
