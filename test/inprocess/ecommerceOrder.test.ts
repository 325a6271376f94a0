import { haloFixture, type HaloFixture } from './haloFixture';

const order = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'ecommerceOrder',
	operation,
	...extra,
});
const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

describe('HaloPSA node in-process: E-Commerce Order', () => {
	let halo: HaloFixture;
	afterEach(async () => {
		await halo.stop();
	});

	describe.each([['wrapper' as const], ['bare' as const]])('with %s list answers', (listShape) => {
		beforeEach(async () => {
			halo = await haloFixture({ listShape });
		});

		it('the order picker names each order by its number, shop and status, then its ID', async () => {
			const { runPicker } = await import('../harness/pickerRunner');
			const { results } = await runPicker({
				type: 'n8n-nodes-halopsa-marketplace.haloPsaMarketplace',
				method: 'searchEcommerceOrder',
				parameters: order('get'),
				credentials: { haloPsaMarketplaceOAuth2Api: halo.credential },
				store: halo.store,
			});
			expect(results.slice(0, 2)).toEqual([
				{ name: '#1001 · acme-shop · paid (1)', value: '1' },
				{ name: '#1002 · acme-amazon · paid (2)', value: '2' },
			]);
		});

		it('Get Many with a limit asks for one page of that size', async () => {
			const { items, error } = await halo.run(
				order('getAll', { returnAll: false, limit: 7, simplify: true }),
			);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
			expect(Object.keys(items[0].json)).toEqual([
				'id',
				'thirdpartyordernumber',
				'thirdpartyid',
				'thirdpartystatus',
				'thirdpartystatus2',
				'thirdpartycreateddate',
				'integration_name',
				'shop_name',
				'ticket_id',
			]);
			const calls = halo.sandbox.apiRequests();
			expect(calls).toHaveLength(1);
			expect(calls[0].query).toEqual({ pageinate: 'true', page_size: '7', page_no: '1' });
		});

		it('Get Many with Return All reads every page (25 orders, pages of 10)', async () => {
			const { items, error } = await halo.run(
				order('getAll', {
					returnAll: true,
					simplify: false,
					listOptions: { pageSize: 10, order: 'id' },
				}),
			);
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json.id)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
			expect(items[0].json).toHaveProperty('jsonobj');
			const pages = halo.sandbox.apiRequests().map((r) => r.query.page_no);
			expect(pages).toEqual(['1', '2', '3']);
			expect(halo.sandbox.apiRequests()[0].query).toMatchObject({
				pageinate: 'true',
				page_size: '10',
				order: 'id',
			});
		});
	});

	describe('single records', () => {
		beforeEach(async () => {
			halo = await haloFixture();
		});

		it('Get returns the order and sends the bearer token', async () => {
			const { items, error } = await halo.run(order('get', { recordId: byId(3), simplify: false }));
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ id: 3, thirdpartyordernumber: '#1003' });
			const calls = halo.sandbox.apiRequests();
			expect(calls.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/EcommerceOrder/3']);
			expect(calls[0].headers.authorization).toMatch(/^Bearer [0-9a-f]+$/);
		});

		it('Get of a missing id names the id', async () => {
			const { error } = await halo.run(order('get', { recordId: byId(999) }));
			expect(error?.message).toBe('E-Commerce Order 999 was not found in HaloPSA');
		});

		it('Create or Update without an id creates (POST array without id)', async () => {
			const { items, error } = await halo.run(
				order('upsert', {
					inputMode: 'fields',
					simplify: false,
					fields: {
						thirdpartyordernumber: '#2001',
						thirdpartystatus: 'paid',
						ticket_id: 0,
						thirdpartycreateddate: '2026-02-01T10:00:00Z',
					},
				}),
			);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id: 26, thirdpartyordernumber: '#2001' });
			const post = halo.sandbox.apiRequests()[0];
			expect(post.method).toBe('POST');
			expect(post.path).toBe('/api/EcommerceOrder');
			expect(post.body).toEqual([
				{
					thirdpartyordernumber: '#2001',
					thirdpartystatus: 'paid',
					ticket_id: 0,
					thirdpartycreateddate: '2026-02-01T10:00:00Z',
				},
			]);
			expect(halo.sandbox.records('ecommerceOrder').get(26)).toMatchObject({
				thirdpartyordernumber: '#2001',
			});
		});

		it('Create or Update with an id updates that order (JSON mode)', async () => {
			const { items, error } = await halo.run(
				order('upsert', {
					updateId: 4,
					inputMode: 'json',
					recordJson: '{"thirdpartystatus2": "fulfilled"}',
					simplify: true,
				}),
			);
			expect(error).toBeUndefined();
			expect(items[0].json).toMatchObject({ id: 4, thirdpartystatus2: 'fulfilled' });
			expect(halo.sandbox.apiRequests()[0].body).toEqual([
				{ thirdpartystatus2: 'fulfilled', id: 4 },
			]);
			expect(halo.sandbox.records('ecommerceOrder').get(4)).toMatchObject({
				thirdpartystatus2: 'fulfilled',
				thirdpartyordernumber: '#1004',
			});
		});

		it('a wrong type is refused before sending, naming field and item', async () => {
			const { error } = await halo.run(
				order('upsert', { inputMode: 'json', recordJson: '{"ticket_id": "abc"}' }),
			);
			expect(error?.message).toBe(
				'Invalid E-Commerce Order: field "ticket_id" must be a whole number (got "abc") [item 0]',
			);
			expect(halo.sandbox.apiRequests()).toHaveLength(0);
		});

		it('Delete answers {deleted: true, id} whatever Halo sends back', async () => {
			const { items, error } = await halo.run(order('delete', { recordId: byId(5) }));
			expect(error).toBeUndefined();
			expect(items.map((i) => i.json)).toEqual([{ deleted: true, id: 5 }]);
			expect(halo.sandbox.records('ecommerceOrder').has(5)).toBe(false);
			expect(halo.sandbox.apiRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
				'DELETE /api/EcommerceOrder/5',
			]);
		});
	});

	describe('UNSURE answer shapes', () => {
		it('Create answered with an array, Delete answered with JSON', async () => {
			halo = await haloFixture({ postShape: 'array', deleteBody: 'json' });
			const created = await halo.run(
				order('upsert', {
					inputMode: 'fields',
					fields: { thirdpartyordernumber: '#3001' },
					simplify: false,
				}),
			);
			expect(created.items.map((i) => i.json.thirdpartyordernumber)).toEqual(['#3001']);
			const deleted = await halo.run(order('delete', { recordId: byId(1) }));
			expect(deleted.items.map((i) => i.json)).toEqual([{ deleted: true, id: 1 }]);
		});
	});

	describe('errors Halo sends', () => {
		beforeEach(async () => {
			halo = await haloFixture();
		});

		it("a plain-text 400 shows Halo's own words", async () => {
			halo.sandbox.addFault({
				method: 'POST',
				path: /ecommerceorder/i,
				status: 400,
				body: 'thirdpartyid field is mandatory',
			});
			const { error } = await halo.run(
				order('upsert', { inputMode: 'fields', fields: { thirdpartystatus: 'paid' } }),
			);
			expect(error?.message).toBe('HaloPSA refused the request: thirdpartyid field is mandatory');
		});

		it('a 403 says which call was refused', async () => {
			halo.sandbox.addFault({ method: 'GET', path: /ecommerceorder/i, status: 403, body: '' });
			const { error } = await halo.run(order('getAll', { returnAll: false, limit: 5 }));
			expect(error?.message).toBe('HaloPSA refused permission for GET /api/EcommerceOrder');
			expect(error?.description).toContain('Permissions');
		});

		it('a 429 is retried after Retry-After and the list completes', async () => {
			halo.sandbox.addFault({
				method: 'GET',
				path: /ecommerceorder/i,
				status: 429,
				body: 'Rate Limit Reached - 300 Requests per rolling 5 minute window',
				headers: { 'Retry-After': '1' },
				after: 1,
			});
			const { items, error } = await halo.run(
				order('getAll', { returnAll: true, listOptions: { pageSize: 10 } }),
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(25);
			expect(halo.sandbox.apiRequests().map((r) => `${r.status}:${r.query.page_no}`)).toEqual([
				'200:1',
				'429:2',
				'200:2',
				'200:3',
			]);
		});

		it('continue on fail gives an error item per bad input and goes on with the rest', async () => {
			const { items, error } = await halo.run(
				order('get', {
					recordId: '={{ { __rl: true, mode: "id", value: String($json.id) } }}',
					simplify: false,
				}),
				{
					input: [{ id: 2 }, { id: 999 }, { id: 3 }],
					continueOnFail: true,
				},
			);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(3);
			expect(items[0].json.id).toBe(2);
			expect(String(items[1].json.error)).toContain('999 was not found');
			expect(items[2].json.id).toBe(3);
		});
	});
});
