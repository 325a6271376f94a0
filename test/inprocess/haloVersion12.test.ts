/**
 * What HaloPSA node 1.2 changed, run through n8n-core against the Halo sandbox: Get Many's own
 * options live in the one Options box (no second box); Create or Update names the record to update
 * first with a picker (empty creates), Simplify last; Link to Ticket picks the ticket from Halo's
 * tickets. Versions 1 and 1.1 keep their layout and run as before.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { HaloPsaMarketplace } from '../../nodes/HaloPsaMarketplace/HaloPsaMarketplace.node';
import { shownOptions, shownParameters, shownProperties } from '../harness/shownParameters';
import { runPicker } from '../harness/pickerRunner';
import { haloFixture, HALO_CRED, type HaloFixture } from './haloFixture';

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

	test('Get and Get Many: Output (Simplified, Raw, Selected Fields) from 1.2, Simplify before', () => {
		for (const operation of ['get', 'getAll']) {
			const values = { resource: 'ecommerceOrder', operation };
			expect(shownParameters(description, 1.2, values)).toContain('output');
			expect(shownParameters(description, 1.2, values)).not.toContain('simplify');
			expect(shownParameters(description, 1.1, values)).toContain('simplify');
			const output = shownProperties(description, 1.2, values).find((p) => p.name === 'output')!;
			expect(output.default).toBe('simple');
			expect((output.options as Array<{ name: string }>).map((o) => o.name)).toEqual([
				'Raw',
				'Selected Fields',
				'Simplified',
			]);
			const fields = shownProperties(description, 1.2, { ...values, output: 'fields' }).find(
				(p) => p.name === 'outputFields',
			)!;
			const names = (fields.options as Array<{ name: string; value: string }>).map((o) => o.value);
			expect(names).toContain('thirdpartyordernumber');
			expect(names.some((n) => n.startsWith('new_'))).toBe(false);
		}
	});

	test('Link to Ticket: a ticket picker from 1.2, a number before', () => {
		const link = { resource: 'ecommerceOrder', operation: 'linkToTicket' };
		const ticket = (version: number) =>
			shownProperties(description, version, link).find((p) => p.name === 'ticketId')!;
		expect(ticket(1.2)).toMatchObject({ type: 'resourceLocator', displayName: 'Ticket' });
		expect((ticket(1.2).modes ?? []).map((m) => m.name)).toEqual(['list', 'id', 'url']);
		expect(ticket(1.1)).toMatchObject({ type: 'number', displayName: 'Ticket ID' });
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
		expect(picker.required).toBeUndefined();
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

	test("Link to Ticket 1.2: the ticket picked from Halo's tickets (searched, 100 a page), or typed; 1.1 keeps its number", async () => {
		const { results } = await runPicker({
			type: 'n8n-nodes-halopsa-marketplace.haloPsaMarketplace',
			method: 'searchTicket',
			parameters: { resource: 'ecommerceOrder', operation: 'linkToTicket' },
			credentials: { [HALO_CRED]: halo.credential },
			store: halo.store,
			filter: 'follow-up 1',
		});
		expect(results.slice(0, 2)).toEqual([
			{ name: 'Order follow-up 1 · Globex (1001)', value: '1001' },
			{ name: 'Order follow-up 10 · Acme (1010)', value: '1010' },
		]);
		expect(halo.sandbox.apiRequests()[0]).toMatchObject({
			path: '/api/Tickets',
			query: { search: 'follow-up 1', pageinate: 'true', page_size: '100', page_no: '1' },
		});
		halo.sandbox.clearLog();
		const link = (ticketId: IDataObject | number, typeVersion: number) =>
			halo.run(
				{ resource: 'ecommerceOrder', operation: 'linkToTicket', recordId: byId(3), ticketId },
				{ typeVersion },
			);
		expect((await link({ __rl: true, mode: 'list', value: '1010' }, 1.2)).error).toBeUndefined();
		expect((await link(byId(1011), 1.2)).error).toBeUndefined();
		expect((await link(1012, 1.1)).error).toBeUndefined();
		expect([...halo.sandbox.apiRequests()].map((r) => r.body)).toEqual([
			[{ id: 3, ticket_id: 1010 }],
			[{ id: 3, ticket_id: 1011 }],
			[{ id: 3, ticket_id: 1012 }],
		]);
		const bad = await link(byId('={{ "x1" }}'), 1.2);
		expect(bad.error?.message).toBe(
			'Ticket must be a HaloPSA ID (digits only, e.g. 42), got "x1" [item 0]',
		);
	});

	test('Link to Ticket 1.2 By URL: the ticket number is taken from /ticket?id= or /tickets?id=; a link without one is refused with nothing sent', async () => {
		const byUrl = (value: string) => ({ __rl: true, mode: 'url', value });
		const link = (ticketId: IDataObject) =>
			halo.run(
				{ resource: 'ecommerceOrder', operation: 'linkToTicket', recordId: byId(3), ticketId },
				{ typeVersion: 1.2 },
			);
		for (const url of [
			'https://acme.halopsa.com/ticket?id=1013',
			'https://acme.halopsa.com/tickets?id=1014',
			'https://halo.example.com/helpdesk/ticket?showall=true&id=1015#actions',
			'={{ "https://acme.halopsa.com/ticket?id=" + 1016 }}',
		])
			expect((await link(byUrl(url))).error).toBeUndefined();
		expect([...halo.sandbox.apiRequests()].map((r) => r.body)).toEqual(
			[1013, 1014, 1015, 1016].map((ticket) => [{ id: 3, ticket_id: ticket }]),
		);
		halo.sandbox.clearLog();
		for (const url of [
			'={{ "https://acme.halopsa.com/ticket?ticketid=7" }}',
			'={{ "https://acme.halopsa.com/customers?id=7" }}',
			'={{ "https://acme.halopsa.com/ticket?id=x7" }}',
		]) {
			const refused = await link(byUrl(url));
			expect(refused.error?.message).toBe(
				`Ticket must be a HaloPSA link ending in id= and the ID, got "${url.slice(5, -4)}" [item 0]`,
			);
			expect(refused.error?.description).toMatch(/Copy the link .*Nothing was sent to HaloPSA/);
		}
		expect(halo.sandbox.apiRequests()).toEqual([]);
	});

	test('Get and Get Many 1.2: Output Simplified (the default), Raw or Selected Fields; none picked fails before asking', async () => {
		const get = (parameters: IDataObject) =>
			halo.run(
				{ resource: 'ecommerceOrder', operation: 'get', recordId: byId(3), ...parameters },
				{ typeVersion: 1.2 },
			);
		const simple = await get({});
		const raw = await get({ output: 'raw' });
		expect(Object.keys(simple.items[0].json).length).toBeLessThanOrEqual(10);
		expect(Object.keys(raw.items[0].json).length).toBeGreaterThan(
			Object.keys(simple.items[0].json).length,
		);
		const picked = await get({ output: 'fields', outputFields: ['shop_name', 'id'] });
		expect(picked.items[0].json).toEqual({ shop_name: raw.items[0].json.shop_name, id: 3 });
		const many = await halo.run(
			{
				resource: 'ecommerceOrder',
				operation: 'getAll',
				limit: 2,
				output: 'fields',
				outputFields: ['thirdpartyordernumber'],
			},
			{ typeVersion: 1.2 },
		);
		expect(many.items.map((i) => i.json)).toEqual([
			{ thirdpartyordernumber: '#1001' },
			{ thirdpartyordernumber: '#1002' },
		]);
		halo.sandbox.clearLog();
		// Left empty in the editor: n8n itself refuses to run the node.
		await expect(get({ output: 'fields', outputFields: [] })).rejects.toThrow(
			'Parameter "Fields" is required.',
		);
		// Empty from an expression: the node's own check, per item, before anything is asked.
		const none = await get({ output: 'fields', outputFields: '={{ [] }}' });
		expect(none.error?.message).toBe(
			'Output is Selected Fields, but no field is picked in Fields [item 0]',
		);
		expect(halo.sandbox.apiRequests()).toHaveLength(0);
		// Version 1.1 keeps Simplify.
		const old = await halo.run(
			{ resource: 'ecommerceOrder', operation: 'get', recordId: byId(3), simplify: false },
			{ typeVersion: 1.1 },
		);
		expect(old.items[0].json).toEqual(raw.items[0].json);
	});
});
