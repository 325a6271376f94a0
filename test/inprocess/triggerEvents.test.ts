/**
 * Every event of the triggers where a user looks for it, and trigger version 1.1 run for real: one
 * Events parameter across everything the trigger watches, each watch polled through n8n-core's
 * PollContext against the sandboxes, each with its own stored state.
 */
import type { IDataObject, INodeTypeDescription } from 'n8n-workflow';
import { HaloPsaMarketplaceTrigger } from '../../nodes/HaloPsaMarketplaceTrigger/HaloPsaMarketplaceTrigger.node';
import { HighLevelPaymentsPollingTrigger } from '../../nodes/HighLevelPaymentsPollingTrigger/HighLevelPaymentsPollingTrigger.node';
import { HighLevelPaymentsTrigger } from '../../nodes/HighLevelPaymentsTrigger/HighLevelPaymentsTrigger.node';
import { PollRunner } from '../harness/pollRunner';
import { shownParameters } from '../harness/shownParameters';
import { haloFixture, HALO_CRED, type HaloFixture } from './haloFixture';
import { highLevelFixture, type HighLevelFixture } from './highLevelFixture';

const HALO_EVENTS = [
	'order.created',
	'order.updated',
	'order.fulfillmentChanged',
	'invoice.created',
	'invoice.paymentChanged',
	'integration.syncFailed',
	'integration.syncRecovered',
];
const HIGHLEVEL_EVENTS = [
	'order.created',
	'order.statusChanged',
	'fulfillment.created',
	'fulfillment.trackingAdded',
	'payment.received',
	'payment.refunded',
	'payment.statusChanged',
	'subscription.created',
	'subscription.statusChanged',
];

/**
 * What n8n 2.41's node creator lists for a trigger (its editor's actions generation): the options
 * of the first property whose display name is Event, Events or Trigger On, each setting that
 * property to itself when picked.
 */
function creatorActions(description: INodeTypeDescription) {
	const property = description.properties.find((p) =>
		['event', 'events', 'trigger on'].includes(p.displayName.toLowerCase()),
	);
	return ((property?.options ?? []) as Array<{ name: string; value: string }>).map((o) => ({
		name: o.name,
		values: { [property!.name]: property!.type === 'multiOptions' ? [o.value] : o.value },
	}));
}

describe("n8n's node creator lists every event of each trigger", () => {
	test.each([
		['HaloPSA Marketplace Trigger', new HaloPsaMarketplaceTrigger().description, HALO_EVENTS],
		[
			'HighLevel Payments Polling Trigger',
			new HighLevelPaymentsPollingTrigger().description,
			HIGHLEVEL_EVENTS,
		],
		[
			'HighLevel Payments Trigger',
			new HighLevelPaymentsTrigger().description,
			[
				'OrderCreate',
				'OrderStatusUpdate',
				'InvoiceCreate',
				'InvoiceUpdate',
				'InvoiceSent',
				'InvoicePaid',
				'InvoicePartiallyPaid',
				'InvoiceVoid',
				'InvoiceDelete',
			],
		],
	])('%s', (_name, description, events) => {
		const actions = creatorActions(description);
		expect(
			actions
				.map((a) => Object.values(a.values)[0])
				.flat()
				.sort(),
		).toEqual([...events].sort());
		// Picking one in the creator gives a node of the default version showing that parameter.
		const version = description.defaultVersion ?? (description.version as number);
		const [first] = actions;
		expect(shownParameters(description, version, first.values)).toContain(
			Object.keys(first.values)[0],
		);
		// The names tell the events apart in one list.
		expect(new Set(actions.map((a) => a.name)).size).toBe(actions.length);
	});

	test("1.1 shows a watch's own parameters when one of its events is picked (and no version 1 parameter); version 1 keeps Watch and its Events", () => {
		const halo = new HaloPsaMarketplaceTrigger().description;
		expect(shownParameters(halo, 1.1, { events: ['invoice.created'] })).toEqual([
			'events',
			'window',
			'invoiceFilters',
			'simplify',
			'timeoutSeconds',
		]);
		expect(shownParameters(halo, 1.1, { events: ['integration.syncFailed'] })).toEqual([
			'events',
			'integrations',
			'staleAfterHours',
			'timeoutSeconds',
		]);
		expect(
			shownParameters(halo, 1.1, { events: ['order.created', 'integration.syncRecovered'] }),
		).toEqual([
			'events',
			'integrations',
			'staleAfterHours',
			'window',
			'orderFilters',
			'simplify',
			'timeoutSeconds',
		]);
		const highLevel = new HighLevelPaymentsPollingTrigger().description;
		expect(shownParameters(highLevel, 1.1, { events: ['payment.refunded'] })).toEqual([
			'authentication',
			'events',
			'window',
			'simplify',
			'locationId',
		]);
		expect(shownParameters(halo, 1, { watch: 'cspInvoice' })).toEqual([
			'watch',
			'cspInvoiceEvents',
			'window',
			'invoiceFilters',
			'simplify',
			'timeoutSeconds',
		]);
		expect(shownParameters(highLevel, 1, { watch: 'transaction' })).toEqual([
			'authentication',
			'watch',
			'transactionEvents',
			'window',
			'simplify',
			'locationId',
		]);
		expect(shownParameters(halo, 1.1, {})).not.toContain('watch');
	});
});

describe('HaloPSA trigger 1.1: orders, CSP invoices and integration health in one trigger', () => {
	let halo: HaloFixture;
	beforeEach(async () => {
		halo = await haloFixture();
	});
	afterEach(async () => {
		await halo.stop();
	});

	const trigger = (parameters: IDataObject) =>
		new PollRunner({
			type: 'n8n-nodes-halopsa-marketplace.haloPsaMarketplaceTrigger',
			parameters,
			credentials: { [HALO_CRED]: halo.credential },
			store: halo.store,
			typeVersion: 1.1,
		});

	function addOrder() {
		const orders = halo.sandbox.records('ecommerceOrder');
		const id = halo.sandbox.nextKey('ecommerceOrder');
		orders.set(id, { ...orders.get(1)!, id, thirdpartystatus: 'paid', linked_tickets: [] });
		return id;
	}
	function addInvoice() {
		const invoices = halo.sandbox.records('cspInvoice');
		const haloid = halo.sandbox.nextKey('cspInvoice');
		invoices.set(haloid, { ...invoices.get(1)!, haloid, paidamount: 0 });
		return haloid;
	}
	const summary = (items: IDataObject[] | null) =>
		(items ?? []).map((i) => {
			const order = i.order as IDataObject | undefined;
			const invoice = i.invoice as IDataObject | undefined;
			return `${i.event}#${order?.id ?? invoice?.haloid ?? i.recordId}`;
		});

	test('each watch keeps its own cursor; changes of every kind come from one poll; only the events picked', async () => {
		const pax8 = halo.sandbox.records('pax8Details').get(2)!;
		Object.assign(pax8, {
			integrator_enabled: true,
			integrator_last_sync: new Date().toISOString(),
			integrator_last_sync_error: '',
		});
		const t = trigger({
			events: ['order.created', 'invoice.created', 'integration.syncFailed'],
			integrations: ['pax8Details'],
		});
		expect((await t.poll()).items).toBeNull();
		const watches = t.nodeStaticData().watches as IDataObject;
		expect(Object.keys(watches)).toEqual(['ecommerceOrder', 'cspInvoice', 'integrationHealth']);
		expect(t.nodeStaticData().cursor).toBeUndefined();

		const order = addOrder();
		const invoice = addInvoice();
		pax8.integrator_last_sync_error = 'Pax8 refused the token';
		Object.assign(halo.sandbox.records('ecommerceOrder').get(3)!, { thirdpartystatus: 'x' });
		const result = await t.poll();
		expect(summary(result.items)).toEqual([
			`order.created#${order}`,
			`invoice.created#${invoice}`,
			'integration.syncFailed#2',
		]);
		expect((await t.poll()).items).toBeNull();

		// Invoice events dropped: the invoice cursor goes; picked again, it starts from the present.
		t.setParameters({ events: ['order.created', 'integration.syncFailed'] });
		addInvoice();
		expect((await t.poll()).items).toBeNull();
		expect(Object.keys(t.nodeStaticData().watches as IDataObject)).toEqual([
			'ecommerceOrder',
			'integrationHealth',
		]);
		t.setParameters({ events: ['invoice.created'] });
		expect((await t.poll()).items).toBeNull();
		const later = addInvoice();
		expect(summary((await t.poll()).items)).toEqual([`invoice.created#${later}`]);
	});

	test('a failure reading one watch keeps every cursor: the next poll emits each change once', async () => {
		const t = trigger({ events: ['order.created', 'invoice.created'] });
		await t.poll();
		const saved = t.saved;
		const order = addOrder();
		const invoice = addInvoice();
		halo.sandbox.addFault({
			method: 'GET',
			path: /^\/api\/CSPInvoice$/i,
			times: 3,
			status: 503,
			body: 'unavailable',
		});
		const failed = await t.poll();
		expect(failed.error?.message).toMatch(/HTTP 503/);
		expect(t.saved).toBe(saved);
		expect(summary((await t.poll()).items)).toEqual([
			`order.created#${order}`,
			`invoice.created#${invoice}`,
		]);
	});

	test('a manual test shows an example of each kind picked and saves nothing', async () => {
		const t = trigger({ events: ['order.updated', 'invoice.paymentChanged'] });
		const manual = await t.poll('manual');
		expect(manual.items?.map((i) => [i.event, i.example])).toEqual([
			['order.updated', true],
			['invoice.paymentChanged', true],
		]);
		expect(t.saved).toBe('{}');
	});

	test('no event picked, or none the trigger knows: an error that says what to do, and no request', async () => {
		const none = await trigger({ events: [] }).poll();
		expect(none.error?.message).toBe('No event is selected in "Events"');
		const unknown = await trigger({ events: ['order.deleted'] }).poll();
		expect(unknown.error?.message).toBe('Unknown event in "Events": order.deleted');
		expect(halo.sandbox.apiRequests()).toHaveLength(0);
	});
});

describe('HighLevel polling trigger 1.1: payments, orders and fulfillments in one trigger', () => {
	let hl: HighLevelFixture;
	beforeEach(async () => {
		hl = await highLevelFixture();
	});
	afterEach(async () => {
		await hl.stop();
	});

	test('each watch polled with its own cursor, the events picked only', async () => {
		const t = new PollRunner({
			type: 'n8n-nodes-halopsa-marketplace.highLevelPaymentsPollingTrigger',
			parameters: {
				authentication: 'apiKey',
				events: ['order.created', 'payment.received', 'subscription.statusChanged'],
			},
			credentials: { highLevelPaymentsApi: hl.credentials.privateToken },
			store: hl.store,
			typeVersion: 1.1,
		});
		expect((await t.poll()).items).toBeNull();
		expect(Object.keys(t.nodeStaticData().watches as IDataObject)).toEqual([
			'order',
			'transaction',
			'subscription',
		]);
		const order = hl.sandbox.addOrder();
		const payment = hl.sandbox.addTransaction(order);
		const result = await t.poll();
		expect(
			result.items?.map(
				(i) => `${i.event}#${((i.order ?? i.transaction) as IDataObject)._id as string}`,
			),
		).toEqual([`order.created#${order._id}`, `payment.received#${payment._id}`]);
		expect((await t.poll()).items).toBeNull();
	});
});
