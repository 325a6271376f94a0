import { haloFixture, type HaloFixture } from './haloFixture';

describe('HaloPSA node in-process: E-Commerce Order', () => {
	let halo: HaloFixture;
	beforeEach(async () => {
		halo = await haloFixture();
	});
	afterEach(async () => {
		await halo.stop();
	});

	it('gets one order by id', async () => {
		const { items, error } = await halo.run({ resource: 'ecommerceOrder', operation: 'get', recordId: { __rl: true, mode: 'id', value: '3' }, simplify: false });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({ id: 3, thirdpartyordernumber: '#1003' });
		const apiCalls = halo.sandbox.apiRequests();
		expect(apiCalls.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/EcommerceOrder/3']);
		expect(apiCalls[0].headers.authorization).toMatch(/^Bearer [0-9a-f]+$/);
	});
});
