/**
 * HaloPSA node 1.2, run through n8n-core against the Halo sandbox: Get Many's own options live in
 * the one Options box (no second box), and Create or Update names the record to update first with a
 * picker (empty creates), Simplify last. Versions 1 and 1.1 keep their layout and run as before.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { HaloPsaMarketplace } from '../../nodes/HaloPsaMarketplace/HaloPsaMarketplace.node';
import { shownOptions, shownParameters, shownProperties } from '../harness/shownParameters';
import { haloFixture, type HaloFixture } from './haloFixture';

const description = new HaloPsaMarketplace().description;
const byId = (value: string | number) => ({ __rl: true, mode: 'id', value: String(value) });

describe('what the panel shows', () => {
	const boxes = (version: number, values: object) =>
		shownProperties(description, version, { resource: 'pax8Details', ...values })
			.filter((p) => p.type === 'collection')
			.map((p) => p.displayName);

	test('Get Many: one Options box from 1.2, holding the list options and the node-wide ones', () => {
		expect(description.defaultVersion).toBe(1.2);
		expect(boxes(1.2, { operation: 'getAll' })).toEqual(['Options']);
		expect(boxes(1.1, { operation: 'getAll' })).toEqual(['Options', 'Options']);
		expect(boxes(1, { operation: 'getAll' })).toEqual(['Options', 'Request Options']);
		const box = shownProperties(description, 1.2, {
			resource: 'pax8Details',
			operation: 'getAll',
		}).find((p) => p.name === 'requestOptions')!;
		const names = shownOptions(description, 1.2, { resource: 'pax8Details' }, box);
		expect(names).toEqual([
			'Include Active',
			'Include Inactive',
			'Items in Parallel',
			'Order By',
			'Order Descending',
			'Page Size',
			'Rate Limit Wait (Seconds)',
			'Search',
			'Timeout (Seconds)',
		]);
		// Include Details only where the resource's list takes it.
		expect(shownOptions(description, 1.2, { resource: 'dattoCommerceDetails' }, box)).toContain(
			'Include Details',
		);
		// Other operations' box holds only the node-wide options.
		const getBox = shownProperties(description, 1.2, {
			resource: 'pax8Details',
			operation: 'get',
		}).find((p) => p.name === 'requestOptions')!;
		expect((getBox.options as INodeProperties[]).map((o) => o.displayName)).toEqual([
			'Items in Parallel',
			'Rate Limit Wait (Seconds)',
			'Timeout (Seconds)',
		]);
	});

	test('Create or Update: the record to update first, a picker; Simplify last; 1.1 unchanged', () => {
		const upsert = { resource: 'pax8Details', operation: 'upsert' };
		const at12 = shownParameters(description, 1.2, upsert);
		expect(at12.slice(2)).toEqual([
			'recordToUpdate',
			'inputMode',
			'fields',
			'simplify',
			'requestOptions',
		]);
		const picker = shownProperties(description, 1.2, upsert).find(
			(p) => p.name === 'recordToUpdate',
		)!;
		expect(picker.type).toBe('resourceLocator');
		expect(picker.required).toBe(false);
		expect(picker.description).toMatch(/^Leave empty to create .*finds the record by its ID/);
		expect(shownParameters(description, 1.1, upsert).slice(2)).toEqual([
			'simplify',
			'updateId',
			'inputMode',
			'fields',
			'requestOptions',
		]);
	});
});

describe('the run', () => {
	let halo: HaloFixture;
	beforeEach(async () => {
		halo = await haloFixture();
	});
	afterEach(async () => {
		await halo.stop();
	});

	test('Get Many 1.2 sends the list options from the Options box, and no node-wide option', async () => {
		const result = await halo.run(
			{
				resource: 'dattoCommerceDetails',
				operation: 'getAll',
				returnAll: true,
				requestOptions: {
					search: 'acme',
					includeinactive: true,
					includedetails: true,
					pageSize: 2,
					itemsInParallel: 3,
					timeoutSeconds: 30,
				},
			},
			{ typeVersion: 1.2 },
		);
		expect(result.error).toBeUndefined();
		const [first] = halo.sandbox.apiRequests();
		expect(first.query).toMatchObject({
			search: 'acme',
			includeinactive: 'true',
			includedetails: 'true',
			page_size: '2',
		});
		expect(Object.keys(first.query)).not.toEqual(
			expect.arrayContaining(['itemsInParallel', 'timeoutSeconds', 'pageSize']),
		);
		const bad = await halo.run(
			{
				resource: 'pax8Details',
				operation: 'getAll',
				returnAll: true,
				requestOptions: { pageSize: 0 },
			},
			{ typeVersion: 1.2 },
		);
		expect(bad.error?.message).toBe(
			'Options > Page Size must be a whole number from 1 to 1000, got 0 [item 0]',
		);
	});

	test('Get Many 1.1 still reads its own list options box', async () => {
		await halo.run(
			{
				resource: 'pax8Details',
				operation: 'getAll',
				limit: 5,
				listOptions: { search: 'old-box' },
			},
			{ typeVersion: 1.1 },
		);
		expect(halo.sandbox.apiRequests()[0].query.search).toBe('old-box');
	});

	test('Create or Update 1.2: empty creates, a picked or typed ID updates, a bad one is named and nothing is sent', async () => {
		const upsert = (recordToUpdate: IDataObject) =>
			halo.run(
				{
					resource: 'pax8Details',
					operation: 'upsert',
					recordToUpdate,
					inputMode: 'fields',
					fields: { update_addresses: true },
				},
				{ typeVersion: 1.2 },
			);
		const bodies = () => [...halo.sandbox.apiRequests()].map((r) => r.body);

		expect((await upsert({ __rl: true, mode: 'list', value: '' })).error).toBeUndefined();
		expect((await upsert(byId(3))).error).toBeUndefined();
		expect((await upsert({ __rl: true, mode: 'list', value: '2' })).error).toBeUndefined();
		expect(bodies()).toEqual([
			[{ update_addresses: true }],
			[{ update_addresses: true, id: 3 }],
			[{ update_addresses: true, id: 2 }],
		]);

		halo.sandbox.clearLog();
		// Typed: n8n's editor and run refuse it by the picker's own rule.
		await expect(upsert(byId('3a'))).rejects.toThrow(
			'The ID is written in digits only, e.g. 42 (empty creates a record)',
		);
		// From an expression: the node's own check, per item.
		const bad = await upsert(byId('={{ "3a" }}'));
		expect(bad.error?.message).toBe(
			'Record to Update must be a HaloPSA ID (digits only, e.g. 42) or empty to create, got "3a" [item 0]',
		);
		expect(halo.sandbox.apiRequests()).toHaveLength(0);
	});
});
