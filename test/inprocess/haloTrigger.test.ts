/**
 * The HaloPSA trigger's polls, run by n8n-core's PollContext against the Halo sandbox over HTTP.
 * Every poll starts from the static data as saved after the previous successful poll (as after a
 * restart), so these sequences also prove nothing is kept in memory.
 */
import type { IDataObject } from 'n8n-workflow';
import { syncedIntegrations } from '../../nodes/HaloPsaMarketplaceTrigger/integrationHealth';
import { PollRunner } from '../harness/pollRunner';
import { haloFixture, HALO_CRED, type HaloFixture } from './haloFixture';

const TRIGGER = 'n8n-nodes-halopsa-marketplace.haloPsaMarketplaceTrigger';

let halo: HaloFixture;

function trigger(parameters: IDataObject) {
	return new PollRunner({
		type: TRIGGER,
		parameters,
		credentials: { [HALO_CRED]: halo.credential },
		store: halo.store,
	});
}

const orders = () => halo.sandbox.records('ecommerceOrder');

function addOrder(fields: IDataObject = {}) {
	const id = halo.sandbox.nextKey('ecommerceOrder');
	const record = {
		...orders().get(1)!,
		id,
		thirdpartyordernumber: `#${1000 + id}`,
		thirdpartystatus: 'paid',
		thirdpartystatus2: 'unfulfilled',
		ticket_id: 0,
		linked_tickets: [],
		...fields,
	};
	orders().set(id, record);
	return id;
}

const keyOf = (item: IDataObject) =>
	(item.order as IDataObject | undefined)?.id ??
	(item.invoice as IDataObject | undefined)?.haloid ??
	item.recordId;
const events = (items: IDataObject[] | null) => (items ?? []).map((i) => `${i.event}#${keyOf(i)}`);

beforeEach(async () => {
	halo = await haloFixture();
});
afterEach(async () => {
	await halo.stop();
});

describe('e-commerce orders', () => {
	test('first activation records the present and emits nothing; a quiet poll is one request and small state', async () => {
		const t = trigger({ watch: 'ecommerceOrder' });
		const first = await t.poll();
		expect(first.error).toBeUndefined();
		expect(first.items).toBeNull();
		const cursor = t.nodeStaticData().cursor as IDataObject;
		expect(cursor.mark).toBe(25);
		expect(Object.keys(cursor.seen as IDataObject)).toHaveLength(25);
		halo.sandbox.clearLog();
		expect((await t.poll()).items).toBeNull();
		const requests = halo.sandbox.apiRequests();
		expect(requests).toHaveLength(1);
		expect(requests[0].query).toMatchObject({
			order: 'id',
			orderdesc: 'true',
			pageinate: 'true',
			page_size: '250',
			page_no: '1',
		});
	});

	test('manual test returns the newest order as an example and saves nothing', async () => {
		const t = trigger({ watch: 'ecommerceOrder' });
		const manual = await t.poll('manual');
		expect(manual.items).toHaveLength(1);
		expect(manual.items![0]).toMatchObject({
			event: 'order.created',
			example: true,
			order: { id: 25, thirdpartyordernumber: '#1025' },
		});
		expect(t.saved).toBe('{}');
	});

	test('new orders sharing one creation time are each emitted once, oldest first', async () => {
		const t = trigger({ watch: 'ecommerceOrder' });
		await t.poll();
		const stamp = '2026-11-22T10:00:00Z';
		const ids = [
			addOrder({ thirdpartycreateddate: stamp }),
			addOrder({ thirdpartycreateddate: stamp }),
			addOrder({ thirdpartycreateddate: stamp }),
		];
		const second = await t.poll();
		expect(events(second.items)).toEqual(ids.map((id) => `order.created#${id}`));
		expect(second.items![0].order).toMatchObject({ id: ids[0], thirdpartycreateddate: stamp });
		expect((await t.poll()).items).toBeNull();
	});

	test('status, secondary status and ticket link changes say which fields changed, with old and new values', async () => {
		const t = trigger({ watch: 'ecommerceOrder' });
		await t.poll();
		Object.assign(orders().get(20)!, { thirdpartystatus: 'refunded' });
		let result = await t.poll();
		expect(result.items).toEqual([
			expect.objectContaining({
				event: 'order.updated',
				changedFields: ['thirdpartystatus'],
				changes: { thirdpartystatus: { old: 'paid', new: 'refunded' } },
			}),
		]);
		// Linking a ticket through the action node's own operation.
		const linked = await halo.run({
			resource: 'ecommerceOrder',
			operation: 'linkToTicket',
			recordId: { __rl: true, mode: 'id', value: '21' },
			ticketId: 777,
		});
		expect(linked.error).toBeUndefined();
		result = await t.poll();
		expect(result.items).toHaveLength(1);
		expect(result.items![0]).toMatchObject({
			event: 'order.updated',
			changedFields: ['ticket_id', 'linked_tickets'],
			changes: { ticket_id: { old: 0, new: 777 }, linked_tickets: { old: '', new: '777' } },
			order: { id: 21 },
		});
		expect((await t.poll()).items).toBeNull();
	});

	test('a fulfillment with tracking numbers inside the order JSON is a fulfillment change; a secondary status change is both events', async () => {
		const t = trigger({ watch: 'ecommerceOrder' });
		await t.poll();
		orders().get(22)!.jsonobj = JSON.stringify({
			id: 5022,
			fulfillments: [
				{ status: 'success', tracking_company: 'UPS', tracking_numbers: ['1Z999', '1Z998'] },
			],
		});
		let result = await t.poll();
		expect(result.items).toHaveLength(1);
		expect(result.items![0]).toMatchObject({
			event: 'order.fulfillmentChanged',
			changedFields: ['fulfillment', 'tracking_numbers'],
			changes: { tracking_numbers: { old: '', new: '1Z998,1Z999' } },
			fulfillment: { status: 'unfulfilled', trackingNumbers: ['1Z998', '1Z999'] },
		});
		orders().get(22)!.thirdpartystatus2 = 'fulfilled';
		result = await t.poll();
		expect(events(result.items)).toEqual(['order.updated#22', 'order.fulfillmentChanged#22']);
		expect(result.items![1].changes).toEqual({
			thirdpartystatus2: { old: 'unfulfilled', new: 'fulfilled' },
		});
	});

	test('only the selected events are emitted, and filters by integration, shop and status apply', async () => {
		const t = trigger({
			watch: 'ecommerceOrder',
			ecommerceOrderEvents: ['order.created'],
			orderFilters: { shopNames: 'ACME-SHOP', statuses: 'paid, pending' },
		});
		await t.poll();
		Object.assign(orders().get(25)!, { thirdpartystatus: 'pending' });
		const shop = addOrder({ shop_name: 'acme-shop', thirdpartystatus: 'pending' });
		addOrder({ shop_name: 'acme-amazon' });
		addOrder({ shop_name: 'acme-shop', thirdpartystatus: 'cancelled' });
		const result = await t.poll();
		expect(events(result.items)).toEqual([`order.created#${shop}`]);
		t.setParameters({
			ecommerceOrderEvents: ['order.updated'],
			orderFilters: { integrationNames: 'amazon seller' },
		});
		Object.assign(orders().get(24)!, { thirdpartystatus: 'shipped' });
		Object.assign(orders().get(23)!, { thirdpartystatus: 'shipped' });
		expect(events((await t.poll()).items)).toEqual(['order.updated#24']);
	});

	test('a failed poll leaves the cursor where it was: the next poll emits the change once', async () => {
		const t = trigger({ watch: 'ecommerceOrder' });
		await t.poll();
		const saved = t.saved;
		const id = addOrder();
		Object.assign(orders().get(3)!, { thirdpartystatus: 'refunded' });
		halo.sandbox.addFault({
			method: 'GET',
			path: /^\/api\/EcommerceOrder$/i,
			times: 3,
			status: 503,
			body: '<html><body>Service Unavailable</body></html>',
		});
		const failed = await t.poll();
		expect(failed.error?.message).toMatch(/HaloPSA had an internal error \(HTTP 503\)/);
		expect(t.saved).toBe(saved);
		const recovered = await t.poll();
		expect(events(recovered.items).sort()).toEqual(
			[`order.created#${id}`].concat(['order.updated#3']).sort(),
		);
		expect((await t.poll()).items).toBeNull();
	});

	test('more new orders than one page: every one is emitted once', async () => {
		const t = trigger({ watch: 'ecommerceOrder', window: 5 });
		await t.poll();
		const ids = Array.from({ length: 12 }, () => addOrder());
		halo.sandbox.clearLog();
		const result = await t.poll();
		expect(events(result.items)).toEqual(ids.map((id) => `order.created#${id}`));
		expect(halo.sandbox.apiRequests()).toHaveLength(3);
		expect(
			Object.keys((t.nodeStaticData().cursor as IDataObject).seen as IDataObject),
		).toHaveLength(5);
	});

	test('deleted orders neither make an older one look new nor hide the next new one', async () => {
		const t = trigger({ watch: 'ecommerceOrder', window: 5 });
		await t.poll();
		orders().delete(25);
		orders().delete(24);
		expect((await t.poll()).items).toBeNull();
		const id = addOrder();
		expect(id).toBe(26);
		expect(events((await t.poll()).items)).toEqual(['order.created#26']);
	});
});

describe('the stored state stays small with many orders', () => {
	test('2,000 orders: a quiet poll is one request and keeps only the window', async () => {
		await halo.stop();
		halo = await haloFixture({ seedCounts: { ecommerceOrder: 2000 } });
		const t = trigger({ watch: 'ecommerceOrder' });
		await t.poll();
		halo.sandbox.clearLog();
		expect((await t.poll()).items).toBeNull();
		expect(halo.sandbox.apiRequests()).toHaveLength(1);
		expect(t.saved.length).toBeLessThan(20_000);
	});

	test('a Halo that ignores the sort order is read whole and still gives the right events', async () => {
		await halo.stop();
		halo = await haloFixture({ honoursOrder: false, listShape: 'bare' });
		const t = trigger({ watch: 'ecommerceOrder', window: 10 });
		await t.poll();
		const id = addOrder();
		Object.assign(orders().get(24)!, { thirdpartystatus: 'refunded' });
		Object.assign(orders().get(2)!, { thirdpartystatus: 'refunded' }); // outside the window: not watched
		expect(events((await t.poll()).items)).toEqual(['order.updated#24', `order.created#${id}`]);
	});
});

describe('CSP invoices', () => {
	test('a new invoice, then a payment and billing change', async () => {
		const t = trigger({ watch: 'cspInvoice' });
		expect((await t.poll()).items).toBeNull();
		const invoices = halo.sandbox.records('cspInvoice');
		invoices.set(6, {
			...invoices.get(5)!,
			haloid: 6,
			id: 'G001006',
			paidamount: 0,
			isbilled: false,
			isfullybilled: false,
		});
		let result = await t.poll();
		expect(result.items).toEqual([
			expect.objectContaining({
				event: 'invoice.created',
				invoice: expect.objectContaining({ haloid: 6, id: 'G001006' }),
			}),
		]);
		Object.assign(invoices.get(6)!, { paidamount: 120.5, isbilled: true });
		result = await t.poll();
		expect(result.items).toEqual([
			expect.objectContaining({
				event: 'invoice.paymentChanged',
				changedFields: ['paidamount', 'isbilled'],
				changes: { paidamount: { old: 0, new: 120.5 }, isbilled: { old: false, new: true } },
			}),
		]);
		expect((await t.poll()).items).toBeNull();
	});

	test('client filter', async () => {
		const t = trigger({ watch: 'cspInvoice', invoiceFilters: { clientId: 99 } });
		await t.poll();
		const invoices = halo.sandbox.records('cspInvoice');
		invoices.set(6, { ...invoices.get(5)!, haloid: 6, client_id: 98 });
		invoices.set(7, { ...invoices.get(5)!, haloid: 7, client_id: 99 });
		expect(events((await t.poll()).items)).toEqual(['invoice.created#7']);
	});
});

describe('integration health', () => {
	const recent = () => new Date(Date.now() - 3_600_000).toISOString();

	function healthy() {
		// Every integration enabled, synced an hour ago, without error (the seeds disable every other one).
		for (const resource of syncedIntegrations) {
			const sync = resource.sync!;
			for (const record of halo.sandbox.records(resource.value).values()) {
				Object.assign(record, { [sync.enabled]: true, [sync.lastSync]: recent() });
				if (sync.lastError) record[sync.lastError] = '';
			}
		}
	}

	test('a new sync error is emitted once, a changed error again, and recovery once', async () => {
		healthy();
		const t = trigger({ watch: 'integrationHealth' });
		expect((await t.poll()).items).toBeNull();
		const pax8 = halo.sandbox.records('pax8Details').get(2)!;
		pax8.integrator_last_sync_error = 'Pax8 refused the token: invalid_grant';
		let result = await t.poll();
		expect(result.items).toEqual([
			expect.objectContaining({
				event: 'integration.syncFailed',
				integration: 'Pax8 Integration',
				resource: 'pax8Details',
				recordId: 2,
				reason: 'error',
				lastError: 'Pax8 refused the token: invalid_grant',
				previousError: null,
			}),
		]);
		expect((await t.poll()).items).toBeNull();
		pax8.integrator_last_sync_error = 'Pax8 API 500';
		result = await t.poll();
		expect(result.items).toEqual([
			expect.objectContaining({
				event: 'integration.syncFailed',
				lastError: 'Pax8 API 500',
				previousError: 'Pax8 refused the token: invalid_grant',
			}),
		]);
		pax8.integrator_last_sync_error = '';
		result = await t.poll();
		expect(result.items).toEqual([
			expect.objectContaining({
				event: 'integration.syncRecovered',
				recordId: 2,
				reason: null,
				previousError: 'Pax8 API 500',
			}),
		]);
		expect((await t.poll()).items).toBeNull();
	});

	test('an overdue sync fails after the threshold, only for chosen integrations; disabled ones are ignored', async () => {
		healthy();
		const t = trigger({
			watch: 'integrationHealth',
			integrations: ['synnexDetails', 'dattoCommerceDetails'],
			staleAfterHours: 6,
		});
		await t.poll();
		halo.sandbox.records('synnexDetails').get(1)!.halointegrator_lastsync = new Date(
			Date.now() - 7 * 3_600_000,
		).toISOString();
		halo.sandbox.records('pax8Details').get(1)!.integrator_last_sync_error = 'not watched';
		Object.assign(halo.sandbox.records('dattoCommerceDetails').get(1)!, {
			halointegratorenabled: false,
			halointegrator_lasterror: 'disabled',
		});
		const result = await t.poll();
		expect(result.items).toEqual([
			expect.objectContaining({
				event: 'integration.syncFailed',
				resource: 'synnexDetails',
				recordId: 1,
				reason: 'stale',
				overdue: true,
			}),
		]);
		halo.sandbox.records('synnexDetails').get(1)!.halointegrator_lastsync = recent();
		expect((await t.poll()).items).toEqual([
			expect.objectContaining({ event: 'integration.syncRecovered', resource: 'synnexDetails' }),
		]);
	});

	test('manual test shows the failing integrations as examples', async () => {
		healthy();
		halo.sandbox.records('arrowSphereDetails').get(3)!.halo_integrator_error =
			'Arrow: subscription not found';
		const manual = await trigger({ watch: 'integrationHealth' }).poll('manual');
		expect(manual.items).toEqual([
			expect.objectContaining({
				event: 'integration.syncFailed',
				integration: 'Arrow Sphere Integration',
				example: true,
				lastError: 'Arrow: subscription not found',
			}),
		]);
	});
});

describe('bad parameters', () => {
	test.each([
		[
			{ watch: 'ecommerceOrder', window: 0 },
			/Records to Compare must be a whole number from 1 to 5000, got 0/,
		],
		[{ watch: 'cspInvoice', cspInvoiceEvents: [] }, /No event is selected in "Events"/],
		[
			{ watch: 'integrationHealth', staleAfterHours: -1 },
			/Overdue After \(Hours\) must be 0 or more/,
		],
	])('%j', async (parameters, message) => {
		const t = trigger(parameters);
		const result = await t.poll();
		expect(result.error?.message).toMatch(message);
		expect(halo.sandbox.apiRequests()).toHaveLength(0);
		expect(t.saved).toBe('{}');
	});
});
