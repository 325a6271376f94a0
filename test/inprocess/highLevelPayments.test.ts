/** Every HighLevel Payments operation through n8n-core's execution engine against the HighLevel sandbox over HTTP. */
import type { IDataObject } from 'n8n-workflow';
import {
	byId,
	highLevelFixture,
	WHITE_LABEL_PROVIDER_CREATE,
	type HighLevelFixture,
} from './highLevelFixture';

let hl: HighLevelFixture;

beforeEach(async () => {
	hl = await highLevelFixture();
});
afterEach(async () => {
	await hl.stop();
});

const json = (result: { items: Array<{ json: unknown }> }) =>
	result.items.map((i) => i.json as Record<string, unknown>);

describe('orders', () => {
	test('Get Many with Return All pages with offset/limit and always sends Version and altId (orders take no altType in payments.json)', async () => {
		await hl.stop();
		hl = await highLevelFixture({ orders: 250 });
		const result = await hl.run({
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			simplify: false,
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(250);
		const requests = hl.sandbox.paymentsRequests();
		expect(requests.map((r) => [r.query.offset, r.query.limit])).toEqual([
			['0', '100'],
			['100', '100'],
			['200', '100'],
		]);
		for (const request of requests) {
			expect(request.query).toMatchObject({ altId: 'loc-sandbox' });
			expect(request.query.altType).toBeUndefined();
			expect(request.headers.version).toBe('2021-07-28');
			expect(request.headers.authorization).toMatch(/^Bearer hl-at-/);
		}
	});

	test('Get Many with Limit, filters and Simplify', async () => {
		const result = await hl.run({
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
			filters: {
				paymentStatus: 'paid',
				startAt: '2026-10-01',
				endAt: '2026-10-02T06:00:00Z',
				contactId: '',
			},
		});
		expect(result.error).toBeUndefined();
		expect(json(result)).toHaveLength(3);
		// Simplified list rows as HighLevel documents them: the flat contact name, no payment status.
		expect(Object.keys(json(result)[0]).sort()).toEqual([
			'_id',
			'amount',
			'contactId',
			'contactName',
			'createdAt',
			'currency',
			'fulfillmentStatus',
			'status',
			'updatedAt',
		]);
		// The rows do not carry the payment status; the filter was the server's to apply.
		const paid = new Set(
			[...hl.sandbox.orders.values()].filter((o) => o.paymentStatus === 'paid').map((o) => o._id),
		);
		expect(json(result).every((o) => paid.has(String(o._id)))).toBe(true);
		expect(hl.sandbox.paymentsRequests()[0].query).toMatchObject({
			paymentStatus: 'paid',
			startAt: '2026-10-01',
			endAt: '2026-10-02',
			limit: '3',
			offset: '0',
		});
	});

	test('Get by ID, and a clear error for an unknown order (400 "not found" and the 404 variant)', async () => {
		const id = hl.sandbox.orderId(7);
		const result = await hl.run({
			resource: 'order',
			operation: 'get',
			orderId: byId(id),
			simplify: false,
		});
		expect(json(result)).toEqual([expect.objectContaining({ _id: id, amount: 120 })]);
		expect(hl.sandbox.paymentsRequests()[0].query).toEqual({ altId: 'loc-sandbox' });
		const missing = await hl.run({
			resource: 'order',
			operation: 'get',
			orderId: byId('0d00000000000000000000ff'),
		});
		expect(missing.error?.message).toMatch(
			/^Order 0d00000000000000000000ff was not found in HighLevel \(trace ID [0-9a-f]+\)$/,
		);
		await hl.stop();
		hl = await highLevelFixture({ notFoundStatus: 404 });
		const missing404 = await hl.run({ resource: 'order', operation: 'get', orderId: byId('nope') });
		expect(missing404.error?.message).toMatch(/^Order nope was not found in HighLevel/);
	});
});

describe('lists as the docs leave them open', () => {
	test('a server that lists oldest first and caps limit at 10: Return All gives every order once, Limit the first ones it sends', async () => {
		hl.sandbox.options.listOrder = 'oldestFirst';
		hl.sandbox.options.maxLimit = 10;
		const all = await hl.run({
			resource: 'order',
			operation: 'getAll',
			returnAll: true,
			simplify: false,
		});
		expect(all.error).toBeUndefined();
		expect(json(all).map((o) => o._id)).toEqual([...hl.sandbox.orders.keys()].sort());
		const some = await hl.run({
			resource: 'order',
			operation: 'getAll',
			limit: 3,
			simplify: false,
		});
		expect(json(some).map((o) => o._id)).toEqual([
			hl.sandbox.orderId(1),
			hl.sandbox.orderId(2),
			hl.sandbox.orderId(3),
		]);
	});
});

describe('fulfillments', () => {
	test('Create with trackings and items, then Get Many of the order', async () => {
		const orderId = hl.sandbox.orderId(2);
		const created = await hl.run({
			resource: 'fulfillment',
			operation: 'create',
			orderId: byId(orderId),
			items: { item: [{ priceId: hl.sandbox.priceId(2), qty: 3 }] },
			trackings: {
				tracking: [
					{
						trackingNumber: '1Z999',
						shippingCarrier: 'UPS',
						trackingUrl: 'https://ups.example/track/1Z999',
					},
				],
			},
			notifyCustomer: true,
		});
		expect(created.error).toBeUndefined();
		expect(json(created)).toEqual([
			expect.objectContaining({
				trackings: [
					{
						trackingNumber: '1Z999',
						shippingCarrier: 'UPS',
						trackingUrl: 'https://ups.example/track/1Z999',
					},
				],
			}),
		]);
		// FulfillmentSchema answers carry no notifyCustomer: it is sent, not echoed.
		expect(json(created)[0]).not.toHaveProperty('notifyCustomer');
		const sent = hl.sandbox.paymentsRequests()[0];
		expect(sent.body).toMatchObject({
			altId: 'loc-sandbox',
			altType: 'location',
			items: [{ priceId: hl.sandbox.priceId(2), qty: 3 }],
			notifyCustomer: true,
		});
		expect(hl.sandbox.orders.get(orderId)!.fulfillmentStatus).toBe('fulfilled');
		const listed = await hl.run({
			resource: 'fulfillment',
			operation: 'getAll',
			orderId: byId(orderId),
			returnAll: true,
		});
		expect(json(listed)).toHaveLength(1);
		expect(json(listed)[0]._id).toBe(json(created)[0]._id);
		// Items come back as HighLevel documents them, not as they were sent: {_id, name, product, price, qty}.
		for (const answer of [json(created)[0], json(listed)[0]]) {
			expect(answer.items).toEqual([
				{
					_id: expect.any(String),
					name: 'Licence pack 2',
					product: expect.objectContaining({ name: 'Licence pack 2' }),
					price: expect.objectContaining({ _id: hl.sandbox.priceId(2) }),
					qty: 3,
				},
			]);
		}
	});

	test('a server that answers a create with 201 (the docs say 200; UNSURE): the fulfillment is output as created', async () => {
		hl.sandbox.options.createdStatus = 201;
		const orderId = hl.sandbox.orderId(4);
		const created = await hl.run({
			resource: 'fulfillment',
			operation: 'create',
			orderId: byId(orderId),
			items: { item: [{ priceId: hl.sandbox.priceId(4), qty: 1 }] },
			trackings: { tracking: [{ trackingNumber: '201-1' }] },
		});
		expect(created.error).toBeUndefined();
		expect(hl.sandbox.paymentsRequests().map((r) => r.status)).toEqual([201]);
		expect(json(created)).toEqual([
			expect.objectContaining({ _id: hl.sandbox.fulfillments.get(orderId)![0]._id }),
		]);
	});

	test('Create from JSON built by an expression: any number of items and trackings', async () => {
		const orderId = hl.sandbox.orderId(5);
		const created = await hl.run(
			{
				resource: 'fulfillment',
				operation: 'create',
				orderId: byId(orderId),
				fulfillmentInput: 'json',
				fulfillmentJson: '={{ $json.shipment }}',
			},
			{
				input: [
					{
						shipment: {
							items: [{ priceId: hl.sandbox.priceId(5), qty: 1 }],
							trackings: [
								{ trackingNumber: 'A1' },
								{ trackingNumber: 'A2', shippingCarrier: 'DHL' },
							],
						},
					},
				],
			},
		);
		expect(created.error).toBeUndefined();
		expect(json(created)[0].trackings).toEqual([
			{ trackingNumber: 'A1' },
			{ trackingNumber: 'A2', shippingCarrier: 'DHL' },
		]);
		expect(hl.sandbox.paymentsRequests()[0].body).toMatchObject({
			items: [{ priceId: hl.sandbox.priceId(5), qty: 1 }],
			notifyCustomer: false,
		});
	});
});

describe('transactions and subscriptions', () => {
	test('transaction Get Many with filters, and Get', async () => {
		const orderId = hl.sandbox.orderId(3);
		const many = await hl.run({
			resource: 'transaction',
			operation: 'getAll',
			returnAll: true,
			simplify: true,
			filters: { entityId: orderId, paymentMode: 'live' },
		});
		expect(json(many)).toEqual([
			expect.objectContaining({
				entityId: orderId,
				amount: 80,
				amountRefunded: 0,
				status: 'succeeded',
			}),
		]);
		const id = json(many)[0]._id as string;
		const one = await hl.run({
			resource: 'transaction',
			operation: 'get',
			transactionId: byId(id),
			simplify: false,
		});
		expect(json(one)).toEqual([expect.objectContaining({ _id: id, chargeId: 'ch_3' })]);
	});

	test('subscription Get Many with filters, and Get', async () => {
		const many = await hl.run({
			resource: 'subscription',
			operation: 'getAll',
			returnAll: true,
			filters: { search: 'sub_3' },
		});
		expect(json(many)).toEqual([
			expect.objectContaining({ subscriptionId: 'sub_3', status: 'canceled' }),
		]);
		const one = await hl.run({
			resource: 'subscription',
			operation: 'get',
			subscriptionId: byId(json(many)[0]._id as string),
			simplify: false,
		});
		expect(json(one)[0]).toMatchObject({
			subscriptionId: 'sub_3',
			schedule: {
				executeAt: expect.any(String),
				rrule: expect.objectContaining({ intervalType: 'monthly', interval: 1 }),
			},
		});
	});
});

describe('white-label providers', () => {
	const provider = {
		resource: 'whiteLabelProvider',
		operation: 'create',
		uniqueName: 'acme-pay',
		title: 'Acme Pay',
		provider: 'nmi',
		description: 'Card payments for Acme',
		imageUrl: 'https://acme.example/logo.png',
	};

	test('Create with a marketplace token, then Get Many in both list shapes', async () => {
		const created = await hl.run(provider);
		expect(created.error).toBeUndefined();
		expect(json(created)).toEqual([
			expect.objectContaining({
				title: 'Acme Pay',
				provider: 'nmi',
				route: '/payments/custom/acme-pay',
			}),
		]);
		expect(hl.sandbox.paymentsRequests()[0].body).toMatchObject({
			altId: 'loc-sandbox',
			altType: 'location',
			uniqueName: 'acme-pay',
		});
		const listed = await hl.run({
			resource: 'whiteLabelProvider',
			operation: 'getAll',
			returnAll: true,
		});
		expect(json(listed)).toEqual([expect.objectContaining({ title: 'Acme Pay' })]);
		hl.sandbox.options.providersShape = 'object';
		expect(
			json(await hl.run({ resource: 'whiteLabelProvider', operation: 'getAll', returnAll: true })),
		).toEqual([expect.objectContaining({ title: 'Acme Pay' })]);
	});

	test.each([401, 403] as const)(
		'a private integration token refused with %i: the message says a marketplace-app token is needed',
		async (status) => {
			hl.sandbox.options.appOnlyRefusalStatus = status;
			const refused = await hl.run(provider, { auth: 'privateToken' });
			expect(refused.error?.message).toMatch(
				/^HighLevel refused POST \/payments\/integrations\/provider\/whitelabel: it needs a marketplace-app token/,
			);
			expect(refused.error?.description).toMatch(
				/Private Integration Token can list providers but not create them/,
			);
			expect(refused.error?.description).not.toMatch(/rotated/);
			expect(hl.sandbox.providers).toHaveLength(0);
		},
	);
});

describe('credentials', () => {
	test('a private integration token reads with the location of the credential', async () => {
		const result = await hl.run(
			{ resource: 'order', operation: 'getAll', limit: 2 },
			{ auth: 'privateToken' },
		);
		expect(result.error).toBeUndefined();
		expect(hl.sandbox.paymentsRequests()[0].headers.authorization).toBe('Bearer pit-sandbox-0000');
	});

	test('client credentials whose token names its location (an UNSURE variant): one token for many items, the location from the token', async () => {
		hl.sandbox.options.clientCredentialsGrant = 'tokenWithLocation';
		hl.store.get('hl-cc')!.data.locationId = '';
		const input = Array.from({ length: 5 }, (_, i) => ({ n: i + 1 }));
		const result = await hl.run(
			{
				resource: 'order',
				operation: 'get',
				orderId:
					'={{ { __rl: true, mode: "id", value: "0d" + $json.n.toString(16).padStart(22, "0") } }}',
				simplify: false,
			},
			{ auth: 'clientCredentials', input },
		);
		expect(result.error).toBeUndefined();
		expect(json(result).map((o) => o.amount)).toEqual([60, 70, 80, 90, 100]);
		expect(hl.sandbox.tokenRequests.map((t) => t.grant_type)).toEqual(['client_credentials']);
		expect(hl.sandbox.tokenRequests[0]).toMatchObject({
			user_type: 'Location',
			client_id: 'hl-client',
		});
		expect((hl.store.get('hl-cc')!.data.oauthTokenData as Record<string, unknown>).locationId).toBe(
			'loc-sandbox',
		);
	});

	test('authorization code: an expired token is refreshed once, the new tokens are saved, the call succeeds', async () => {
		const before = hl.store.get('hl-code')!.data.oauthTokenData as Record<string, unknown>;
		hl.sandbox.expireTokens();
		const result = await hl.run({ resource: 'subscription', operation: 'getAll', limit: 1 });
		expect(result.error).toBeUndefined();
		expect(hl.sandbox.tokenRequests.map((t) => t.grant_type)).toEqual(['refresh_token']);
		const after = hl.store.get('hl-code')!.data.oauthTokenData as Record<string, unknown>;
		expect(after.access_token).not.toBe(before.access_token);
		expect(after.refresh_token).not.toBe(before.refresh_token);
		expect(hl.sandbox.paymentsRequests().map((r) => r.status)).toEqual([401, 200]);
	});
});

describe('errors', () => {
	test('422 with a message array shows every message and the trace ID', async () => {
		hl.sandbox.addFault({
			path: /^\/payments\/orders$/,
			status: 422,
			body: JSON.stringify({
				statusCode: 422,
				message: ['altType should not be empty', 'limit must not be greater than 100'],
				error: 'Unprocessable Entity',
				traceId: 'trace-422',
			}),
		});
		const result = await hl.run({ resource: 'order', operation: 'getAll', limit: 2 });
		expect(result.error?.message).toBe(
			'HighLevel rejected the request: altType should not be empty; limit must not be greater than 100 (trace ID trace-422)',
		);
	});

	test('403 for a location the token cannot access names the location', async () => {
		const result = await hl.run({
			resource: 'order',
			operation: 'getAll',
			limit: 2,
			locationId: 'loc-other',
		});
		expect(result.error?.message).toMatch(
			/^HighLevel refused access to location loc-other: The token does not have access to this location\./,
		);
	});

	test('429: waits as the X-RateLimit headers say and completes every item', async () => {
		hl.sandbox.setRateLimit(2, 700);
		const input = Array.from({ length: 5 }, (_, i) => ({ n: i + 1 }));
		const result = await hl.run(
			{
				resource: 'order',
				operation: 'get',
				orderId:
					'={{ { __rl: true, mode: "id", value: "0d" + $json.n.toString(16).padStart(22, "0") } }}',
			},
			{ input },
		);
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		const statuses = hl.sandbox.paymentsRequests().map((r) => r.status);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
		expect(statuses.filter((s) => s === 200)).toHaveLength(5);
	});

	test('429 that does not end: waited out up to Rate Limit Wait (Seconds), then a clear error with the limits', async () => {
		hl.sandbox.addFault({
			path: /^\/payments\/orders$/,
			times: 1000,
			status: 429,
			body: '{"statusCode":429,"message":"Too many requests"}',
			headers: {
				'Retry-After': '1',
				'X-RateLimit-Max': '100',
				'X-RateLimit-Interval-Milliseconds': '10000',
				'X-RateLimit-Daily-Remaining': '5',
			},
		});
		const result = await hl.run({
			resource: 'order',
			operation: 'getAll',
			limit: 1,
			requestOptions: { rateLimitWaitSeconds: 2 },
		});
		expect(result.error?.message).toBe(
			'HighLevel rate limit reached, still refused after 3 attempts',
		);
		expect(result.error?.description).toMatch(/100 requests per 10 seconds \(5 left today\)/);
		expect(hl.sandbox.requests.matching('GET', /^\/payments\/orders$/)).toHaveLength(3);
	});

	test('a burst of 429s shorter than the wait budget is waited out: the list arrives', async () => {
		hl.sandbox.addFault({
			path: /^\/payments\/orders$/,
			times: 10,
			status: 429,
			body: '{"statusCode":429,"message":"Too many requests"}',
			headers: { 'Retry-After': '0' },
		});
		const result = await hl.run({ resource: 'order', operation: 'getAll', limit: 1 });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
	});
});

describe('input checks before sending', () => {
	const provider = { ...WHITE_LABEL_PROVIDER_CREATE };
	const fulfillment = (items: unknown, trackings: unknown = { tracking: [] }) => ({
		resource: 'fulfillment',
		operation: 'create',
		orderId: byId('0d0000000000000000000001'),
		items,
		trackings,
	});

	test.each([
		[
			'white-label unique name',
			{ ...provider, uniqueName: 'Acme_Pay' },
			/Unique Name may contain only lower-case letters and hyphens.*\(got "Acme_Pay"\)/,
		],
		[
			'white-label unique name ending in a hyphen',
			{ ...provider, uniqueName: 'acme-' },
			/Unique Name may contain only lower-case letters/,
		],
		[
			'white-label provider',
			{ ...provider, provider: '={{ "stripe" }}' },
			/Provider must be one of authorize-net, nmi \(got "stripe"\)/,
		],
		[
			'white-label image URL',
			{ ...provider, imageUrl: 'http://acme.example/logo.png' },
			/Image URL must be a full https:\/\/ address/,
		],
		['fulfillment without items', fulfillment({}), /Items needs at least one item/],
		// n8n itself refuses an empty required field typed in the editor; an expression that yields nothing reaches the node.
		[
			'fulfillment item without price',
			fulfillment({ item: [{ priceId: '={{ $json.priceId ?? "" }}', qty: 1 }] }),
			/Items > 1 > Price ID is required/,
		],
		[
			'fulfillment item with zero quantity',
			fulfillment({ item: [{ priceId: 'p1', qty: 0 }] }),
			/Items > 1 > Quantity must be 1 or more \(got 0\)/,
		],
		[
			'fulfillment tracking URL',
			fulfillment(
				{ item: [{ priceId: 'p1', qty: 1 }] },
				{ tracking: [{ trackingNumber: '1Z', trackingUrl: 'ups' }] },
			),
			/Trackings > 1 > Tracking URL must be a full URL/,
		],
		[
			'fulfillment JSON that does not parse',
			{ ...fulfillment({}), fulfillmentInput: 'json', fulfillmentJson: '{"items": [' },
			/Fulfillment \(JSON\) is not valid JSON/,
		],
		[
			'fulfillment JSON that is a list',
			{ ...fulfillment({}), fulfillmentInput: 'json', fulfillmentJson: '[]' },
			/Fulfillment \(JSON\) must be an object/,
		],
		[
			'fulfillment JSON with a bad item',
			{
				...fulfillment({}),
				fulfillmentInput: 'json',
				fulfillmentJson: '{"items": [{"priceId": "p1", "qty": -2}]}',
			},
			/Items > 1 > Quantity must be 1 or more \(got -2\)/,
		],
		[
			'date filter',
			{ resource: 'order', operation: 'getAll', filters: { startAt: 'last tuesday' } },
			/Filters > Start Date must be a date such as 2026-01-31/,
		],
		[
			'date range',
			{
				resource: 'transaction',
				operation: 'getAll',
				filters: { startAt: '2026-02-01', endAt: '2026-01-01' },
			},
			/End Date \(2026-01-01\) is before Start Date/,
		],
		[
			'limit',
			{ resource: 'order', operation: 'getAll', limit: 0 },
			/Limit must be a whole number of at least 1, got 0/,
		],
		[
			'order id',
			{
				resource: 'order',
				operation: 'get',
				orderId: { __rl: true, mode: 'id', value: '={{ "a/b" }}' },
			},
			/Order must be a HighLevel ID/,
		],
	])('%s', async (_name, parameters, message) => {
		const result = await hl.run(parameters as IDataObject);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.message).toMatch(/\[item 0\]$/);
		expect(hl.sandbox.paymentsRequests()).toHaveLength(0);
	});

	test('continue on fail: the bad item becomes an error item, the good one is created', async () => {
		const result = await hl.run(
			{ ...provider, uniqueName: '={{ $json.name }}' },
			{ input: [{ name: 'Bad Name' }, { name: 'good-name' }], continueOnFail: true },
		);
		expect(result.error).toBeUndefined();
		expect(json(result)[0].error).toMatch(
			/Unique Name may contain only lower-case letters.*\[item 0\]$/,
		);
		expect(json(result)[1]).toMatchObject({ route: '/payments/custom/good-name' });
		expect(hl.sandbox.providers).toHaveLength(1);
	});
});
