/**
 * What n8n does with a failed item, for every operation kind of the three action nodes, through n8n-core's
 * engine: under "Continue (using error output)" the failed item leaves by the error output with its paired
 * item, message and description, the good items by the success output in input order; "Continue (using
 * regular output)" keeps both on the success output; "Stop" fails the run. Writes run in input order and
 * stop at the first failure, and the error names what was written and what was not sent.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Fault } from '../sandbox/httpKit';
import { priceIdOf } from '../sandbox/highLevelSeed';
import type { RunOptions, RunResult } from '../harness/inProcess';
import { haloFixture, type HaloFixture } from './haloFixture';
import {
	highLevelFixture,
	WHITE_LABEL_PROVIDER_CREATE,
	type HighLevelFixture,
} from './highLevelFixture';
import { ingramFixture, type IngramFixture } from './ingramFixture';
import { recordCell } from './reliabilityReport';

jest.setTimeout(120_000);

const SECTION = 'Error output';
const byId = (value: unknown) => ({ __rl: true, mode: 'id', value });
/** The second matching request fails: item 0 is sent first (reads run it alone, writes in order). */
const secondFails = (method: string, path: RegExp, status: number, body: string): Fault => ({
	method,
	path,
	after: 1,
	status,
	body,
	headers: { 'Content-Type': 'application/json' },
});

interface Case {
	kind: string;
	parameters: IDataObject;
	/** Two items unless said; the one at index 1 fails. Given per run where a run changes the records. */
	input?: IDataObject[] | ((run: number) => IDataObject[]);
	fault?: Fault | ((run: number) => Fault);
}

let halo: HaloFixture;
let hl: HighLevelFixture;
let im: IngramFixture;

beforeAll(async () => {
	[halo, hl, im] = await Promise.all([haloFixture(), highLevelFixture(), ingramFixture()]);
});
afterAll(async () => {
	await Promise.all([halo.stop(), hl.stop(), im.stop()]);
});

const haloCases: Case[] = [
	{
		kind: 'Get',
		parameters: { resource: 'ecommerceOrder', operation: 'get', recordId: byId(1) },
		fault: secondFails('GET', /^\/api\/ecommerceorder\/1$/i, 404, '"Record not found"'),
	},
	{
		kind: 'Get Many',
		parameters: {
			resource: 'ecommerceOrder',
			operation: 'getAll',
			limit: '={{ $json.limit }}',
		},
		input: [{ limit: 2 }, { limit: 0 }],
	},
	{
		kind: 'Get Quote (read)',
		parameters: {
			resource: 'ingramMicroReseller',
			operation: 'getQuote',
			queryParameters: { parameter: [{ name: 'quoteNumber', value: 'Q-1' }] },
		},
		fault: secondFails('GET', /getquote$/i, 400, '"Quote unknown"'),
	},
	{
		kind: 'Create or Update',
		parameters: {
			resource: 'ecommerceOrder',
			operation: 'upsert',
			updateId: '={{ $json.id }}',
			inputMode: 'fields',
			fields: { thirdpartystatus: 'paid' },
		},
		input: [{ id: 5 }, { id: '0x10' }],
	},
	{
		kind: 'Delete',
		parameters: { resource: 'ecommerceOrder', operation: 'delete', recordId: '={{ $json.rl }}' },
		input: (run) => [{ rl: byId(3 + 2 * run) }, { rl: byId(4 + 2 * run) }],
		fault: (run) => ({
			...secondFails('DELETE', new RegExp(`^/api/ecommerceorder/${4 + 2 * run}$`, 'i'), 404, '""'),
			after: 0,
		}),
	},
	{
		kind: 'Delete All of Parent',
		parameters: {
			resource: 'cspConsumptionData',
			operation: 'deleteByParent',
			parentId: '={{ $json.parent }}',
		},
		input: [{ parent: 2 }, { parent: '1e1' }],
	},
	{
		kind: 'Link to Ticket',
		parameters: {
			resource: 'ecommerceOrder',
			operation: 'linkToTicket',
			recordId: byId(2),
			ticketId: 1001,
		},
		fault: secondFails('POST', /^\/api\/ecommerceorder$/i, 400, '"Ticket is closed"'),
	},
	{
		kind: 'Unlink from Ticket',
		parameters: { resource: 'ecommerceOrder', operation: 'unlinkFromTicket', recordId: byId(2) },
		fault: secondFails('POST', /^\/api\/ecommerceorder$/i, 400, '"Nothing to unlink"'),
	},
	{
		kind: 'Authenticate',
		parameters: {
			resource: 'adobeCommerceIntegration',
			operation: 'authenticate',
			authPairs: { pair: [{ key: 'oauth_verifier', value: 'v-1' }] },
		},
		fault: secondFails('POST', /^\/api\//i, 400, '"Verifier expired"'),
	},
];

const highLevelCases: Case[] = [
	{
		kind: 'Get',
		parameters: { resource: 'order', operation: 'get', orderId: '={{ $json.rl }}' },
		input: [{ rl: byId('0d0000000000000000000001') }, { rl: byId('../contacts') }],
	},
	{
		kind: 'Get Many',
		parameters: { resource: 'order', operation: 'getAll', limit: 2 },
		fault: secondFails('GET', /\/payments\/orders$/, 422, '{"message":"altId is invalid"}'),
	},
	{
		kind: 'Create fulfillment',
		parameters: {
			resource: 'fulfillment',
			operation: 'create',
			orderId: byId('0d0000000000000000000002'),
			items: { item: [{ priceId: priceIdOf(2), qty: 1 }] },
		},
		fault: secondFails('POST', /fulfillments$/, 422, '{"message":"items must not be empty"}'),
	},
	{
		kind: 'Create white-label provider',
		parameters: { ...WHITE_LABEL_PROVIDER_CREATE },
		fault: secondFails('POST', /whitelabel$/, 422, '{"message":"uniqueName is taken"}'),
	},
];

const ingramCases: Case[] = [
	{
		kind: 'Get',
		parameters: { resource: 'customer', operation: 'get', customerId: byId('CUS-1001') },
		fault: secondFails('GET', /customers\/CUS-1001$/, 404, '{"message":"not found"}'),
	},
	{
		kind: 'Get Many',
		parameters: { resource: 'customer', operation: 'getAll', limit: 2 },
		fault: secondFails('GET', /customers$/, 400, '{"message":"bad filter"}'),
	},
	{
		kind: 'Create customer',
		parameters: {
			resource: 'customer',
			operation: 'create',
			customerFields: {
				name: '={{ $json.name }}',
				language: 'en_GB',
				address: {
					value: {
						streetAddress: '1 Road',
						city: 'Leeds',
						state: 'West Yorkshire',
						postalCode: 'LS1',
						countryCode: 'GB',
					},
				},
				contactPersons: {
					contact: [
						{
							type: 'admin',
							firstName: 'Ann',
							lastName: 'Lee',
							email: 'ann@acme.example',
							phoneNumber: '+44 113 000 0000',
						},
					],
				},
			},
		},
		input: [{ name: 'Acme Ltd' }, { name: 'Beta Ltd' }],
		fault: secondFails('POST', /customers$/, 400, '{"message":"duplicate externalId"}'),
	},
	...(['create', 'estimate'] as const).map((operation) => ({
		kind: operation === 'create' ? 'Create order' : 'Estimate order',
		parameters: {
			resource: 'order',
			operation,
			customerId: byId('CUS-1001'),
			orderType: 'sales',
			products: {
				product: [
					{ mpn: 'MS-O365-E3', quantity: 5, productFamily: 'office365', domain: 'contoso' },
				],
			},
		},
		fault: secondFails('POST', /orders/, 400, '{"message":"product is not available"}'),
	})),
	{
		kind: 'Validate parameters',
		parameters: {
			resource: 'parameters',
			operation: 'validate',
			customerId: byId('CUS-1001'),
			products: {
				product: [{ mpn: 'MS-O365-E3', productFamily: 'office365', domain: 'contoso' }],
			},
		},
		fault: secondFails('POST', /validation\/parameters$/, 400, '{"message":"cannot validate now"}'),
	},
];

type Runner = (parameters: IDataObject, extra: Partial<RunOptions>) => Promise<RunResult>;

const nodes: Array<[string, () => Runner, () => { addFault(f: Fault): void }, Case[]]> = [
	['HaloPSA', () => halo.run, () => halo.sandbox, haloCases],
	['HighLevel', () => hl.run as Runner, () => hl.sandbox, highLevelCases],
	['Ingram Micro', () => im.run, () => im.sandbox, ingramCases],
];

describe.each(nodes)('%s', (node, runner, sandbox, cases) => {
	test.each(cases.map((c) => [c.kind, c] as const))(
		'%s: the failed item leaves by the error output',
		async (_kind, c) => {
			let runs = 0;
			let input: IDataObject[] = [];
			const run = (onError: RunOptions['onError']) => {
				const n = runs++;
				input = (typeof c.input === 'function' ? c.input(n) : c.input) ?? [{ n: 0 }, { n: 1 }];
				if (c.fault)
					sandbox().addFault(typeof c.fault === 'function' ? c.fault(n) : { ...c.fault });
				return runner()(c.parameters, { input, onError });
			};
			const routed = await run('continueErrorOutput');
			expect(routed.error).toBeUndefined();
			expect(routed.errorItems).toHaveLength(1);
			const [failed] = routed.errorItems;
			expect(failed.pairedItem).toEqual({ item: 1 });
			expect(String(failed.json.error)).not.toBe('');
			expect(String(failed.json.details ?? '')).not.toBe('');
			// n8n merges the failed input item into the error item, so the workflow still knows what failed.
			for (const [key, value] of Object.entries(input[1])) expect(failed.json[key]).toEqual(value);
			expect(routed.items.length).toBeGreaterThan(0);
			for (const item of routed.items) {
				expect(item.pairedItem).toEqual({ item: 0 });
				expect(item.json.error).toBeUndefined();
			}

			const regular = await run('continueRegularOutput');
			expect(regular.errorItems).toHaveLength(0);
			expect(regular.items.at(-1)?.pairedItem).toEqual({ item: 1 });
			// Ingram Micro's errors carry a correlation ID that differs per call, Delete's a record ID per run.
			const uuid = /[0-9a-f]{8}-[0-9a-f-]{27}/g;
			const same = (value: unknown) => String(value).replace(uuid, '<id>').replace(/\d+/g, '#');
			expect(Object.keys(regular.items.at(-1)?.json ?? {})).toEqual(['error', 'description']);
			expect(same(regular.items.at(-1)?.json.error)).toBe(same(failed.json.error));
			expect(same(regular.items.at(-1)?.json.description)).toBe(same(failed.json.details));

			const stopped = await run('stopWorkflow');
			expect(same(stopped.error?.message)).toBe(same(failed.json.error));
			recordCell(
				SECTION,
				`${node} ${c.kind}, item 1 of 2 fails, On Error: Continue (using error output)`,
				'which output each item leaves by',
				'item 0 on the success output; item 1 on the error output with its message, description and paired item; regular output and Stop as before',
			);
		},
	);
});

describe('HaloPSA Bulk Create or Update', () => {
	test('a failed chunk report leaves by the error output, the saved chunk by the success output', async () => {
		halo.sandbox.addFault(secondFails('POST', /manage$/i, 400, '"Chunk refused"'));
		const input = [0, 1].map((i) => ({
			parentid: 2,
			skuid: `SKU-EO-${i}`,
			quantity: i + 1,
		}));
		const { items, errorItems, error } = await halo.run(
			{ resource: 'cspConsumptionData', operation: 'bulkManage', chunkSize: 1 },
			{ input, onError: 'continueErrorOutput' },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => [i.json.chunk, i.json.success, i.pairedItem])).toEqual([
			[1, true, [{ item: 0 }]],
		]);
		expect(errorItems).toHaveLength(1);
		expect(errorItems[0].pairedItem).toEqual([{ item: 1 }]);
		expect(String(errorItems[0].json.error)).toMatch(/^Chunk 2 of 2 \(items 1-1\) failed/);
		expect(String(errorItems[0].json.details)).toMatch(/1 records were sent in this chunk/);
		recordCell(
			SECTION,
			'HaloPSA Bulk Create or Update, chunk 2 of 2 refused, Continue (using error output)',
			'which output each chunk report leaves by',
			'the saved chunk on the success output, the refused one on the error output',
		);
	});
});

describe('writes run in input order and stop at the first failure', () => {
	test('HaloPSA: four creates with Items in Parallel 4, item 1 refused: the error names the written item and those not sent', async () => {
		halo.sandbox.addFault(secondFails('POST', /^\/api\/ecommerceorder$/i, 400, '"Invalid order"'));
		const before = halo.sandbox.records('ecommerceOrder').size;
		const input = [0, 1, 2, 3].map((n) => ({ number: `EO-SEQ-${n}` }));
		const { error } = await halo.run(
			{
				resource: 'ecommerceOrder',
				operation: 'upsert',
				inputMode: 'fields',
				fields: { thirdpartyordernumber: '={{ $json.number }}' },
				requestOptions: { itemsInParallel: 4 },
			},
			{ input },
		);
		const created = [...halo.sandbox.records('ecommerceOrder').values()].filter((r) =>
			String(r.thirdpartyordernumber).startsWith('EO-SEQ-'),
		);
		expect(halo.sandbox.records('ecommerceOrder').size).toBe(before + 1);
		expect(created.map((r) => r.thirdpartyordernumber)).toEqual(['EO-SEQ-0']);
		expect(error?.message).toMatch(/item 1|Invalid order/);
		expect(error?.description).toContain(
			`Written before this failure: item 0 (ID ${created[0].id}).`,
		);
		expect(error?.description).toContain('Not sent: items 2-3.');
		recordCell(
			SECTION,
			'HaloPSA Create x4, Items in Parallel 4, item 1 refused (Stop)',
			'what was written, what the error says',
			'item 0 written, items 2-3 never sent; the error names item 0 with its new ID and items 2-3 as not sent',
		);
	});

	test('HighLevel and Ingram Micro writes: the same order and report', async () => {
		const hlOrder = '0d0000000000000000000003';
		hl.sandbox.addFault(secondFails('POST', /fulfillments$/, 422, '{"message":"refused"}'));
		const hlRun = await hl.run(
			{
				resource: 'fulfillment',
				operation: 'create',
				orderId: byId(hlOrder),
				items: { item: [{ priceId: priceIdOf(3), qty: 1 }] },
				requestOptions: { itemsInParallel: 4 },
			},
			{ input: [{}, {}, {}] },
		);
		expect(hlRun.error?.description).toMatch(/Written before this failure: item 0 \(ID \w+\)\./);
		expect(hlRun.error?.description).toContain('Not sent: item 2.');
		im.sandbox.addFault(secondFails('POST', /customers$/, 400, '{"message":"refused"}'));
		const imRun = await im.run(
			{
				...ingramCases[2].parameters,
				requestOptions: { itemsInParallel: 4 },
			},
			{ input: [{ name: 'One Ltd' }, { name: 'Two Ltd' }, { name: 'Three Ltd' }] },
		);
		expect(imRun.error?.description).toMatch(/Written before this failure: item 0 \(ID [\w-]+\)\./);
		expect(imRun.error?.description).toContain('Not sent: item 2.');
		recordCell(
			SECTION,
			'HighLevel fulfillment Create and Ingram Micro customer Create x3, Items in Parallel 4, item 1 refused',
			'what the error says',
			'item 0 named with its new ID, item 2 named as not sent',
		);
	});
});
