/**
 * The fault matrix: every kind of failure the Halo API shows, injected by the sandbox into every kind
 * of operation, run through n8n-core's execution engine (and the trigger through its PollContext). Each
 * cell must end complete and correct, or in a clear error that says what to do; a create that was sent
 * is never sent again; a failed poll keeps its cursor and the next poll emits what it missed, once.
 * The outcomes are written to RELIABILITY.md by this suite (see reliabilityReport.ts).
 */
import type { IDataObject } from 'n8n-workflow';
import type { Fault } from '../sandbox/httpKit';
import { PollRunner } from '../harness/pollRunner';
import { haloFixture, HALO_CRED, type HaloFixture } from './haloFixture';
import { highLevelFixture } from './highLevelFixture';
import { ingramFixture } from './ingramFixture';
import { recordCell } from './reliabilityReport';

jest.setTimeout(120_000);

const TRIGGER = 'n8n-nodes-halopsa-marketplace.haloPsaMarketplaceTrigger';
const HL_POLL = 'n8n-nodes-halopsa-marketplace.highLevelPaymentsPollingTrigger';

/** Each fault hits one request (the first page, or page 2 of a paged read). */
const faults: Array<
	[string, Omit<Fault, 'method' | 'path' | 'after'>, 'transient' | 'refused' | 'token']
> = [
	[
		'429 with Retry-After',
		{
			status: 429,
			body: 'Rate Limit Reached - 300 Requests per rolling 5 minute window',
			headers: { 'Retry-After': '0' },
		},
		'refused',
	],
	[
		'429 without Retry-After',
		{ status: 429, body: 'Rate Limit Reached - 300 Requests per rolling 5 minute window' },
		'refused',
	],
	[
		'500',
		{ status: 500, body: 'Object reference not set to an instance of an object.' },
		'transient',
	],
	[
		'502 with an HTML body',
		{
			status: 502,
			body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
		},
		'transient',
	],
	[
		'504 with an HTML body',
		{
			status: 504,
			body: '<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>',
		},
		'transient',
	],
	['connection reset', { reset: true }, 'transient'],
	['truncated JSON', { truncate: true }, 'transient'],
	['401 mid-way (token expired)', { status: 401, body: '' }, 'token'],
	['answer slower than the timeout (1 s)', { delayMs: 2500 }, 'transient'],
];

/** Every cell runs with a 1-second timeout, so "slower than the timeout" takes seconds, not minutes. */
const TIMEOUT = { timeoutSeconds: 1 };

interface Operation {
	name: string;
	/** The request the fault hits. */
	target: Pick<Fault, 'method' | 'path' | 'after'>;
	/** Creates are not safe to repeat after an ambiguous failure. */
	create?: boolean;
	run(
		halo: HaloFixture,
	): Promise<{ ok: boolean; detail: string; error?: Error & { description?: string } }>;
}

const orders = (halo: HaloFixture) => halo.sandbox.records('ecommerceOrder');
const posts = (halo: HaloFixture, path: RegExp) =>
	halo.sandbox.apiRequests().filter((r) => r.method === 'POST' && path.test(r.path)).length;

const operations: Operation[] = [
	{
		name: 'Get Many, Return All (fault on page 2 of 3)',
		target: { method: 'GET', path: /^\/api\/ecommerceorder$/i, after: 1 },
		async run(halo) {
			const { items, error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'getAll',
				returnAll: true,
				listOptions: { pageSize: 10 },
			});
			const ids = new Set(items.map((i) => i.json.id));
			return {
				ok: !error && items.length === 25 && ids.size === 25,
				detail: `${items.length} of 25 records`,
				error,
			};
		},
	},
	{
		name: 'Get',
		target: { method: 'GET', path: /^\/api\/ecommerceorder\/3$/i },
		async run(halo) {
			const { items, error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: 3 },
			});
			return {
				ok: !error && items.length === 1 && items[0].json.id === 3,
				detail: `${items.length} record`,
				error,
			};
		},
	},
	{
		name: 'Update by ID',
		target: { method: 'POST', path: /^\/api\/ecommerceorder$/i },
		async run(halo) {
			const { error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'upsert',
				updateId: 5,
				inputMode: 'fields',
				fields: { thirdpartystatus: 'refunded' },
			});
			return {
				ok: !error && orders(halo).get(5)!.thirdpartystatus === 'refunded',
				detail: `status ${orders(halo).get(5)!.thirdpartystatus}`,
				error,
			};
		},
	},
	{
		name: 'Create',
		create: true,
		target: { method: 'POST', path: /^\/api\/ecommerceorder$/i },
		async run(halo) {
			const { error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'upsert',
				updateId: 0,
				inputMode: 'fields',
				fields: { thirdpartyordernumber: '#FAULT' },
			});
			const created = [...orders(halo).values()].filter(
				(o) => o.thirdpartyordernumber === '#FAULT',
			).length;
			return {
				ok: !error && created === 1,
				detail: `${created} created, ${posts(halo, /ecommerceorder$/i)} POST sent`,
				error,
			};
		},
	},
	{
		name: 'Bulk manage, 12 new records in chunks of 5 (fault on chunk 2)',
		create: true,
		target: { method: 'POST', path: /^\/api\/cspconsumptiondata\/manage$/i, after: 1 },
		async run(halo) {
			const input = Array.from({ length: 12 }, (_, i) => ({
				parentid: 1,
				skuid: `SKU-${i}`,
				quantity: i + 1,
			}));
			const { error } = await halo.run(
				{ resource: 'cspConsumptionData', operation: 'bulkManage', chunkSize: 5 },
				{ input },
			);
			const saved = [...halo.sandbox.records('cspConsumptionData').values()].filter((r) =>
				String(r.skuid).startsWith('SKU-'),
			).length;
			return {
				ok: !error && saved === 12,
				detail: `${saved} of 12 saved, ${posts(halo, /manage$/i)} chunks sent`,
				error,
			};
		},
	},
	{
		name: 'Delete',
		target: { method: 'DELETE', path: /^\/api\/ecommerceorder\/7$/i },
		async run(halo) {
			const { error } = await halo.run({
				resource: 'ecommerceOrder',
				operation: 'delete',
				recordId: { __rl: true, mode: 'id', value: 7 },
			});
			return {
				ok: !error && !orders(halo).has(7),
				detail: orders(halo).has(7) ? 'still there' : 'deleted',
				error,
			};
		},
	},
];

describe.each(faults)('fault: %s', (faultName, fault, kind) => {
	let halo: HaloFixture;
	beforeEach(async () => {
		const fixture = await haloFixture();
		halo = {
			...fixture,
			run: (parameters, extra) => fixture.run({ ...TIMEOUT, ...parameters }, extra),
		};
	});
	afterEach(async () => {
		await halo.stop();
	});

	test.each(operations.map((o) => [o.name, o] as const))('%s', async (_name, operation) => {
		// Warm the token first, so the fault hits the operation's own request.
		await halo.run({
			resource: 'ecommerceOrder',
			operation: 'get',
			recordId: { __rl: true, mode: 'id', value: 1 },
		});
		halo.sandbox.clearLog();
		halo.sandbox.addFault({ ...operation.target, ...fault });
		const outcome = await operation.run(halo);
		const mustStop = operation.create && kind === 'transient';
		if (mustStop) {
			// Sent once, never again, and the error says to check before re-running.
			expect(outcome.error?.message).toBeTruthy();
			expect(outcome.error?.description).toMatch(
				/sent once.*(may have (been )?saved|before sending them again)|may have saved it/is,
			);
			const sent = operation.target.after ? operation.target.after + 1 : 1;
			expect(halo.sandbox.apiRequests().filter((r) => r.method === 'POST')).toHaveLength(sent);
		} else {
			expect({ ok: outcome.ok, error: outcome.error?.message }).toEqual({
				ok: true,
				error: undefined,
			});
		}
		recordCell(
			'Halo node',
			operation.name,
			faultName,
			outcome.error
				? `clear error, not re-sent: ${outcome.error.message} — ${outcome.error.description}`
				: `complete (${outcome.detail}, ${halo.sandbox.apiRequests().length} requests)`,
		);
	});

	test("the trigger's poll", async () => {
		const t = new PollRunner({
			type: TRIGGER,
			parameters: { watch: 'ecommerceOrder', ...TIMEOUT },
			credentials: { [HALO_CRED]: halo.credential },
			store: halo.store,
		});
		await t.poll();
		const saved = t.saved;
		const id = halo.sandbox.nextKey('ecommerceOrder');
		orders(halo).set(id, { ...orders(halo).get(1)!, id });
		halo.sandbox.addFault({ method: 'GET', path: /^\/api\/ecommerceorder$/i, ...fault });
		const first = await t.poll();
		let outcome: string;
		if (first.error) {
			// Failed: the cursor stays, and the next poll emits the missed order once.
			expect(t.saved).toBe(saved);
			const second = await t.poll();
			expect((second.items ?? []).map((i) => (i.order as IDataObject).id)).toEqual([id]);
			outcome = `poll failed with a clear error (${first.error.message}); cursor kept; next poll emitted the order once`;
		} else {
			expect((first.items ?? []).map((i) => (i.order as IDataObject).id)).toEqual([id]);
			outcome = 'complete: the new order emitted once';
		}
		expect((await t.poll()).items).toBeNull();
		recordCell('HaloPSA trigger', 'Poll (orders)', faultName, outcome);
	});

	// The HighLevel polling trigger waits the default 120 s for an answer, so the timeout column is the nodes' alone.
	if (!fault.delayMs)
		test("the HighLevel polling trigger's poll", async () => {
			const hl = await highLevelFixture();
			try {
				const t = new PollRunner({
					type: HL_POLL,
					parameters: { authentication: 'apiKey', watch: 'transaction' },
					credentials: { highLevelPaymentsApi: hl.credentials.privateToken },
					store: hl.store,
				});
				await t.poll();
				const saved = t.saved;
				const payment = hl.sandbox.addTransaction(hl.sandbox.addOrder());
				hl.sandbox.addFault({ path: /^\/payments\/transactions$/, ...fault });
				const first = await t.poll();
				const ids = (items: IDataObject[] | null) =>
					(items ?? []).map((i) => (i.transaction as IDataObject)._id);
				let outcome: string;
				if (first.error) {
					expect(t.saved).toBe(saved);
					expect(ids((await t.poll()).items)).toEqual([payment._id]);
					outcome = `poll failed with a clear error (${first.error.message}); cursor kept; next poll emitted the payment once`;
				} else {
					expect(ids(first.items)).toEqual([payment._id]);
					outcome = 'complete: the new payment emitted once';
				}
				expect((await t.poll()).items).toBeNull();
				recordCell('HighLevel polling trigger', 'Poll (payments)', faultName, outcome);
			} finally {
				await hl.stop();
			}
		});

	test('the same fault on every attempt: a bounded number of tries, then a clear error', async () => {
		halo.sandbox.addFault({
			method: 'GET',
			path: /^\/api\/ecommerceorder\/3$/i,
			...fault,
			headers: { ...(fault.headers ?? {}) },
			times: 100,
		});
		// Rate limits are waited out for at most 2 seconds here (the default is a whole Halo window).
		const { error } = (await halo.run({
			resource: 'ecommerceOrder',
			operation: 'get',
			recordId: { __rl: true, mode: 'id', value: 3 },
			requestOptions: { rateLimitWaitSeconds: 2 },
		})) as { error?: Error & { description?: string } };
		// A dropped connection keeps n8n's own wording in the message; the description names HaloPSA and what to check.
		expect(`${error?.message} ${error?.description}`).toMatch(/HaloPSA/);
		expect(error?.description).toMatch(
			/Try again later|Check the Resource Server URL|Rate Limit Wait \(Seconds\)|Check the credential/,
		);
		const tries = halo.sandbox
			.apiRequests()
			.filter((r) => r.method === 'GET' && /ecommerceorder\/3$/i.test(r.path)).length;
		expect(tries).toBeLessThanOrEqual(kind === 'refused' ? 6 : 3);
		recordCell(
			'Halo node',
			'Get, fault on every attempt',
			faultName,
			`clear error after ${tries} tries: ${error?.message} — ${error?.description}`,
		);
	});
});

/**
 * The same faults against the HighLevel and Ingram Micro nodes: they share the client of
 * nodes/shared/transport/apiClient.ts, Timeout (Seconds) included.
 */
interface ServiceOperation {
	service: 'HighLevel node' | 'Ingram Micro node';
	name: string;
	target: Pick<Fault, 'method' | 'path'>;
	create?: boolean;
	run(): Promise<{ ok: boolean; detail: string; error?: Error & { description?: string } }>;
	posts(): number;
}

describe.each(faults)(
	'fault on the HighLevel and Ingram Micro nodes: %s',
	(faultName, fault, kind) => {
		let hl: Awaited<ReturnType<typeof highLevelFixture>>;
		let im: Awaited<ReturnType<typeof ingramFixture>>;
		beforeEach(async () => {
			const [hlFixture, imFixture] = await Promise.all([highLevelFixture(), ingramFixture()]);
			// The same 1-second timeout as the Halo cells, so "slower than the timeout" takes seconds.
			hl = {
				...hlFixture,
				run: (parameters, extra) => hlFixture.run({ ...TIMEOUT, ...parameters }, extra),
			};
			im = {
				...imFixture,
				run: (parameters, extra) => imFixture.run({ ...TIMEOUT, ...parameters }, extra),
			};
		});
		afterEach(async () => {
			await Promise.all([hl.stop(), im.stop()]);
		});

		const byId = (value: string) => ({ __rl: true, mode: 'id', value });
		const serviceOperations = (): ServiceOperation[] => [
			{
				service: 'HighLevel node',
				name: 'Get Many orders, Return All',
				target: { method: 'GET', path: /^\/payments\/orders$/ },
				async run() {
					const { items, error } = await hl.run({
						resource: 'order',
						operation: 'getAll',
						returnAll: true,
					});
					return {
						ok: !error && items.length === 30,
						detail: `${items.length} of 30 orders`,
						error,
					};
				},
				posts: () => 0,
			},
			{
				service: 'HighLevel node',
				name: 'Get order',
				target: { method: 'GET', path: /^\/payments\/orders\/0d/ },
				async run() {
					const { items, error } = await hl.run({
						resource: 'order',
						operation: 'get',
						orderId: byId(hl.sandbox.orderId(3)),
					});
					return { ok: !error && items.length === 1, detail: `${items.length} order`, error };
				},
				posts: () => 0,
			},
			{
				service: 'HighLevel node',
				name: 'Create fulfillment',
				create: true,
				target: { method: 'POST', path: /\/fulfillments$/ },
				async run() {
					const orderId = hl.sandbox.orderId(2);
					const { error } = await hl.run({
						resource: 'fulfillment',
						operation: 'create',
						orderId: byId(orderId),
						items: { item: [{ priceId: hl.sandbox.priceId(2), qty: 1 }] },
					});
					const created = (hl.sandbox.fulfillments.get(orderId) ?? []).length;
					return { ok: !error && created === 1, detail: `${created} created`, error };
				},
				posts: () => hl.sandbox.paymentsRequests().filter((r) => r.method === 'POST').length,
			},
			{
				service: 'Ingram Micro node',
				name: 'Get Many customers, Return All',
				target: { method: 'GET', path: /\/customers$/ },
				async run() {
					const { items, error } = await im.run({
						resource: 'customer',
						operation: 'getAll',
						returnAll: true,
					});
					return {
						ok: !error && items.length === 12,
						detail: `${items.length} of 12 customers`,
						error,
					};
				},
				posts: () => 0,
			},
			{
				service: 'Ingram Micro node',
				name: 'Get customer',
				target: { method: 'GET', path: /\/customers\/CUS-1003$/ },
				async run() {
					const { items, error } = await im.run({
						resource: 'customer',
						operation: 'get',
						customerId: byId('CUS-1003'),
					});
					return { ok: !error && items.length === 1, detail: `${items.length} customer`, error };
				},
				posts: () => 0,
			},
			{
				service: 'Ingram Micro node',
				name: 'Create order',
				create: true,
				target: { method: 'POST', path: /\/orders$/ },
				async run() {
					const before = im.sandbox.orders.size;
					const { error } = await im.run({
						resource: 'order',
						operation: 'create',
						customerId: byId('CUS-1005'),
						orderType: 'sales',
						products: {
							product: [
								{
									mpn: 'DROPBOX-BIZ-STD',
									quantity: 1,
									productFamily: 'dropbox',
									email1: 'team@x.example',
									email1Name: 'teamAdmin',
								},
							],
						},
					});
					const created = im.sandbox.orders.size - before;
					return { ok: !error && created === 1, detail: `${created} created`, error };
				},
				posts: () =>
					im.sandbox.apiRequests().filter((r) => r.method === 'POST' && /\/orders$/.test(r.path))
						.length,
			},
		];

		test.each([
			'Get Many orders, Return All',
			'Get order',
			'Create fulfillment',
			'Get Many customers, Return All',
			'Get customer',
			'Create order',
		])('%s', async (name) => {
			const operation = serviceOperations().find((o) => o.name === name)!;
			// Warm the token first, so the fault hits the operation's own request.
			if (operation.service === 'HighLevel node')
				await hl.run({ resource: 'order', operation: 'get', orderId: byId(hl.sandbox.orderId(1)) });
			else await im.run({ resource: 'customer', operation: 'get', customerId: byId('CUS-1001') });
			hl.sandbox.clearLog();
			im.sandbox.clearLog();
			const sandbox = operation.service === 'HighLevel node' ? hl.sandbox : im.sandbox;
			sandbox.addFault({ ...operation.target, ...fault });
			const outcome = await operation.run();
			if (operation.create && kind === 'transient') {
				expect(outcome.error?.message).toBeTruthy();
				expect(outcome.error?.description).toMatch(/sent once and not again|was NOT sent again/);
				expect(operation.posts()).toBe(1);
			} else {
				expect({ ok: outcome.ok, error: outcome.error?.message }).toEqual({
					ok: true,
					error: undefined,
				});
			}
			recordCell(
				operation.service,
				operation.name,
				faultName,
				outcome.error
					? `clear error, not re-sent: ${outcome.error.message} — ${outcome.error.description}`
					: `complete (${outcome.detail})`,
			);
		});
	},
);
