import type { HaloSandbox } from '../sandbox/haloSandbox';
import { haloWithN8n, HALO_NODE as NODE } from './haloN8n';
import { workflowWith, type RealN8n } from './realN8n';

jest.setTimeout(20 * 60_000);

const credentials = { haloPsaMarketplaceOAuth2Api: { id: 'halo-e2e', name: 'Halo sandbox' } };
const byId = (value: number | string) => ({ __rl: true, mode: 'id', value: String(value) });

describe('real n8n: HaloPSA node, E-Commerce Order', () => {
	let halo: HaloSandbox;
	let n8n: RealN8n;

	beforeAll(async () => {
		({ halo, n8n } = await haloWithN8n('halo-e2e'));
		const node = (parameters: Record<string, unknown>) => ({
			type: NODE,
			parameters: { resource: 'ecommerceOrder', ...parameters },
			credentials,
		});
		await n8n.importWorkflow([
			workflowWith(
				'eoGetAll',
				node({
					operation: 'getAll',
					returnAll: true,
					simplify: false,
					listOptions: { pageSize: 10 },
				}),
			),
			workflowWith('eoGet', node({ operation: 'get', recordId: byId(7), simplify: false })),
			workflowWith(
				'eoCreate',
				node({
					operation: 'upsert',
					inputMode: 'fields',
					simplify: false,
					fields: { thirdpartyordernumber: '#E2E-1', thirdpartystatus: 'paid' },
				}),
			),
			workflowWith(
				'eoUpdate',
				node({
					operation: 'upsert',
					updateId: 8,
					inputMode: 'json',
					recordJson: '{"thirdpartystatus2": "shipped"}',
					simplify: true,
				}),
			),
			workflowWith('eoDelete', node({ operation: 'delete', recordId: byId(9) })),
			workflowWith(
				'eoFifty',
				node({
					operation: 'get',
					simplify: true,
					recordId: '={{ { __rl: true, mode: "id", value: String($json.id) } }}',
				}),
				Array.from({ length: 50 }, (_, i) => ({ id: (i % 15) + 10 })),
			),
		]);
	});

	afterAll(async () => {
		await halo?.stop();
		n8n?.cleanup();
	});

	beforeEach(() => halo.clearLog());

	it('Get Many with Return All reads all 25 orders over 3 pages', async () => {
		const run = await n8n.execute('eoGetAll');
		expect(run.error).toBeUndefined();
		expect(run.nodes.Subject.map((i) => i.json.id)).toEqual(
			Array.from({ length: 25 }, (_, i) => i + 1),
		);
		expect(halo.apiRequests().map((r) => r.query.page_no)).toEqual(['1', '2', '3']);
	});

	it('Get returns one order', async () => {
		const run = await n8n.execute('eoGet');
		expect(run.error).toBeUndefined();
		expect(run.nodes.Subject).toHaveLength(1);
		expect(run.nodes.Subject[0].json).toMatchObject({ id: 7, thirdpartyordernumber: '#1007' });
	});

	it('Create or Update creates, then updates by id', async () => {
		const created = await n8n.execute('eoCreate');
		expect(created.error).toBeUndefined();
		expect(created.nodes.Subject[0].json).toMatchObject({
			id: 26,
			thirdpartyordernumber: '#E2E-1',
		});
		const updated = await n8n.execute('eoUpdate');
		expect(updated.error).toBeUndefined();
		expect(updated.nodes.Subject[0].json).toMatchObject({ id: 8, thirdpartystatus2: 'shipped' });
		expect(halo.records('ecommerceOrder').get(8)).toMatchObject({ thirdpartystatus2: 'shipped' });
		expect(halo.apiRequests().map((r) => [r.method, r.path, r.body])).toEqual([
			[
				'POST',
				'/api/EcommerceOrder',
				[{ thirdpartyordernumber: '#E2E-1', thirdpartystatus: 'paid' }],
			],
			['POST', '/api/EcommerceOrder', [{ thirdpartystatus2: 'shipped', id: 8 }]],
		]);
	});

	it('Delete answers {deleted: true, id}', async () => {
		const run = await n8n.execute('eoDelete');
		expect(run.error).toBeUndefined();
		expect(run.nodes.Subject.map((i) => i.json)).toEqual([{ deleted: true, id: 9 }]);
		expect(halo.records('ecommerceOrder').has(9)).toBe(false);
	});

	it('one token for 3 executions x 50 items, kept in the stored credential between n8n processes', async () => {
		halo.expireTokens();
		halo.clearLog();
		for (let execution = 0; execution < 3; execution++) {
			const run = await n8n.execute('eoFifty');
			expect(run.error).toBeUndefined();
			expect(run.nodes.Subject).toHaveLength(50);
		}
		// The first execution's items meet the expired (or not yet fetched) token, one new token serves them all.
		expect(halo.tokenRequests).toBe(1);
		expect(halo.apiRequests().filter((r) => r.status === 401).length).toBeLessThanOrEqual(50);
		expect(halo.apiRequests().filter((r) => r.status === 200)).toHaveLength(150);
	});

	it('after the token expires, a 401 triggers exactly one new token and the call succeeds', async () => {
		halo.expireTokens();
		halo.clearLog();
		const run = await n8n.execute('eoGet');
		expect(run.error).toBeUndefined();
		expect(run.nodes.Subject[0].json).toMatchObject({ id: 7 });
		expect(halo.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'GET /api/EcommerceOrder/7 401',
			'POST /auth/token 200',
			'GET /api/EcommerceOrder/7 200',
		]);
	});
});
