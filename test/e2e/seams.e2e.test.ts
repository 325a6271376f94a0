/**
 * The seams in a real n8n (the packed tarball installed as n8n installs it, `n8n execute`): one workflow in
 * which a Get of each node runs with "Continue (using error output)", its success and error outputs wired to
 * No Operation nodes whose items the test reads; and a HaloPSA Get answered with a redirect to another
 * origin, which receives nothing.
 */
import { Recorder } from '../harness/recorder';
import { sandboxCredentialRecords } from '../sandbox/allSandboxes';
import { HaloSandbox } from '../sandbox/haloSandbox';
import { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { IngramSandbox } from '../sandbox/ingramSandbox';
import { RealN8n } from './realN8n';

jest.setTimeout(15 * 60_000);

const byId = (value: unknown) => ({ __rl: true, mode: 'id', value });

describe('real n8n: error output and redirects', () => {
	const halo = new HaloSandbox();
	const hl = new HighLevelSandbox();
	const im = new IngramSandbox();
	const foreign = new Recorder();
	let n8n: RealN8n;

	beforeAll(async () => {
		const [haloUrl, hlUrl, imUrl] = await Promise.all([
			halo.start(),
			hl.start(),
			im.start(),
			foreign.start(),
		]);
		n8n = new RealN8n();
		await n8n.importCredentials([
			...sandboxCredentialRecords({
				halo,
				haloUrl,
				highLevel: hl,
				highLevelUrl: hlUrl,
				ingram: im,
				ingramBase: imUrl,
			}),
		]);
	});

	afterAll(async () => {
		await Promise.all([halo.stop(), hl.stop(), im.stop(), foreign.stop()]);
		n8n?.cleanup();
	});

	test('each node sends its failed item down the error branch and its good item down the success branch; a cross-origin redirect is refused', async () => {
		halo.addFault({
			method: 'GET',
			path: /^\/api\/ecommerceorder\/2$/i,
			status: 302,
			headers: { Location: `${foreign.url}/api/EcommerceOrder/2` },
			body: '',
			times: 2,
		});
		const items = [
			{ haloId: 1, hlId: hl.orderId(1), imId: 'CUS-1001' },
			{ haloId: 999999, hlId: 'no..such..id', imId: 'CUS-404' },
		];
		const subject = (
			name: string,
			type: string,
			parameters: Record<string, unknown>,
			credentials: Record<string, { id: string; name: string }>,
			onError: string,
			y: number,
		) => ({
			id: name,
			name,
			type: `n8n-nodes-halopsa-marketplace.${type}`,
			typeVersion: 1,
			position: [400, y],
			parameters,
			credentials,
			onError,
		});
		const noOp = (name: string, y: number) => ({
			id: name,
			name,
			type: 'n8n-nodes-base.noOp',
			typeVersion: 1,
			position: [700, y],
			parameters: {},
		});
		const branches = (node: string) => ({
			main: [
				[{ node: `${node} OK`, type: 'main', index: 0 }],
				[{ node: `${node} Failed`, type: 'main', index: 0 }],
			],
		});
		const workflow = {
			id: 'seamsE2e',
			name: 'e2e seams',
			active: false,
			nodes: [
				{
					id: 'start',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'items',
					name: 'Items',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					position: [200, 0],
					parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
				},
				subject(
					'Halo',
					'haloPsaMarketplace',
					{
						resource: 'ecommerceOrder',
						operation: 'get',
						recordId: { __rl: true, mode: 'id', value: '={{ $json.haloId }}' },
					},
					{ haloPsaMarketplaceOAuth2Api: { id: 'halo', name: 'halo' } },
					'continueErrorOutput',
					0,
				),
				subject(
					'HighLevel',
					'highLevelPayments',
					{
						authentication: 'apiKey',
						resource: 'order',
						operation: 'get',
						orderId: { __rl: true, mode: 'id', value: '={{ $json.hlId }}' },
					},
					{ highLevelPaymentsApi: { id: 'hl', name: 'hl' } },
					'continueErrorOutput',
					200,
				),
				subject(
					'Ingram',
					'ingramMicroMarketplace',
					{
						resource: 'customer',
						operation: 'get',
						customerId: { __rl: true, mode: 'id', value: '={{ $json.imId }}' },
					},
					{ ingramMicroMarketplaceApi: { id: 'im', name: 'im' } },
					'continueErrorOutput',
					400,
				),
				subject(
					'Redirected',
					'haloPsaMarketplace',
					{ resource: 'ecommerceOrder', operation: 'get', recordId: byId(2) },
					{ haloPsaMarketplaceOAuth2Api: { id: 'halo', name: 'halo' } },
					'continueRegularOutput',
					600,
				),
				...['Halo', 'HighLevel', 'Ingram'].flatMap((node, i) => [
					noOp(`${node} OK`, i * 200),
					noOp(`${node} Failed`, i * 200 + 100),
				]),
				noOp('Redirect Report', 600),
			],
			connections: {
				Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: {
					main: [
						['Halo', 'HighLevel', 'Ingram', 'Redirected'].map((node) => ({
							node,
							type: 'main',
							index: 0,
						})),
					],
				},
				Halo: branches('Halo'),
				HighLevel: branches('HighLevel'),
				Ingram: branches('Ingram'),
				Redirected: { main: [[{ node: 'Redirect Report', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
			pinData: {},
		};
		await n8n.importWorkflow(workflow);
		const run = await n8n.execute('seamsE2e');
		expect(run.error).toBeUndefined();

		expect(run.nodes['Halo OK'].map((i) => i.json.id)).toEqual([1]);
		expect(run.nodes['Halo Failed'].map((i) => i.json)).toEqual([
			expect.objectContaining({
				haloId: 999999,
				error: 'E-Commerce Order 999999 was not found in HaloPSA',
				details: expect.stringMatching(/Check the ID/),
			}),
		]);
		expect(run.nodes['HighLevel OK'].map((i) => i.json._id)).toEqual([hl.orderId(1)]);
		expect(run.nodes['HighLevel Failed'].map((i) => i.json)).toEqual([
			expect.objectContaining({
				hlId: 'no..such..id',
				error: expect.stringMatching(/^Order must be a HighLevel ID/),
			}),
		]);
		expect(run.nodes['Ingram OK'].map((i) => i.json.id)).toEqual(['CUS-1001']);
		expect(run.nodes['Ingram Failed'].map((i) => i.json)).toEqual([
			expect.objectContaining({
				imId: 'CUS-404',
				error: expect.stringMatching(/^Customer CUS-404 was not found in Ingram Micro/),
			}),
		]);

		const redirects = run.nodes['Redirect Report'].map((i) => String(i.json.error));
		expect(redirects).toHaveLength(2);
		for (const message of redirects)
			expect(message).toMatch(
				new RegExp(
					`with a redirect \\(HTTP 302\\) from 127\\.0\\.0\\.1:\\d+ to ${new URL(foreign.url).host.replace(/\./g, '\\.')}: not followed`,
				),
			);
		expect(foreign.requests).toHaveLength(0);
	});
});
