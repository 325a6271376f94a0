/**
 * The packages as users install them: by name, from a registry, through n8n's own community-packages API
 * (the calls Settings > Community Nodes makes), into a real n8n running with its real (unlicensed)
 * settings. The registry is verdaccio behind a registry.npmjs.org mirror (test/e2e/localRegistry.ts says
 * why), holding the tarballs scripts/pack-packages.mjs makes from this build.
 *
 * One instance installs the three service packages, runs one operation of each node from saved, active
 * workflows, updates one package to a newer version while its workflow keeps answering, uninstalls one,
 * and, restarted with n8n 3.0's default N8N_UNVERIFIED_PACKAGES_ENABLED=false, refuses an install. A second
 * instance gets the combined package from its environment at start-up (N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV,
 * N8N_COMMUNITY_PACKAGES), as queue-mode and Docker installs do, and runs all three of its action nodes.
 */
import { type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startSandboxes } from '../sandbox/allSandboxes';
import {
	ACTION_NODES,
	Editor,
	HALO,
	HIGHLEVEL,
	INGRAM,
	oneOperationWorkflow,
	OWNER,
	packInto,
	servicePackageOf,
} from './installedPackages';
import { EditorSession } from './editorBrowser';
import { LocalRegistry } from './localRegistry';
import { PACKAGE_NAME, RealN8n } from './realN8n';

jest.setTimeout(15 * 60_000);

describe('installed by name from a registry through n8n', () => {
	let sandboxes: Awaited<ReturnType<typeof startSandboxes>>;
	let registry: LocalRegistry;
	let n8n: RealN8n;
	let child: ChildProcess;
	let editor: Editor;
	const packDir = mkdtempSync(join(tmpdir(), 'packed-'));
	const port = 5790 + Math.floor(Math.random() * 100);
	const start = async (extra: Record<string, string> = {}) => {
		child = await n8n.startReady(port, { ...n8n.ownerEnv(OWNER), ...registry.npmEnv(), ...extra });
		editor = await Editor.open(`http://127.0.0.1:${port}`);
	};
	const installedFolder = (name: string) => join(n8n.userFolder, '.n8n/nodes/node_modules', name);

	beforeAll(async () => {
		sandboxes = await startSandboxes();
		n8n = new RealN8n({ withPackage: false });
		registry = await LocalRegistry.start(n8n.node);
		for (const packed of packInto(join(packDir, 'first'))) await registry.publish(packed.tarball);
		await n8n.importCredentials(sandboxes.credentials);
		await start();
	});

	afterAll(async () => {
		if (child) await n8n.stop(child);
		await registry?.stop();
		await sandboxes?.stop();
		rmSync(packDir, { recursive: true, force: true });
		n8n?.cleanup();
	});

	test('each service package installs by name and brings only its own nodes and credentials', async () => {
		// The first through the Settings page in Chromium, the others through the API that page calls.
		const browser = await EditorSession.open(editor.url, OWNER);
		try {
			const card = await browser.installFromSettings(HALO);
			expect(card).toContain(HALO);
			expect(card).toContain('HaloPSA Marketplace Trigger');
		} finally {
			await browser.close();
		}
		for (const name of [HIGHLEVEL, INGRAM]) {
			const installed = await editor.call('POST', '/rest/community-packages', { name });
			expect({ name, status: installed.status, message: installed.message }).toMatchObject({
				status: 200,
			});
		}
		const listedNow = (await editor.call('GET', '/rest/community-packages')).data as any[];
		for (const name of [HALO, HIGHLEVEL, INGRAM]) {
			const installed = { data: listedNow.find((p) => p.packageName === name) };
			expect(installed.data.installedVersion).toBe('0.1.0');
			const folder = installedFolder(name);
			const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
			expect(manifest.dependencies ?? {}).toEqual({});
			expect(existsSync(join(folder, 'node_modules'))).toBe(false);
			expect(readdirSync(folder).sort()).toEqual(['LICENSE', 'README.md', 'dist', 'package.json']);
			// Its own node folders and the shared code, nothing of another service.
			const nodeFolders = manifest.n8n.nodes.map((file: string) => file.split('/')[2]);
			expect(readdirSync(join(folder, 'dist/nodes')).sort()).toEqual(
				[...nodeFolders, 'shared'].sort(),
			);
			expect(installed.data.installedNodes.map((n: { type: string }) => n.type).sort()).toEqual(
				manifest.n8n.nodes
					.map((file: string) => {
						const node = file.split('/').pop()!.replace('.node.js', '');
						return `${name}.${node[0].toLowerCase()}${node.slice(1)}`;
					})
					.sort(),
			);
		}
		// The editor offers every node, and each action node a second time as an AI Agent tool.
		const types = await editor.nodeTypes();
		expect(types.filter((t) => /^n8n-nodes-(halopsa|highlevel|ingram)/.test(t)).sort()).toEqual([
			`${HALO}.haloPsaMarketplace`,
			`${HALO}.haloPsaMarketplaceTool`,
			`${HALO}.haloPsaMarketplaceTrigger`,
			`${HIGHLEVEL}.highLevelPayments`,
			`${HIGHLEVEL}.highLevelPaymentsPollingTrigger`,
			`${HIGHLEVEL}.highLevelPaymentsTool`,
			`${HIGHLEVEL}.highLevelPaymentsTrigger`,
			`${INGRAM}.ingramMicroMarketplace`,
			`${INGRAM}.ingramMicroMarketplaceTool`,
		]);
		// npm fetched them from the registry, by name, through the mirror, and went nowhere else. (n8n's
		// own calls follow the same proxy setting: its package-status and vetted-package lookups at
		// api.n8n.io are refused here, and n8n installs without them, as on a closed network.)
		for (const name of [HALO, HIGHLEVEL, INGRAM])
			expect(registry.requests).toContainEqual(
				expect.stringMatching(`^GET /${name}/-/${name}-0.1.0.tgz`),
			);
		expect(registry.refused.filter((host) => host !== 'api.n8n.io:443')).toEqual([]);
		const listed = await editor.call('GET', '/rest/community-packages');
		expect(listed.data.map((p: { packageName: string }) => p.packageName).sort()).toEqual([
			HALO,
			HIGHLEVEL,
			INGRAM,
		]);
	});

	test('one operation of each node runs from a saved, active workflow', async () => {
		for (const action of ACTION_NODES)
			await editor.saveActive(oneOperationWorkflow('one', action, servicePackageOf));
		for (const action of ACTION_NODES) await editor.expectOneOperation('one', action);
	});

	test('a newer version is offered and installed through the same path; the saved workflow keeps running', async () => {
		const next = packInto(join(packDir, 'next'), '0.1.1').find((p) => p.name === HIGHLEVEL)!;
		await registry.publish(next.tarball);
		expect(await registry.versions(HIGHLEVEL)).toEqual(['0.1.0', '0.1.1']);
		const listed = await editor.call('GET', '/rest/community-packages');
		expect(listed.data.find((p: any) => p.packageName === HIGHLEVEL).updateAvailable).toBe('0.1.1');
		const updated = await editor.call('PATCH', '/rest/community-packages', { name: HIGHLEVEL });
		expect({ status: updated.status, message: updated.message }).toMatchObject({ status: 200 });
		expect(updated.data.installedVersion).toBe('0.1.1');
		expect(
			JSON.parse(readFileSync(join(installedFolder(HIGHLEVEL), 'package.json'), 'utf8')).version,
		).toBe('0.1.1');
		await editor.expectOneOperation('one', 'highLevel');
	});

	test('uninstalling removes the package and its nodes', async () => {
		const removed = await editor.call('DELETE', `/rest/community-packages?name=${INGRAM}`);
		expect({ status: removed.status, message: removed.message }).toMatchObject({ status: 200 });
		expect(existsSync(installedFolder(INGRAM))).toBe(false);
		expect(await editor.nodeTypes()).not.toContain(`${INGRAM}.ingramMicroMarketplace`);
		const listed = await editor.call('GET', '/rest/community-packages');
		expect(listed.data.map((p: { packageName: string }) => p.packageName).sort()).toEqual([
			HALO,
			HIGHLEVEL,
		]);
	});

	test("with N8N_UNVERIFIED_PACKAGES_ENABLED=false (n8n 3.0's default) an install is refused with n8n's message", async () => {
		await n8n.stop(child);
		await start({ N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' });
		const refused = await editor.call('POST', '/rest/community-packages', { name: INGRAM });
		expect(refused.status).toBeGreaterThanOrEqual(400);
		expect(refused.message).toContain('Installation of unverified community packages is forbidden');
		expect(existsSync(installedFolder(INGRAM))).toBe(false);
		// What was installed before stays installed and runs.
		await editor.expectOneOperation('one', 'halo');
	});
});

describe('installed from the environment at start-up (N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV)', () => {
	let sandboxes: Awaited<ReturnType<typeof startSandboxes>>;
	let registry: LocalRegistry;
	let n8n: RealN8n;
	const packDir = mkdtempSync(join(tmpdir(), 'packed-'));

	beforeAll(async () => {
		sandboxes = await startSandboxes();
		n8n = new RealN8n({ withPackage: false });
		registry = await LocalRegistry.start(n8n.node);
		const combined = packInto(packDir).find((p) => p.name === PACKAGE_NAME)!;
		await registry.publish(combined.tarball);
		await n8n.importCredentials(sandboxes.credentials);
	});

	afterAll(async () => {
		await registry?.stop();
		await sandboxes?.stop();
		rmSync(packDir, { recursive: true, force: true });
		n8n?.cleanup();
	});

	test('the combined package is installed at start-up, the API refuses changes, and its three action nodes run', async () => {
		const port = 5890 + Math.floor(Math.random() * 100);
		const child = await n8n.startReady(port, {
			...n8n.ownerEnv(OWNER),
			...registry.npmEnv(),
			N8N_COMMUNITY_PACKAGES_MANAGED_BY_ENV: 'true',
			N8N_COMMUNITY_PACKAGES: JSON.stringify([{ name: PACKAGE_NAME, version: '0.1.0' }]),
		});
		try {
			const editor = await Editor.open(`http://127.0.0.1:${port}`);
			const listed = await editor.call('GET', '/rest/community-packages');
			expect(listed.data.map((p: any) => [p.packageName, p.installedVersion])).toEqual([
				[PACKAGE_NAME, '0.1.0'],
			]);
			const refused = await editor.call('POST', '/rest/community-packages', { name: HALO });
			expect(refused.status).toBe(400);
			expect(refused.message).toContain('managed via environment variables');
			for (const action of ACTION_NODES)
				await editor.saveActive(oneOperationWorkflow('combined', action, () => PACKAGE_NAME));
			for (const action of ACTION_NODES) await editor.expectOneOperation('combined', action);
			const installed = join(n8n.userFolder, '.n8n/nodes/node_modules', PACKAGE_NAME);
			expect(existsSync(join(installed, 'dist/vendor/zod.js'))).toBe(true);
			expect(existsSync(join(installed, 'node_modules'))).toBe(false);
		} finally {
			await n8n.stop(child);
		}
		expect(n8n.allLogs()).toContain(`Installed community package '${PACKAGE_NAME}@0.1.0' from env`);
		expect(n8n.allLogs()).not.toMatch(
			/Cannot find module|Error loading package|Unrecognized node type/,
		);
	});
});
