/**
 * The bad-input matrix, across the three action nodes: each kind of bad input stops before anything
 * is sent, with an error naming the parameter and the item; with "Continue On Fail" the bad item
 * becomes an error item and the good item after it still goes through. Outcomes go to RELIABILITY.md.
 */
import type { IDataObject } from 'n8n-workflow';
import type { RunResult } from '../harness/inProcess';
import { haloFixture, type HaloFixture } from './haloFixture';
import { highLevelFixture, type HighLevelFixture } from './highLevelFixture';
import { ingramFixture, type IngramFixture } from './ingramFixture';
import { recordCell } from './reliabilityReport';

jest.setTimeout(120_000);

let halo: HaloFixture;
let hl: HighLevelFixture;
let im: IngramFixture;

beforeAll(async () => {
	[halo, hl, im] = await Promise.all([haloFixture(), highLevelFixture(), ingramFixture()]);
});
afterAll(async () => {
	await Promise.all([halo.stop(), hl.stop(), im.stop()]);
});

interface Target {
	run(
		parameters: IDataObject,
		extra?: { input?: IDataObject[]; continueOnFail?: boolean },
	): Promise<RunResult>;
	/** Requests that reached the sandbox's API (tokens excluded). */
	sent(): number;
	clear(): void;
}

const targets: Record<'HaloPSA' | 'HighLevel' | 'Ingram Micro', () => Target> = {
	HaloPSA: () => ({
		run: halo.run,
		sent: () => halo.sandbox.apiRequests().length,
		clear: () => halo.sandbox.clearLog(),
	}),
	HighLevel: () => ({
		run: (p, e) => hl.run(p, e),
		sent: () => hl.sandbox.paymentsRequests().length,
		clear: () => hl.sandbox.clearLog(),
	}),
	'Ingram Micro': () => ({
		run: im.run,
		sent: () => im.sandbox.apiRequests().length,
		clear: () => im.sandbox.clearLog(),
	}),
};

/** A case: parameters reading the bad or good value from `$json.value`, the two values, and what the error must say. */
interface Case {
	node: keyof typeof targets;
	kind: string;
	parameters: IDataObject;
	bad: string | number;
	good?: string | number;
	error: RegExp;
	/** Some checks need the server (an unknown id is only known there): one lookup is sent. */
	lookup?: boolean;
}

const value = '={{ $json.value }}';
const product = (domain: string) => ({
	product: [{ mpn: 'MS-O365-E3', quantity: 1, productFamily: 'office365', domain }],
});

const cases: Case[] = [
	{
		node: 'HaloPSA',
		kind: 'malformed JSON in a JSON field',
		parameters: {
			resource: 'ecommerceOrder',
			operation: 'upsert',
			updateId: 2,
			inputMode: 'json',
			recordJson: value,
		},
		bad: '{"thirdpartystatus": ',
		good: '{"thirdpartystatus": "paid"}',
		error: /Record \(JSON\)|JSON/,
	},
	{
		node: 'HaloPSA',
		kind: 'wrong type',
		parameters: {
			resource: 'ecommerceOrder',
			operation: 'upsert',
			updateId: 2,
			inputMode: 'json',
			recordJson: value,
		},
		bad: '{"ticket_id": "abc"}',
		good: '{"ticket_id": 1001}',
		error: /ticket_id.*must be/,
	},
	{
		node: 'HaloPSA',
		kind: 'missing or invalid record ID',
		parameters: {
			resource: 'ecommerceOrder',
			operation: 'get',
			recordId: { __rl: true, mode: 'id', value },
		},
		bad: 'abc',
		good: 3,
		error: /E-Commerce Order must be a HaloPSA ID/,
	},
	{
		node: 'HaloPSA',
		kind: 'unknown ID',
		parameters: {
			resource: 'ecommerceOrder',
			operation: 'get',
			recordId: { __rl: true, mode: 'id', value },
		},
		bad: 999999,
		good: 3,
		error: /E-Commerce Order 999999 was not found/,
		lookup: true,
	},
	{
		node: 'HaloPSA',
		kind: 'zero limit',
		parameters: { resource: 'ecommerceOrder', operation: 'getAll', returnAll: false, limit: value },
		bad: 0,
		good: 2,
		error: /Limit/,
	},
	{
		node: 'HaloPSA',
		kind: 'negative limit',
		parameters: { resource: 'ecommerceOrder', operation: 'getAll', returnAll: false, limit: value },
		bad: -5,
		good: 2,
		error: /Limit/,
	},
	{
		node: 'HaloPSA',
		kind: 'oversized bulk chunk',
		parameters: { resource: 'cspConsumptionData', operation: 'bulkManage', chunkSize: value },
		bad: 5000,
		error: /Chunk Size must be a whole number from 1 to 1000, got 5000/,
	},
	{
		node: 'HighLevel',
		kind: 'invalid URL',
		parameters: {
			resource: 'whiteLabelProvider',
			operation: 'create',
			uniqueName: 'acme-pay',
			title: 'Acme',
			provider: 'nmi',
			description: 'Cards',
			imageUrl: value,
		},
		bad: 'http://acme.example/logo.png',
		good: 'https://acme.example/logo.png',
		error: /Image URL must be a full https:\/\/ address/,
	},
	{
		node: 'HighLevel',
		kind: 'missing required field',
		parameters: {
			resource: 'fulfillment',
			operation: 'create',
			orderId: { __rl: true, mode: 'id', value: '0d0000000000000000000001' },
			fulfillmentInput: 'json',
			fulfillmentJson: value,
		},
		bad: '{"trackings": []}',
		good: '{"items": [{"priceId": "a10000000000000000000001", "qty": 1}]}',
		error: /Items/,
	},
	{
		node: 'HighLevel',
		kind: 'invalid date',
		parameters: { resource: 'order', operation: 'getAll', filters: { startAt: value } },
		bad: 'last tuesday',
		good: '2026-01-01',
		error: /Start Date must be a date such as 2026-01-31/,
	},
	{
		node: 'HighLevel',
		kind: 'zero limit',
		parameters: { resource: 'order', operation: 'getAll', limit: value },
		bad: 0,
		good: 3,
		error: /Limit must be a whole number of at least 1, got 0/,
	},
	{
		node: 'Ingram Micro',
		kind: 'invalid domain',
		parameters: {
			resource: 'order',
			operation: 'create',
			customerId: { __rl: true, mode: 'id', value: 'CUS-1005' },
			orderType: 'sales',
			products: product('={{ $json.value }}'),
		},
		bad: 'contoso.com',
		good: 'contoso',
		error: /parameter "domain" \(Tenant Domain\) must be the tenant name without .onmicrosoft.com/,
	},
	{
		node: 'Ingram Micro',
		kind: 'invalid e-mail',
		parameters: {
			resource: 'order',
			operation: 'create',
			customerId: { __rl: true, mode: 'id', value: 'CUS-1005' },
			orderType: 'sales',
			products: {
				product: [
					{
						mpn: 'HELLOSIGN-ESS',
						quantity: 1,
						productFamily: 'hellosign',
						email1: value,
						email1Name: 'teamAdmin',
					},
				],
			},
		},
		bad: 'team@',
		good: 'team@x.example',
		error: /must be a valid e-mail address, got "team@"/,
	},
];

describe.each(cases.map((c) => [`${c.node}: ${c.kind}`, c] as const))('%s', (_name, c) => {
	const target = () => targets[c.node]();

	test('stops before sending, naming the parameter and the item', async () => {
		target().clear();
		const { error } = await target().run(c.parameters, { input: [{ value: c.bad }] });
		expect(error?.message).toMatch(c.error);
		// The item is named in the message, or carried as n8n's item index (the editor shows it beside the error).
		const namesItem =
			/item 0|product 1/i.test(`${error?.message} ${error?.description ?? ''}`) ||
			error?.context?.itemIndex === 0;
		expect(namesItem).toBe(true);
		expect(target().sent()).toBe(c.lookup ? 1 : 0);
		recordCell(
			'Bad input',
			`${c.node}: ${c.kind}`,
			'stop',
			`${c.lookup ? 'one lookup, then' : 'nothing sent;'} error: ${error?.message}`,
		);
	});

	if (c.good !== undefined) {
		test('continue on fail: an error item for the bad item, the good item goes on', async () => {
			target().clear();
			const { items, error } = await target().run(c.parameters, {
				input: [{ value: c.bad }, { value: c.good }],
				continueOnFail: true,
			});
			expect(error).toBeUndefined();
			const errors = items.filter((i) => i.json.error !== undefined);
			expect(errors).toHaveLength(1);
			expect(String(errors[0].json.error)).toMatch(c.error);
			expect(items.length).toBeGreaterThan(1);
			expect(items.filter((i) => i.json.error === undefined).length).toBeGreaterThan(0);
			recordCell(
				'Bad input',
				`${c.node}: ${c.kind}`,
				'continue on fail',
				`error item for item 0; item 1 went through (${items.length - 1} result item(s))`,
			);
		});
	}
});
