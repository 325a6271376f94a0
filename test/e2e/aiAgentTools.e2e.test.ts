/**
 * The three action nodes as AI Agent tools in a real n8n: n8n's AI Agent with its OpenAI chat model pointed
 * at a scripted stand-in (test/sandbox/scriptedModel.ts), each node attached as a tool with parameters filled
 * by `$fromAI(...)`. The script calls a read, a write and a bad call per node; the test reads what the model
 * was offered (tool names, descriptions, parameter schemas), the results it got back (the bad call's error
 * clear and free of secrets), and the sandbox state afterwards (exactly the scripted writes).
 */
import { sandboxCredentialRecords } from '../sandbox/allSandboxes';
import { HaloSandbox } from '../sandbox/haloSandbox';
import { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { IngramSandbox } from '../sandbox/ingramSandbox';
import { ScriptedModel, type OfferedTool } from '../sandbox/scriptedModel';
import { knownSecrets } from '../sandbox/secretRegistry';
import { RealN8n } from './realN8n';

jest.setTimeout(15 * 60_000);

const PACKAGE = 'n8n-nodes-halopsa-marketplace';
const fromAi = (key: string, description: string, type = 'string') =>
	`={{ $fromAI('${key}', '${description}', '${type}') }}`;
const locator = (value: string) => ({ __rl: true, mode: 'id', value });

interface ToolSpec {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials: Record<string, { id: string; name: string }>;
}

function agentWorkflow(id: string, prompt: string, tools: ToolSpec[]) {
	return {
		id,
		name: `agent ${id}`,
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
				id: 'agent',
				name: 'Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [300, 0],
				parameters: { promptType: 'define', text: prompt, options: { maxIterations: 10 } },
			},
			{
				id: 'model',
				name: 'Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.2,
				position: [300, 200],
				parameters: { model: locator('scripted-model'), options: {} },
				credentials: { openAiApi: { id: 'model', name: 'model' } },
			},
			...tools.map((tool, i) => ({
				id: `tool${i}`,
				name: tool.name,
				type: `${PACKAGE}.${tool.type}Tool`,
				typeVersion: 1,
				position: [500 + i * 150, 200],
				parameters: tool.parameters,
				credentials: tool.credentials,
			})),
		],
		connections: {
			Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
			Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
			...Object.fromEntries(
				tools.map((tool) => [
					tool.name,
					{ ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] },
				]),
			),
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** What a model needs to choose and fill a tool: a description that names the service and the action, and a described parameter for each $fromAI key. */
function expectUsable(
	tool: OfferedTool | undefined,
	service: RegExp,
	action: RegExp,
	keys: string[],
) {
	expect(tool).toBeDefined();
	expect(tool!.description.length).toBeGreaterThan(20);
	expect(tool!.description).toMatch(service);
	expect(tool!.description).toMatch(action);
	const properties = (tool!.parameters.properties ?? {}) as Record<
		string,
		{ description?: string }
	>;
	for (const key of keys) {
		expect({ key, described: (properties[key]?.description ?? '').length > 3 }).toEqual({
			key,
			described: true,
		});
	}
}

describe('the action nodes as AI Agent tools, driven by a scripted model', () => {
	const model = new ScriptedModel();
	const halo = new HaloSandbox();
	const hl = new HighLevelSandbox();
	const im = new IngramSandbox();
	let n8n: RealN8n;

	beforeAll(async () => {
		const [modelUrl, haloUrl, hlUrl, imUrl] = await Promise.all([
			model.start(),
			halo.start(),
			hl.start(),
			im.start(),
		]);
		n8n = new RealN8n();
		await n8n.importCredentials([
			{
				id: 'model',
				name: 'model',
				type: 'openAiApi',
				data: { apiKey: 'sk-scripted-model', url: `${modelUrl}/v1` },
			},
			...sandboxCredentialRecords({
				halo,
				haloUrl,
				highLevel: hl,
				highLevelUrl: hlUrl,
				ingram: im,
				ingramBase: imUrl,
			}),
		]);
		const haloCred = { haloPsaMarketplaceOAuth2Api: { id: 'halo', name: 'halo' } };
		const hlCred = { highLevelPaymentsApi: { id: 'hl', name: 'hl' } };
		const imCred = { ingramMicroMarketplaceApi: { id: 'im', name: 'im' } };
		await n8n.importWorkflow([
			agentWorkflow(
				'agentHalo',
				'Which orders mention Pax8, then mark order 3 shipped, then show order 999999.',
				[
					{
						name: 'Find_orders',
						type: 'haloPsaMarketplace',
						credentials: haloCred,
						parameters: {
							resource: 'ecommerceOrder',
							operation: 'getAll',
							returnAll: false,
							limit: 5,
							listOptions: { search: fromAi('search', 'Text the e-commerce orders must contain') },
						},
					},
					{
						name: 'Update_order_status',
						type: 'haloPsaMarketplace',
						credentials: haloCred,
						parameters: {
							resource: 'ecommerceOrder',
							operation: 'upsert',
							updateId: fromAi(
								'orderId',
								'The HaloPSA ID of the e-commerce order to update',
								'number',
							),
							inputMode: 'fields',
							fields: {
								thirdpartystatus: fromAi('status', 'The new third-party status of the order'),
							},
						},
					},
					{
						name: 'Get_order',
						type: 'haloPsaMarketplace',
						credentials: haloCred,
						parameters: {
							resource: 'ecommerceOrder',
							operation: 'get',
							recordId: locator(
								fromAi('orderId', 'The HaloPSA ID of the e-commerce order', 'number'),
							),
						},
					},
				],
			),
			agentWorkflow(
				'agentHighLevel',
				'Show order 5, ship it with tracking 1Z999, then show order "bad id!".',
				[
					{
						name: 'Get_payment_order',
						type: 'highLevelPayments',
						credentials: hlCred,
						parameters: {
							authentication: 'apiKey',
							resource: 'order',
							operation: 'get',
							orderId: locator(fromAi('orderId', 'The HighLevel order ID')),
						},
					},
					{
						name: 'Ship_order',
						type: 'highLevelPayments',
						credentials: hlCred,
						parameters: {
							authentication: 'apiKey',
							resource: 'fulfillment',
							operation: 'create',
							orderId: locator(fromAi('orderId', 'The HighLevel order ID to fulfil')),
							items: {
								item: [{ priceId: fromAi('priceId', 'The price ID of the shipped item'), qty: 1 }],
							},
							trackings: {
								tracking: [
									{
										trackingNumber: fromAi('trackingNumber', 'The carrier tracking number'),
										shippingCarrier: 'UPS',
									},
								],
							},
						},
					},
				],
			),
			agentWorkflow(
				'agentIngram',
				'List the subscriptions of CUS-1001, estimate 3 Acronis seats, then get subscription "..".',
				[
					{
						name: 'List_subscriptions',
						type: 'ingramMicroMarketplace',
						credentials: imCred,
						parameters: {
							resource: 'subscription',
							operation: 'getAll',
							returnAll: false,
							limit: 5,
							filters: {
								customerId: fromAi('customerId', 'The Ingram Micro customer ID, such as CUS-1001'),
							},
						},
					},
					{
						name: 'Estimate_order',
						type: 'ingramMicroMarketplace',
						credentials: imCred,
						parameters: {
							resource: 'order',
							operation: 'estimate',
							customerId: locator(fromAi('customerId', 'The Ingram Micro customer ID')),
							orderType: 'sales',
							products: {
								product: [
									{
										mpn: fromAi('mpn', 'The manufacturer part number'),
										quantity: fromAi('quantity', 'How many', 'number'),
										productFamily: 'other',
									},
								],
							},
						},
					},
					{
						name: 'Get_subscription',
						type: 'ingramMicroMarketplace',
						credentials: imCred,
						parameters: {
							resource: 'subscription',
							operation: 'get',
							subscriptionId: locator(fromAi('subscriptionId', 'The Ingram Micro subscription ID')),
						},
					},
				],
			),
		]);
	});

	afterAll(async () => {
		await Promise.all([model.stop(), halo.stop(), hl.stop(), im.stop()]);
		n8n?.cleanup();
	});

	const noSecretIn = (text: string) => {
		for (const secret of [
			...knownSecrets(),
			...halo.issuedTokens(),
			...hl.issuedTokens(),
			...im.issuedTokens(),
		])
			expect({ leaked: text.includes(secret) }).toEqual({ leaked: false });
	};

	test('HaloPSA: read with a filter, update by ID, an unknown ID the model can correct', async () => {
		model.play([
			{ tool: /Find_orders/, args: { search: 'Pax8' } },
			{ tool: /Update_order_status/, args: { orderId: 3, status: 'Shipped' } },
			{ tool: /Get_order/, args: { orderId: 999999 } },
		]);
		const before = JSON.stringify(
			[...halo.records('ecommerceOrder').entries()].filter(([id]) => id !== 3),
		);
		const run = await n8n.execute('agentHalo');
		expect(run.error).toBeUndefined();
		expectUsable(
			model.offered.find((t) => t.name === 'Find_orders'),
			/HaloPSA|Halo/,
			/order/i,
			['search'],
		);
		expectUsable(
			model.offered.find((t) => t.name === 'Update_order_status'),
			/HaloPSA|Halo/,
			/order/i,
			['orderId', 'status'],
		);
		expectUsable(
			model.offered.find((t) => t.name === 'Get_order'),
			/HaloPSA|Halo/,
			/order/i,
			['orderId'],
		);
		expect(model.toolResults).toHaveLength(3);
		expect(model.toolResults[1]).toMatch(/Shipped/);
		expect(model.toolResults[2]).toMatch(/E-Commerce Order 999999 was not found in HaloPSA/);
		noSecretIn(model.toolResults.join('\n'));
		expect(halo.records('ecommerceOrder').get(3)!.thirdpartystatus).toBe('Shipped');
		expect(
			JSON.stringify([...halo.records('ecommerceOrder').entries()].filter(([id]) => id !== 3)),
		).toBe(before);
	});

	test('HighLevel: get an order, create a fulfillment, a malformed ID refused before sending', async () => {
		const orderId = hl.orderId(5);
		model.play([
			{ tool: /Get_payment_order/, args: { orderId } },
			{ tool: /Ship_order/, args: { orderId, priceId: hl.priceId(5), trackingNumber: '1Z999' } },
			{ tool: /Get_payment_order/, args: { orderId: 'bad id!' } },
		]);
		const run = await n8n.execute('agentHighLevel');
		expect(run.error).toBeUndefined();
		expectUsable(
			model.offered.find((t) => t.name === 'Get_payment_order'),
			/HighLevel/,
			/order/i,
			['orderId'],
		);
		expectUsable(
			model.offered.find((t) => t.name === 'Ship_order'),
			/HighLevel/,
			/fulfil/i,
			['orderId', 'priceId', 'trackingNumber'],
		);
		expect(model.toolResults[0]).toContain(orderId);
		expect(model.toolResults[2]).toMatch(/Order must be a HighLevel ID/);
		noSecretIn(model.toolResults.join('\n'));
		expect(
			(hl.fulfillments.get(orderId) ?? []).map(
				(f) =>
					(f as { trackings?: Array<{ trackingNumber: string }> }).trackings?.[0]?.trackingNumber,
			),
		).toEqual(['1Z999']);
	});

	test('Ingram Micro: list subscriptions, estimate an order (nothing ordered), an ID that would reach another endpoint refused', async () => {
		const ordersBefore = im.orders.size;
		model.play([
			{ tool: /List_subscriptions/, args: { customerId: 'CUS-1001' } },
			{
				tool: /Estimate_order/,
				args: { customerId: 'CUS-1001', mpn: 'ACRONIS-CYBER-BACKUP', quantity: 3 },
			},
			{ tool: /Get_subscription/, args: { subscriptionId: '..' } },
		]);
		const run = await n8n.execute('agentIngram');
		expect(run.error).toBeUndefined();
		expectUsable(
			model.offered.find((t) => t.name === 'List_subscriptions'),
			/Ingram/,
			/subscription/i,
			['customerId'],
		);
		expectUsable(
			model.offered.find((t) => t.name === 'Estimate_order'),
			/Ingram/,
			/estimate|order/i,
			['customerId', 'mpn', 'quantity'],
		);
		expect(model.toolResults[1]).toMatch(/total|extendedPrice/);
		expect(model.toolResults[2]).toMatch(/Subscription must be an Ingram Micro ID/);
		noSecretIn(model.toolResults.join('\n'));
		expect(im.orders.size).toBe(ordersBefore);
	});
});

describe("the shipped AI Agent example (examples/ai-agent-tools.json) with the demo's sandboxes and scripted model", () => {
	test('runs as imported: the model calls the HaloPSA tool and gets the Amazon orders back', async () => {
		const { readFileSync } = await import('fs');
		const { join } = await import('path');
		const { startSandboxes } = await import('../sandbox/allSandboxes');
		const { ROOT } = await import('./realN8n');
		const sandboxes = await startSandboxes();
		const n8n = new RealN8n();
		try {
			await n8n.importCredentials(sandboxes.credentials);
			await n8n.importWorkflow({
				id: 'aiExample',
				...JSON.parse(readFileSync(join(ROOT, 'examples/ai-agent-tools.json'), 'utf8')),
				active: false,
			});
			const run = await n8n.execute('aiExample');
			expect(run.error).toBeUndefined();
			expect(sandboxes.model.toolResults).toHaveLength(1);
			// The seeded orders alternate between Shopify and Amazon Seller: the tool gave back Amazon's only.
			expect(sandboxes.model.toolResults[0]).toMatch(/Amazon Seller/);
			expect(sandboxes.model.toolResults[0]).not.toMatch(/acme-shop/);
			// The agent's answer is a sentence that counts and names what the tool found.
			const answer = String(run.nodes['AI Agent']?.[0]?.json.output ?? '');
			expect(answer).toMatch(/^I found \d+ records?: #\S+/);
		} finally {
			await sandboxes.stop();
			n8n.cleanup();
		}
	});
});
