/**
 * The contract tier for HighLevel: every request the HighLevel node (each operation, both credentials),
 * its record pickers and the polling trigger (each watched resource) send to the sandbox is checked
 * against HighLevel's own payments.json by an OpenAPI validator: the operation exists, path parameters,
 * required and enumerated query parameters, the `Version` header and the body as the spec's schemas say.
 * The extract is re-derived from ../shared/vendor-specs when it is there, and a request made wrong on
 * purpose is refused, so the tier is not vacuous.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { runPicker } from '../harness/pickerRunner';
import { PollRunner } from '../harness/pollRunner';
import {
	highLevelFixture,
	WHITE_LABEL_PROVIDER_CREATE,
	HL_NODE,
	type HighLevelFixture,
} from '../inprocess/highLevelFixture';
import { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { priceIdOf } from '../sandbox/highLevelSeed';
import type { LoggedRequest } from '../sandbox/httpKit';
import { answerViolations, contractViolation, contractViolations } from './highLevelContract';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../..');
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

test('the committed extract is what scripts/extract-contracts.mjs makes of the vendor file', () => {
	const vendor = join(ROOT, '..', 'shared', 'vendor-specs', 'highlevel', 'payments.json');
	if (!existsSync(vendor)) {
		// A user's clone has no ../shared: the committed extract is the contract.
		expect(existsSync(join(__dirname, 'highlevel-payments.contract.json'))).toBe(true);
		return;
	}
	expect(() =>
		execFileSync(process.execPath, [join(ROOT, 'scripts/extract-contracts.mjs'), '--check'], {
			stdio: 'pipe',
		}),
	).not.toThrow();
});

describe('every request the HighLevel nodes send is one payments.json documents', () => {
	let hl: HighLevelFixture;
	beforeAll(async () => {
		hl = await highLevelFixture();
	});
	afterAll(async () => {
		await hl.stop();
	});

	const operations = (fixture: HighLevelFixture): IDataObject[] => [
		{ resource: 'order', operation: 'getAll', returnAll: true },
		{
			resource: 'order',
			operation: 'getAll',
			limit: 3,
			filters: {
				paymentStatus: 'paid',
				startAt: '2026-10-01',
				endAt: '2026-10-02T06:00:00',
				contactId: 'c1',
			},
		},
		{ resource: 'order', operation: 'get', orderId: byId(fixture.sandbox.orderId(1)) },
		{ resource: 'transaction', operation: 'getAll', returnAll: true },
		{
			resource: 'transaction',
			operation: 'get',
			transactionId: byId([...fixture.sandbox.transactions.keys()][0]),
		},
		{ resource: 'subscription', operation: 'getAll', limit: 3 },
		{
			resource: 'subscription',
			operation: 'get',
			subscriptionId: byId([...fixture.sandbox.subscriptions.keys()][0]),
		},
		{ resource: 'fulfillment', operation: 'getAll', orderId: byId(fixture.sandbox.orderId(1)) },
		{
			resource: 'fulfillment',
			operation: 'create',
			orderId: byId(fixture.sandbox.orderId(2)),
			items: { item: [{ priceId: priceIdOf(2), qty: 1 }] },
			trackings: {
				tracking: [
					{ trackingNumber: '1Z', shippingCarrier: 'UPS', trackingUrl: 'https://ups.example/1Z' },
				],
			},
			notifyCustomer: true,
		},
		{ ...WHITE_LABEL_PROVIDER_CREATE },
		{ resource: 'whiteLabelProvider', operation: 'getAll', returnAll: true },
	];

	test('each operation, with an OAuth2 token and with a Private Integration Token', async () => {
		hl.sandbox.clearLog();
		for (const auth of ['code', 'privateToken'] as const)
			for (const parameters of operations(hl)) {
				const { error } = await hl.run(parameters, { auth });
				// A Private Integration Token may not create white-label providers (HighLevel's rule, tested elsewhere).
				if (!(auth === 'privateToken' && parameters.resource === 'whiteLabelProvider'))
					expect(error).toBeUndefined();
			}
		const sent = hl.sandbox.paymentsRequests();
		expect(sent.length).toBeGreaterThanOrEqual(operations(hl).length * 2);
		expect(await contractViolations(sent)).toEqual([]);
		// The default sandbox's answers are what payments.json documents, with no field it lacks.
		expect(await answerViolations(sent)).toEqual([]);
	});

	test('the record pickers', async () => {
		hl.sandbox.clearLog();
		for (const resource of ['order', 'transaction', 'subscription']) {
			const method = `search${resource[0].toUpperCase()}${resource.slice(1)}s`;
			const listed = await runPicker({
				type: HL_NODE,
				method,
				parameters: { authentication: 'oAuth2', resource, operation: 'get' },
				credentials: { highLevelPaymentsOAuth2Api: hl.credentials.code },
				store: hl.store,
				filter: resource === 'order' ? 'a' : undefined,
			}).catch((error: Error) => error);
			expect(listed).not.toBeInstanceOf(Error);
		}
		expect(hl.sandbox.paymentsRequests().length).toBeGreaterThanOrEqual(3);
		expect(await contractViolations(hl.sandbox.paymentsRequests())).toEqual([]);
	});

	test('the polling trigger, each watched resource', async () => {
		hl.sandbox.clearLog();
		for (const watch of ['order', 'fulfillment', 'transaction', 'subscription']) {
			const trigger = new PollRunner({
				type: 'n8n-nodes-halopsa-marketplace.highLevelPaymentsPollingTrigger',
				parameters: { authentication: 'apiKey', watch },
				credentials: { highLevelPaymentsApi: hl.credentials.privateToken },
				store: hl.store,
			});
			expect((await trigger.poll()).error).toBeUndefined();
			hl.sandbox.updateOrder(hl.sandbox.orderId(1), { status: 'completed' });
			expect((await trigger.poll()).error).toBeUndefined();
		}
		expect(await contractViolations(hl.sandbox.paymentsRequests())).toEqual([]);
	});
});

test('every suite: a HighLevel sandbox that got an undocumented request refuses to stop quietly', async () => {
	const sandbox = new HighLevelSandbox();
	const url = await sandbox.start();
	await fetch(`${url}/payments/orders?altId=loc-sandbox&altType=location`, {
		headers: { Authorization: `Bearer ${sandbox.options.privateToken}`, Version: '2021-07-28' },
	});
	await expect(sandbox.stop()).rejects.toThrow(
		/vendor files do not document:\nGET \/payments\/orders \(payments\.json list-orders\).*altType/,
	);
});

describe('the tier refuses what payments.json and oauth.json do not document', () => {
	const base: LoggedRequest = {
		method: 'GET',
		path: '/payments/orders',
		query: { altId: 'loc-1', limit: '10', offset: '0' },
		headers: { version: '2021-07-28', authorization: 'Bearer x' },
		body: undefined,
		rawBody: '',
	};
	test.each<[string, Partial<LoggedRequest>, RegExp]>([
		['a documented call made as documented', {}, /^$/],
		['no altId', { query: { limit: '10' } }, /altId/],
		['an undocumented Version', { headers: { version: '2020-01-01' } }, /Version|version/],
		[
			'a payment status outside the enum',
			{ query: { altId: 'l', paymentStatus: 'free' } },
			/paymentStatus/,
		],
		[
			'a query parameter the call does not take',
			{ query: { altId: 'l', altType: 'location' } },
			/altType/,
		],
		['a path that does not exist', { path: '/payments/receipts' }, /no such operation/],
		[
			'a fulfillment without its required fields',
			{
				method: 'POST',
				path: '/payments/orders/o1/fulfillments',
				query: {},
				body: { altId: 'l', altType: 'location' },
			},
			/trackings|items/,
		],
		[
			'an agency token exchange without the location (oauth.json)',
			{
				method: 'POST',
				path: '/oauth/locationToken',
				query: {},
				headers: {
					version: '2021-07-28',
					'content-type': 'application/x-www-form-urlencoded',
				},
				body: { companyId: 'c1' },
			},
			/oauth\.json get-location-access-token.*locationId/,
		],
	])('%s', async (_label, change, expected) => {
		const violation = (await contractViolation({ ...base, ...change })) ?? '';
		expect(violation).toMatch(expected);
	});
});
