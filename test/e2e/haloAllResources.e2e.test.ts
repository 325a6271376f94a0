/** Every resource in a real n8n: one workflow with a Get Many and a write per resource, run once. */
import { resourceTable } from '../../nodes/HaloPsaMarketplace/resources/resourceTable';
import type { HaloSandbox } from '../sandbox/haloSandbox';
import { haloWithN8n, HALO_NODE as NODE } from './haloN8n';
import type { RealN8n } from './realN8n';

jest.setTimeout(20 * 60_000);

const credentials = { haloPsaMarketplaceOAuth2Api: { id: 'halo-all', name: 'Halo sandbox' } };

/** The write each resource gets: Create or Update where it exists, otherwise its own write or read. */
function writeParameters(value: string): Record<string, unknown> {
	switch (value) {
		case 'ingramMicroReseller':
			return {
				operation: 'getQuote',
				queryParameters: { parameter: [{ name: 'quoteNumber', value: 'Q-9' }] },
			};
		case 'adobeCommerceIntegration':
			return {
				operation: 'authenticate',
				authPairs: { pair: [{ key: 'oauth_verifier', value: 'v-9' }] },
			};
		case 'cspSubscriptionPricing':
			return { operation: 'bulkManage', chunkSize: 100 };
		default:
			return {
				operation: 'upsert',
				updateId: 1,
				inputMode: 'json',
				recordJson: '{}',
				simplify: false,
			};
	}
}

function readParameters(value: string): Record<string, unknown> {
	if (value === 'ingramMicroReseller') return { operation: 'getReseller' };
	if (value === 'adobeCommerceIntegration') return { operation: 'getStatus' };
	if (value === 'cspSubscriptionPricing') return { operation: 'bulkManage', chunkSize: 1 };
	return { operation: 'getAll', returnAll: true, simplify: false };
}

describe('real n8n: HaloPSA node, every resource', () => {
	let halo: HaloSandbox;
	let n8n: RealN8n;

	beforeAll(async () => {
		// The own-instance credential shape, with the URL pasted including /api.
		({ halo, n8n } = await haloWithN8n('halo-all', {}, (url) => ({
			hostingType: 'onPremise',
			resourceServerUrl: `${url}/api`,
			clientId: 'sandbox-client',
			clientSecret: 'sandbox-secret',
			scope: 'all',
		})));
		const nodes: Array<Record<string, unknown>> = [
			{
				id: 'start',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		];
		const connections: Record<
			string,
			{ main: Array<Array<{ node: string; type: string; index: number }>> }
		> = { Start: { main: [[]] } };
		resourceTable.forEach((resource, i) => {
			for (const [kind, parameters] of [
				['read', readParameters(resource.value)],
				['write', writeParameters(resource.value)],
			] as const) {
				const name = `${resource.value} ${kind}`;
				nodes.push({
					id: name,
					name,
					type: NODE,
					typeVersion: 1,
					position: [300, i * 100 + (kind === 'write' ? 50 : 0)],
					parameters: { resource: resource.value, ...parameters },
					credentials,
					executeOnce: true,
				});
				connections.Start.main[0].push({ node: name, type: 'main', index: 0 });
			}
		});
		await n8n.importWorkflow({
			id: 'allResources',
			name: 'all resources',
			active: false,
			nodes,
			connections,
			settings: { executionOrder: 'v1' },
		});
	});

	afterAll(async () => {
		await halo?.stop();
		n8n?.cleanup();
	});

	it('runs a read and a write of all 18 resources through n8n', async () => {
		const run = await n8n.execute('allResources');
		expect(run.error).toBeUndefined();
		for (const resource of resourceTable) {
			const read = run.nodes[`${resource.value} read`];
			const write = run.nodes[`${resource.value} write`];
			expect([resource.value, read?.length > 0, write?.length > 0]).toEqual([
				resource.value,
				true,
				true,
			]);
			if (resource.crud.includes('getAll'))
				expect(read.map((i) => i.json[resource.key])).toEqual([
					...halo.records(resource.value).keys(),
				]);
			if (resource.crud.includes('upsert')) expect(write[0].json[resource.key]).toBe(1);
		}
		const seen = new Set(halo.apiRequests().map((r) => `${r.method} ${r.path}`));
		for (const resource of resourceTable.filter((r) => r.crud.length)) {
			expect(seen.has(`GET /api/${resource.path}`)).toBe(true);
			expect(seen.has(`POST /api/${resource.path}`)).toBe(true);
		}
		expect(seen.has('GET /api/IngramMicroReseller/GetQuote')).toBe(true);
		expect(seen.has('POST /api/AdobeCommerceIntegration/auth')).toBe(true);
		expect(seen.has('POST /api/CSPSubscriptionPricing/manage')).toBe(true);
		expect(halo.tokenRequests).toBe(1);
	});
});
