/**
 * The packed tarball in a real n8n, installed the way n8n installs a community package (RealN8n.installPackage):
 * nothing but the package lands in n8n's nodes folder, the package declares no runtime dependency (zod is
 * bundled in dist/vendor), and one workflow runs through each of the three action nodes.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { startSandboxes } from '../sandbox/allSandboxes';
import { PACKAGE_NAME, RealN8n } from './realN8n';

jest.setTimeout(10 * 60_000);

const type = (node: string) => `${PACKAGE_NAME}.${node}`;

describe('the packed tarball installed as n8n installs a community package', () => {
	let sandboxes: Awaited<ReturnType<typeof startSandboxes>>;
	let n8n: RealN8n;

	beforeAll(async () => {
		sandboxes = await startSandboxes();
		n8n = new RealN8n();
		await n8n.importCredentials(sandboxes.credentials);
	});

	afterAll(async () => {
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	test('only the package is installed, with no runtime dependency and zod inside it', () => {
		const modules = join(n8n.userFolder, '.n8n/nodes/node_modules');
		expect(readdirSync(modules).filter((name) => !name.startsWith('.'))).toEqual([PACKAGE_NAME]);
		const installed = join(modules, PACKAGE_NAME);
		const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(existsSync(join(installed, 'node_modules'))).toBe(false);
		expect(existsSync(join(installed, 'dist/vendor/zod.js'))).toBe(true);
		expect(existsSync(join(installed, 'LICENSE'))).toBe(true);
		for (const node of manifest.n8n.nodes as string[])
			expect(existsSync(join(installed, node))).toBe(true);
		for (const credential of manifest.n8n.credentials as string[])
			expect(existsSync(join(installed, credential))).toBe(true);
	});

	test('one workflow runs through the HaloPSA, HighLevel and Ingram Micro nodes', async () => {
		const start = 'Start';
		const branch = (
			name: string,
			node: string,
			parameters: Record<string, unknown>,
			credentials: Record<string, { id: string; name: string }>,
			y: number,
		) => ({
			id: name,
			name,
			type: type(node),
			typeVersion: 1,
			position: [300, y],
			parameters,
			credentials,
		});
		const workflow = {
			id: 'pkgInstall',
			name: 'package install',
			active: false,
			nodes: [
				{
					id: 'start',
					name: start,
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				branch(
					'Halo',
					'haloPsaMarketplace',
					{ resource: 'ecommerceOrder', operation: 'getAll', returnAll: false, limit: 3 },
					{ haloPsaMarketplaceOAuth2Api: { id: 'halo-sandbox', name: 'HaloPSA sandbox' } },
					-200,
				),
				branch(
					'HighLevel',
					'highLevelPayments',
					{
						authentication: 'apiKey',
						resource: 'order',
						operation: 'getAll',
						returnAll: false,
						limit: 2,
					},
					{
						highLevelPaymentsApi: {
							id: 'highlevel-pit-sandbox',
							name: 'HighLevel sandbox (private token)',
						},
					},
					0,
				),
				branch(
					'Ingram',
					'ingramMicroMarketplace',
					{ resource: 'customer', operation: 'getAll', returnAll: false, limit: 2 },
					{ ingramMicroMarketplaceApi: { id: 'ingram-sandbox', name: 'Ingram Micro sandbox' } },
					200,
				),
			],
			connections: {
				[start]: {
					main: [
						[
							{ node: 'Halo', type: 'main', index: 0 },
							{ node: 'HighLevel', type: 'main', index: 0 },
							{ node: 'Ingram', type: 'main', index: 0 },
						],
					],
				},
			},
			settings: { executionOrder: 'v1' },
			pinData: {},
		};
		await n8n.importWorkflow(workflow);
		const run = await n8n.execute('pkgInstall');
		expect(run.error).toBeUndefined();
		expect(run.nodes.Halo).toHaveLength(3);
		expect(run.nodes.Halo[0].json.id).toEqual(expect.any(Number));
		expect(run.nodes.HighLevel).toHaveLength(2);
		expect(run.nodes.HighLevel[0].json._id).toEqual(expect.any(String));
		expect(run.nodes.Ingram).toHaveLength(2);
		expect(run.nodes.Ingram[0].json.id).toMatch(/^CUS-/);
		expect(n8n.allLogs()).not.toMatch(
			/Cannot find module|Error loading package|Unrecognized node type/,
		);
	});
});
