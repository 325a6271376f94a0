/**
 * The oldest n8n 2.x this package supports (2.0.3, the last 2.0 release; `N8N_SMOKE_VERSIONS` names
 * others), in short: the combined package installed by name through that n8n's community-packages API
 * from the local registry, one operation of each action node from saved, active workflows, and the
 * HaloPSA trigger polling and delivering a change. Every other real-n8n suite runs on the pinned n8n
 * (scripts/install-n8n.sh).
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Collector, freePort } from '../sandbox/collector';
import { startSandboxes } from '../sandbox/allSandboxes';
import {
	ACTION_NODES,
	Editor,
	HALO_CREDENTIAL,
	oneOperationWorkflow,
	packInto,
} from './installedPackages';
import { LocalRegistry } from './localRegistry';
import { PACKAGE_NAME, RealN8n } from './realN8n';
import { deliveringWorkflow, lifetime } from './triggerWorkflows';

jest.setTimeout(30 * 60_000);

const VERSIONS = (process.env.N8N_SMOKE_VERSIONS ?? '2.0.3').split(',').filter(Boolean);
const type = (node: string) => `${PACKAGE_NAME}.${node}`;

describe.each(VERSIONS)('n8n %s', (version) => {
	let sandboxes: Awaited<ReturnType<typeof startSandboxes>>;
	let registry: LocalRegistry;
	let n8n: RealN8n;
	let child: Awaited<ReturnType<RealN8n['startReady']>> | undefined;
	let editor: Editor;
	const inbox = new Collector();
	const packDir = mkdtempSync(join(tmpdir(), 'packed-'));
	const halo = () => sandboxes.halo;
	const polledHalo = () =>
		halo()
			.apiRequests()
			.some((r) => /ecommerceorder$/i.test(r.path));

	beforeAll(async () => {
		sandboxes = await startSandboxes();
		await inbox.start();
		n8n = new RealN8n({ version, withPackage: false });
		registry = await LocalRegistry.start(n8n.node);
		const combined = packInto(packDir).find((p) => p.name === PACKAGE_NAME)!;
		await registry.publish(combined.tarball);
		await n8n.importCredentials(sandboxes.credentials);
		const port = await freePort();
		child = await n8n.startReady(port, registry.npmEnv());
		editor = await Editor.setUpOwner(`http://127.0.0.1:${port}`);
	});

	afterAll(async () => {
		if (child) await n8n.stop(child);
		await inbox.stop();
		await registry?.stop();
		await sandboxes?.stop();
		rmSync(packDir, { recursive: true, force: true });
		n8n?.cleanup();
	});

	test('installs the package by name through its community-packages API', async () => {
		const installed = await editor.call('POST', '/rest/community-packages', {
			name: PACKAGE_NAME,
		});
		if (installed.status !== 200) throw new Error(`install refused: ${installed.message}`);
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
	});

	test('one operation of each action node runs from a saved, active workflow', async () => {
		for (const action of ACTION_NODES)
			await editor.saveActive(oneOperationWorkflow('smoke', action, () => PACKAGE_NAME));
		for (const action of ACTION_NODES) await editor.expectOneOperation('smoke', action);
	});

	test('the HaloPSA trigger polls when published, then delivers a change once after a restart', async () => {
		halo().clearLog();
		const { id, ...workflow } = deliveringWorkflow(
			'smokeTrigger',
			{
				type: type('haloPsaMarketplaceTrigger'),
				parameters: { watch: 'ecommerceOrder', pollTimes: { item: [{ mode: 'everyMinute' }] } },
				credentials: HALO_CREDENTIAL,
			},
			inbox.url,
			'{ event: $json.event, id: $json.order.id }',
		);
		expect(id).toBe('smokeTrigger');
		await editor.saveActive(workflow);
		// n8n polls a trigger once when it activates it: that poll records what exists.
		const deadline = Date.now() + 60_000;
		while (!polledHalo() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
		expect(polledHalo()).toBe(true);
		await n8n.stop(child!);
		child = undefined;
		expect(inbox.received).toEqual([]);
		Object.assign(halo().records('ecommerceOrder').get(5)!, { thirdpartystatus: 'refunded' });
		halo().clearLog();
		expect(await lifetime(n8n, inbox, polledHalo, 1)).toEqual([{ event: 'order.updated', id: 5 }]);
	});
});
