/**
 * Real n8n: the HaloPSA credential's request window paces the calls of a run before Halo refuses any, against a
 * sandbox that enforces a rolling window (time-scaled: 10 per 2 s).
 */
import type { HaloSandbox } from '../sandbox/haloSandbox';
import { haloWithN8n, HALO_NODE } from './haloN8n';
import { workflowWith, type RealN8n } from './realN8n';

jest.setTimeout(10 * 60_000);

describe('real n8n: HaloPSA request window', () => {
	let halo: HaloSandbox;
	let n8n: RealN8n;

	beforeAll(async () => {
		({ halo, n8n } = await haloWithN8n(
			'halo-window',
			{ rateLimit: { limit: 10, windowMs: 2000 }, seedCounts: { ecommerceOrder: 10 } },
			(url) => ({
				hostingType: 'hosted',
				resourceServerUrl: url,
				authServerUrl: `${url}/auth`,
				tenant: 'acme',
				clientId: 'sandbox-client',
				clientSecret: 'sandbox-secret',
				scope: 'all',
				requestsPerWindow: 10,
				windowSeconds: 2,
			}),
		));
		const input = Array.from({ length: 35 }, (_, i) => ({ id: (i % 10) + 1 }));
		await n8n.importWorkflow([
			workflowWith(
				'windowGets',
				{
					type: HALO_NODE,
					parameters: {
						resource: 'ecommerceOrder',
						operation: 'get',
						simplify: false,
						recordId: '={{ { __rl: true, mode: "id", value: String($json.id) } }}',
					},
					credentials: { haloPsaMarketplaceOAuth2Api: { id: 'halo-window', name: 'Halo sandbox' } },
				},
				input,
			),
		]);
	});

	afterAll(async () => {
		await halo?.stop();
		n8n?.cleanup();
	});

	it('35 Gets against 10 per 2 s: every record once, in order, and Halo refuses none', async () => {
		const run = await n8n.execute('windowGets');
		expect(run.error).toBeUndefined();
		expect(run.nodes.Subject.map((i) => i.json.id)).toEqual(
			Array.from({ length: 35 }, (_, i) => (i % 10) + 1),
		);
		const answered = halo.apiRequests();
		expect(answered.filter((r) => r.status === 429)).toHaveLength(0);
		expect(answered.filter((r) => r.status === 200)).toHaveLength(35);
		// The waits are in n8n's log, so a long run shows its progress.
		expect(`${run.log}\n${run.raw}`).toMatch(
			/HaloPSA: 10 requests sent in the last 2 s \(the credential's request window\): waiting \d+ s before GET \/EcommerceOrder\/\d+/,
		);
	});
});
