/** Every resource and operation of the table, run through n8n-core's execution engine against the sandbox. */
import {
	resourceTable,
	type HaloResource,
} from '../../nodes/HaloPsaMarketplace/resources/resourceTable';
import { haloFixture, type HaloFixture } from './haloFixture';

const crudResources = resourceTable.filter((r) => r.crud.length);
const byId = (value: number) => ({ __rl: true, mode: 'id', value: String(value) });
const labelValue = (resource: HaloResource) =>
	resource.fields.find(([n]) => n === resource.labelField)?.[1] === 'string'
		? 'from-n8n'
		: undefined;

describe('HaloPSA node in-process: every resource', () => {
	let halo: HaloFixture;
	beforeEach(async () => {
		halo = await haloFixture();
	});
	afterEach(async () => {
		await halo.stop();
	});

	it('the table holds 18 resources and 67 Halo operations', () => {
		expect(resourceTable).toHaveLength(18);
		const halOps = resourceTable.reduce(
			(n, r) => n + r.crud.length + (r.extra ?? []).filter((e) => 'path' in e).length,
			0,
		);
		expect(halOps).toBe(67);
	});

	describe.each(crudResources.map((r) => [r.displayName, r] as const))('%s', (_name, resource) => {
		it(`Get Many -> GET /api/${resource.path} with paging`, async () => {
			const { items, error } = await halo.run({
				resource: resource.value,
				operation: 'getAll',
				returnAll: true,
				simplify: false,
			});
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json[resource.key])).toEqual([
				...halo.sandbox.records(resource.value).keys(),
			]);
			const call = halo.sandbox.apiRequests()[0];
			expect(`${call.method} ${call.path}`).toBe(`GET /api/${resource.path}`);
			expect(call.query).toEqual({ pageinate: 'true', page_size: '500', page_no: '1' });
			// The seed's write-only fields are never output; booleans that merely start with new_ (new_method) are data.
			const writeOnly = resource.fields
				.filter(([, , description]) => /\(write-only\)/.test(description))
				.map(([name]) => name);
			for (const item of items)
				expect(Object.keys(item.json).filter((k) => writeOnly.includes(k))).toEqual([]);
			const flags = resource.fields
				.filter(([name, type]) => name.startsWith('new_') && type === 'boolean')
				.map(([name]) => name);
			for (const flag of flags) expect(typeof items[0].json[flag]).toBe('boolean');
		});

		it(`Get -> GET /api/${resource.path}/{${resource.key}}`, async () => {
			const { items, error } = await halo.run({
				resource: resource.value,
				operation: 'get',
				recordId: byId(2),
				simplify: false,
				includeDetails: true,
			});
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json[resource.key]).toBe(2);
			const call = halo.sandbox.apiRequests()[0];
			expect(`${call.method} ${call.path}`).toBe(`GET /api/${resource.path}/2`);
			expect(call.query).toEqual(
				resource.getQuery?.includes('includedetails') ? { includedetails: 'true' } : {},
			);
		});

		it(`Create or Update -> POST /api/${resource.path} [record]; write-only secrets are sent but never output`, async () => {
			const secretField = resource.fields.find(
				([n, t]) => n.startsWith('new_') && t === 'string',
			)?.[0];
			const fields: Record<string, unknown> = {};
			if (labelValue(resource)) fields[resource.labelField] = labelValue(resource);
			if (secretField) fields[secretField] = 'SECRET-VALUE-123';
			const { items, error } = await halo.run({
				resource: resource.value,
				operation: 'upsert',
				updateId: 1,
				inputMode: 'fields',
				fields,
				simplify: false,
			});
			expect(error).toBeUndefined();
			const call = halo.sandbox.apiRequests()[0];
			expect(`${call.method} ${call.path}`).toBe(`POST /api/${resource.path}`);
			expect(call.body).toEqual([{ ...fields, [resource.key]: 1 }]);
			expect(items[0].json[resource.key]).toBe(1);
			expect(JSON.stringify(items)).not.toContain('SECRET-VALUE-123');
			if (secretField)
				expect(halo.sandbox.secrets.get(`${resource.value}:1`)).toEqual({
					[secretField]: 'SECRET-VALUE-123',
				});
		});

		it(`Delete -> DELETE /api/${resource.path}/{${resource.key}}`, async () => {
			const { items, error } = await halo.run({
				resource: resource.value,
				operation: 'delete',
				recordId: byId(3),
			});
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([{ deleted: true, id: 3 }]);
			expect(halo.sandbox.records(resource.value).has(3)).toBe(false);
		});
	});

	it('Datto Commerce Get Many sends includedetails', async () => {
		await halo.run({
			resource: 'dattoCommerceDetails',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			listOptions: { includedetails: true },
		});
		expect(halo.sandbox.apiRequests()[0].query).toMatchObject({
			includedetails: 'true',
			page_size: '2',
		});
	});

	it('CSP invoice uses lower-case /cspinvoice and the haloid key', async () => {
		const { items } = await halo.run({
			resource: 'cspInvoice',
			operation: 'get',
			recordId: byId(4),
			simplify: false,
		});
		expect(items[0].json).toMatchObject({ haloid: 4, id: 'G001004' });
		expect(halo.sandbox.apiRequests()[0].path).toBe('/api/cspinvoice/4');
	});

	it('Ingram Micro Reseller Get and Get Quote', async () => {
		const get = await halo.run({ resource: 'ingramMicroReseller', operation: 'getReseller' });
		expect(get.items[0].json).toMatchObject({ reseller: 'Ingram Micro Sandbox' });
		const quote = await halo.run({
			resource: 'ingramMicroReseller',
			operation: 'getQuote',
			queryParameters: { parameter: [{ name: 'quoteNumber', value: 'Q-1' }] },
		});
		expect(quote.items[0].json.query).toEqual({ quoteNumber: 'Q-1' });
		expect(halo.sandbox.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/IngramMicroReseller/Get',
			'GET /api/IngramMicroReseller/GetQuote',
		]);
	});

	it('Adobe Commerce status and multipart authentication with the obj key/value array', async () => {
		const status = await halo.run({ resource: 'adobeCommerceIntegration', operation: 'getStatus' });
		expect(status.items[0].json).toMatchObject({ connected: true });
		const auth = await halo.run({
			resource: 'adobeCommerceIntegration',
			operation: 'authenticate',
			authPairs: {
				pair: [
					{ key: 'oauth_consumer_key', value: 'ck-SECRET' },
					{ key: 'oauth_verifier', value: 'v-1' },
				],
			},
		});
		expect(auth.error).toBeUndefined();
		expect(auth.items[0].json).toEqual({
			success: true,
			received_keys: ['oauth_consumer_key', 'oauth_verifier'],
		});
		const call = halo.sandbox.apiRequests()[1];
		expect(call.path).toBe('/api/AdobeCommerceIntegration/auth');
		expect(String(call.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
		expect(call.body).toEqual({
			'obj[0].key': 'oauth_consumer_key',
			'obj[0].value': 'ck-SECRET',
			'obj[1].key': 'oauth_verifier',
			'obj[1].value': 'v-1',
		});
	});

	it('E-Commerce Order link to ticket and unlink', async () => {
		const linked = await halo.run({
			resource: 'ecommerceOrder',
			operation: 'linkToTicket',
			recordId: byId(2),
			ticketId: 1001,
			simplify: false,
		});
		expect(linked.items[0].json).toMatchObject({ id: 2, ticket_id: 1001 });
		const unlinked = await halo.run({
			resource: 'ecommerceOrder',
			operation: 'unlinkFromTicket',
			recordId: byId(2),
			simplify: false,
		});
		expect(unlinked.items[0].json).toMatchObject({ id: 2, ticket_id: 0, linked_tickets: [] });
		expect(halo.sandbox.apiRequests().map((r) => r.body)).toEqual([
			[{ id: 2, ticket_id: 1001 }],
			[{ id: 2, _unlink_from_ticket: true }],
		]);
	});

	it('CSP consumption data: Delete All of Parent', async () => {
		const { items } = await halo.run({
			resource: 'cspConsumptionData',
			operation: 'deleteByParent',
			parentId: 2,
		});
		expect(items.map((i) => i.json)).toEqual([{ deleted: true, parentId: 2 }]);
		expect(
			[...halo.sandbox.records('cspConsumptionData').values()].some((r) => r.parentid === 2),
		).toBe(false);
		expect(halo.sandbox.apiRequests()[0].path).toBe('/api/CSPConsumptionData/Parent/2');
	});

	it.each([
		['cspConsumptionData', 'CSPConsumptionData/manage'],
		['cspSubscriptionPricing', 'CSPSubscriptionPricing/manage'],
	])(
		'%s Bulk Create or Update sends all items in chunks and reports each chunk',
		async (resource, path) => {
			const input = Array.from({ length: 23 }, (_, i) => ({
				skuid: `SKU-${i}`,
				unitprice: i + 0.5,
			}));
			const { items, error } = await halo.run(
				{ resource, operation: 'bulkManage', chunkSize: 10 },
				{ input },
			);
			expect(error).toBeUndefined();
			expect(
				items.map((i) => [
					i.json.chunk,
					i.json.firstItem,
					i.json.lastItem,
					i.json.sent,
					i.json.success,
				]),
			).toEqual([
				[1, 0, 9, 10, true],
				[2, 10, 19, 10, true],
				[3, 20, 22, 3, true],
			]);
			const calls = halo.sandbox.apiRequests();
			expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill(`POST /api/${path}`));
			expect((calls[2].body as unknown[]).length).toBe(3);
		},
	);

	it('Bulk: a failed chunk is named with its items; earlier chunks are reported saved', async () => {
		halo.sandbox.addFault({
			method: 'POST',
			path: /manage/i,
			status: 400,
			body: 'skuid field is mandatory',
			after: 1,
		});
		const input = Array.from({ length: 25 }, (_, i) => ({ skuid: `SKU-${i}` }));
		const { error } = await halo.run(
			{ resource: 'cspConsumptionData', operation: 'bulkManage', chunkSize: 10 },
			{ input },
		);
		expect(error?.message).toBe(
			'Chunk 2 of 3 (items 10-19) failed: HaloPSA refused the request: skuid field is mandatory',
		);
		expect(error?.description).toBe(
			'Chunks 1-1 (items 0-9) were saved. Send items 10 onwards again.',
		);
		expect(halo.sandbox.apiRequests()).toHaveLength(2);
	});

	it('Bulk: a wrong type in any item stops before any chunk is sent', async () => {
		const input = [{ skuid: 'A' }, { skuid: 'B', quantity: 'many' }];
		const { error } = await halo.run(
			{ resource: 'cspConsumptionData', operation: 'bulkManage', chunkSize: 1 },
			{ input },
		);
		expect(error?.message).toBe(
			'Invalid Microsoft CSP Consumption Data: field "quantity" must be a number (got "many") [item 1]',
		);
		expect(halo.sandbox.apiRequests()).toHaveLength(0);
	});

	it('Bulk from lists: the records held in one field of each item are sent in chunks, named by item and record when wrong', async () => {
		const list = (from: number, count: number) =>
			Array.from({ length: count }, (_, i) => ({ skuid: `L-${from + i}`, quantity: 1 }));
		const { items, error } = await halo.run(
			{
				resource: 'cspConsumptionData',
				operation: 'bulkManage',
				chunkSize: 10,
				recordsFrom: 'field',
				recordsField: 'rows',
			},
			{ input: [{ rows: list(0, 15) }, { rows: list(15, 8) }] },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.firstItem, i.json.lastItem, i.json.sent])).toEqual([
			[0, 9, 10],
			[10, 19, 10],
			[20, 22, 3],
		]);
		expect(items[1].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		expect(
			[...halo.sandbox.records('cspConsumptionData').values()].filter((r) =>
				String(r.skuid).startsWith('L-'),
			),
		).toHaveLength(23);
		halo.sandbox.clearLog();
		const bad = await halo.run(
			{
				resource: 'cspConsumptionData',
				operation: 'bulkManage',
				recordsFrom: 'field',
				recordsField: 'rows',
			},
			{ input: [{ rows: list(0, 2) }, { rows: [{ skuid: 'X', quantity: 'lots' }] }] },
		);
		expect(bad.error?.message).toBe(
			'Invalid Microsoft CSP Consumption Data in record 0: field "quantity" must be a number (got "lots") [item 1]',
		);
		const missing = await halo.run(
			{
				resource: 'cspConsumptionData',
				operation: 'bulkManage',
				recordsFrom: 'field',
				recordsField: 'rows',
			},
			{ input: [{ other: [] }] },
		);
		expect(missing.error?.message).toBe('No list of records in the field "rows" [item 0]');
		expect(halo.sandbox.apiRequests()).toHaveLength(0);
	});

	it('paths are case-insensitive on the server, as in real Halo', async () => {
		const { items } = await halo.run({
			resource: 'pax8Details',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			simplify: false,
		});
		expect(items).toHaveLength(1);
		halo.sandbox.clearLog();
		const url = `${halo.url}/api/pax8details`;
		const token = halo.store.get('halo-1')!.data.accessToken as string;
		const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
		expect(res.status).toBe(200);
	});
});

describe('HaloPSA node in-process: secrets in bad input', () => {
	it('a wrong type in a write-only field is reported without its value', async () => {
		const halo = await haloFixture();
		try {
			const { error } = await halo.run({
				resource: 'pax8Details',
				operation: 'upsert',
				inputMode: 'json',
				recordJson: '{"new_client_secret": 12345678}',
			});
			expect(error?.message).toBe(
				'Invalid Pax8 Integration: field "new_client_secret" must be text (got a number) [item 0]',
			);
			expect(halo.sandbox.apiRequests()).toHaveLength(0);
		} finally {
			await halo.stop();
		}
	});
});
