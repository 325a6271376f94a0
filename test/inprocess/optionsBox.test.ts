/**
 * The one Options box of the action nodes' newer versions (HaloPSA and HighLevel 1.1, Ingram Micro
 * 1.2): the timeout and, for HighLevel, the Location ID override live in it and are obeyed; version 1
 * nodes keep their separate Timeout (Seconds), Request Options and Location ID, read as before.
 */
import { HaloPsaMarketplace } from '../../nodes/HaloPsaMarketplace/HaloPsaMarketplace.node';
import { HighLevelPayments } from '../../nodes/HighLevelPayments/HighLevelPayments.node';
import { IngramMicroMarketplace } from '../../nodes/IngramMicroMarketplace/IngramMicroMarketplace.node';
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { haloFixture } from './haloFixture';
import { highLevelFixture } from './highLevelFixture';

const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

/** The node-wide parameters a node shows at a version: name → display name. */
function nodeWide(description: INodeTypeDescription, version: number) {
	const shown = (p: INodeProperties) => {
		const versions = p.displayOptions?.show?.['@version'] as number[] | undefined;
		// Get Many's box with its own options too (HaloPSA 1.2) is haloOnePanelBox.test.ts's.
		const show = p.displayOptions?.show;
		return !show?.resource && !show?.operation && (!versions || versions.includes(version));
	};
	return description.properties
		.filter(shown)
		.filter((p) => ['timeoutSeconds', 'requestOptions', 'locationId'].includes(p.name))
		.map((p) => ({
			name: p.name,
			displayName: p.displayName,
			options:
				p.type === 'collection'
					? (p.options as INodeProperties[]).map((o) => o.displayName)
					: undefined,
		}));
}

test.each([
	['HaloPSA', new HaloPsaMarketplace().description, 1.2, []],
	['HighLevel', new HighLevelPayments().description, 1.2, ['Location ID']],
	['Ingram Micro', new IngramMicroMarketplace().description, 1.3, []],
])(
	'%s: new nodes get one Options box holding the timeout; version 1 keeps its layout',
	(_, description, newest, extra) => {
		expect(description.defaultVersion).toBe(newest);
		expect(nodeWide(description, newest)).toEqual([
			{
				name: 'requestOptions',
				displayName: 'Options',
				options: ['Items in Parallel', ...extra, 'Rate Limit Wait (Seconds)', 'Timeout (Seconds)'],
			},
		]);
		expect(nodeWide(description, 1).map((p) => p.displayName)).toEqual([
			...(extra.length ? ['Location ID'] : []),
			'Timeout (Seconds)',
			'Request Options',
		]);
	},
);

describe('HaloPSA 1.1', () => {
	test('Options > Timeout (Seconds) bounds a call that never answers; a bad value is named by its place', async () => {
		const halo = await haloFixture();
		try {
			halo.sandbox.addFault({
				method: 'GET',
				path: /ecommerceorder\/3$/i,
				delayMs: 8_000,
				times: 5,
			});
			const get = (requestOptions: object, typeVersion: number) =>
				halo.run(
					{ resource: 'ecommerceOrder', operation: 'get', recordId: byId(3), requestOptions },
					{ typeVersion },
				);
			const started = Date.now();
			const slow = await get({ timeoutSeconds: 1 }, 1.1);
			expect(slow.error?.message).toMatch(/^HaloPSA did not answer GET \/api\/EcommerceOrder\/3/);
			expect(Date.now() - started).toBeLessThan(8_000);
			expect((await get({ itemsInParallel: 0 }, 1.1)).error?.message).toBe(
				'Options > Items in Parallel must be a whole number from 1 to 20, got 0',
			);
			expect((await get({ itemsInParallel: 0 }, 1)).error?.message).toBe(
				'Request Options > Items in Parallel must be a whole number from 1 to 20, got 0',
			);
		} finally {
			await halo.stop();
		}
	});
});

describe('HighLevel 1.1', () => {
	test("Options > Location ID overrides the credential's sub-account; version 1 reads its own Location ID", async () => {
		const hl = await highLevelFixture();
		try {
			await hl.run(
				{
					resource: 'order',
					operation: 'getAll',
					limit: 1,
					requestOptions: { locationId: 'loc-override' },
				},
				{ auth: 'privateToken', typeVersion: 1.1 },
			);
			expect(hl.sandbox.paymentsRequests()[0].query.altId).toBe('loc-override');
			hl.sandbox.clearLog();
			await hl.run(
				{ resource: 'order', operation: 'getAll', limit: 1, locationId: 'loc-version-1' },
				{ auth: 'privateToken', typeVersion: 1 },
			);
			expect(hl.sandbox.paymentsRequests()[0].query.altId).toBe('loc-version-1');
			hl.sandbox.clearLog();
			const plain = await hl.run(
				{ resource: 'order', operation: 'getAll', limit: 1 },
				{ auth: 'privateToken', typeVersion: 1.1 },
			);
			expect(plain.error).toBeUndefined();
			expect(hl.sandbox.paymentsRequests()[0].query.altId).toBe('loc-sandbox');
		} finally {
			await hl.stop();
		}
	});
});
