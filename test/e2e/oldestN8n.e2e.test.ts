/**
 * The oldest n8n 2.x this package supports (2.0.3, the last 2.0 release; `N8N_SMOKE_VERSIONS` names
 * others), in short: the combined package installed by name through that n8n's community-packages API
 * from the local registry, one operation of each action node, and the HaloPSA trigger polling and
 * delivering a change. Every other real-n8n suite runs on the pinned n8n (scripts/install-n8n.sh).
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Collector, freePort } from '../sandbox/collector';
import { startSandboxes } from '../sandbox/allSandboxes';
import {
	Editor,
	HALO_CREDENTIAL,
	HIGHLEVEL_CREDENTIAL,
	INGRAM_CREDENTIAL,
	packInto,
} from './installedPackages';
import { LocalRegistry } from './localRegistry';
import { PACKAGE_NAME, RealN8n, workflowWith } from './realN8n';
import { deliveringWorkflow, lifetime } from './triggerWorkflows';

jest.setTimeout(30 * 60_000);

const VERSIONS = (process.env.N8N_SMOKE_VERSIONS ?? '2.0.3').split(',').filter(Boolean);
const type = (node: string) => `${PACKAGE_NAME}.${node}`;

describe.each(VERSIONS)('n8n %s', (version) => {
	let sandboxes: Awaited<ReturnType<typeof startSandboxes>>;
	let registry: LocalRegistry;
	let n8n: RealN8n;
	const inbox = new Collector();
	const packDir = mkdtempSync(join(tmpdir(), 'packed-'));

	beforeAll(async () => {
		sandboxes = await startSandboxes();
		await inbox.start();
		n8n = new RealN8n({ version, withPackage: false });
		registry = await LocalRegistry.start(n8n.node);
		const combined = packInto(packDir).find((p) => p.name === PACKAGE_NAME)!;
		await registry.publish(combined.tarball);
	});

	afterAll(async () => {
		await inbox.stop();
		await registry?.stop();
		await sandboxes?.stop();
		rmSync(packDir, { recursive: true, force: true });
		n8n?.cleanup();
	});

	test('installs the package by name through its community-packages API', async () => {
		const port = await freePort();
		const child = await n8n.startReady(port, registry.npmEnv());
		try {
			const editor = await Editor.setUpOwner(`http://127.0.0.1:${port}`);
			const installed = await editor.call('POST', '/rest/community-packages', {
				name: PACKAGE_NAME,
			});
			expect({ status: installed.status, message: installed.message }).toMatchObject({
				status: 200,
			});
			expect(installed.data.installedNodes.map((n: { type: string }) => n.type).sort()).toEqual(
				[
					'haloPsaMarketplace',
					'haloPsaMarketplaceTrigger',
					'highLevelPayments',
					'highLevelPaymentsPollingTrigger',
					'highLevelPaymentsTrigger',
					'ingramMicroMarketplace',
				].map(type),
			);
		} finally {
			await n8n.stop(child);
		}
	});

	test('one operation of each action node runs', async () => {
		await n8n.importCredentials(sandboxes.credentials);
		const runs: Array<[string, string, Record<string, unknown>, object, (json: any) => void]> = [
			[
				'haloPsaMarketplace',
				'smokeHalo',
				{ resource: 'ecommerceOrder', operation: 'getAll', returnAll: false, limit: 3 },
				HALO_CREDENTIAL,
				(json) => expect(json.id).toEqual(expect.any(Number)),
			],
			[
				'highLevelPayments',
				'smokeHighLevel',
				{
					authentication: 'apiKey',
					resource: 'order',
					operation: 'getAll',
					returnAll: false,
					limit: 2,
				},
				HIGHLEVEL_CREDENTIAL,
				(json) => expect(json._id).toEqual(expect.any(String)),
			],
			[
				'ingramMicroMarketplace',
				'smokeIngram',
				{ resource: 'customer', operation: 'getAll', returnAll: false, limit: 2 },
				INGRAM_CREDENTIAL,
				(json) => expect(json.id).toMatch(/^CUS-/),
			],
		];
		for (const [node, id, parameters, credentials, check] of runs) {
			await n8n.importWorkflow(
				workflowWith(id, {
					type: type(node),
					parameters,
					credentials: credentials as Record<string, { id: string; name: string }>,
				}),
			);
			const run = await n8n.execute(id);
			expect({ node, error: run.error }).toEqual({ node, error: undefined });
			expect(run.nodes.Subject.length).toBeGreaterThan(0);
			check(run.nodes.Subject[0].json);
		}
	});

	test('the HaloPSA trigger polls and delivers a change once', async () => {
		const workflow = deliveringWorkflow(
			'smokeTrigger',
			{
				type: type('haloPsaMarketplaceTrigger'),
				parameters: { watch: 'ecommerceOrder', pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: HALO_CREDENTIAL,
			},
			inbox.url,
			'{ event: $json.event, id: $json.order.id }',
		);
		await n8n.importWorkflow({ ...workflow, active: true });
		const { halo } = sandboxes;
		const polled = () => halo.apiRequests().some((r) => /ecommerceorder$/i.test(r.path));
		halo.clearLog();
		expect(await lifetime(n8n, inbox, polled, 0)).toEqual([]);
		Object.assign(halo.records('ecommerceOrder').get(5)!, { thirdpartystatus: 'refunded' });
		halo.clearLog();
		expect(await lifetime(n8n, inbox, polled, 1)).toEqual([{ event: 'order.updated', id: 5 }]);
	});
});
