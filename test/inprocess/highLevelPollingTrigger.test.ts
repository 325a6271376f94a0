/** The HighLevel polling trigger through n8n-core's PollContext against the HighLevel sandbox (every poll starts from saved static data). */
import type { IDataObject } from 'n8n-workflow';
import { PollRunner } from '../harness/pollRunner';
import { highLevelFixture, type HighLevelFixture } from './highLevelFixture';

const TYPE = 'n8n-nodes-halopsa-marketplace.highLevelPaymentsPollingTrigger';
let hl: HighLevelFixture;

beforeEach(async () => {
	hl = await highLevelFixture();
});
afterEach(async () => {
	await hl.stop();
});

function trigger(parameters: IDataObject, auth: 'code' | 'privateToken' = 'privateToken') {
	const credentials: Record<string, { id: string; name: string }> =
		auth === 'privateToken'
			? { highLevelPaymentsApi: hl.credentials.privateToken }
			: { highLevelPaymentsOAuth2Api: hl.credentials.code };
	return new PollRunner({
		type: TYPE,
		parameters: { authentication: auth === 'privateToken' ? 'apiKey' : 'oAuth2', ...parameters },
		credentials,
		store: hl.store,
	});
}

const events = (items: IDataObject[] | null) =>
	(items ?? []).map(
		(i) => `${i.event}#${((i.order ?? i.transaction ?? i.subscription) as IDataObject)._id}`,
	);

describe('payments (transactions)', () => {
	test('first poll records the present; new payments once each, oldest first, also when they share a timestamp; refunds when the refunded amount grows', async () => {
		const t = trigger({ watch: 'transaction' });
		expect((await t.poll()).items).toBeNull();
		hl.sandbox.clearLog();
		expect((await t.poll()).items).toBeNull();
		expect(hl.sandbox.paymentsRequests()).toHaveLength(1);
		const order = hl.sandbox.addOrder();
		const at = new Date().toISOString();
		const a = hl.sandbox.addTransaction(order, { createdAt: at });
		const b = hl.sandbox.addTransaction(order, { createdAt: at });
		const result = await t.poll();
		expect(new Set(events(result.items))).toEqual(
			new Set([`payment.received#${a._id}`, `payment.received#${b._id}`]),
		);
		expect((await t.poll()).items).toBeNull();
		hl.sandbox.refund(a._id, 25);
		const refunded = await t.poll();
		expect(refunded.items).toEqual([
			expect.objectContaining({
				event: 'payment.refunded',
				changes: { amountRefunded: { old: 0, new: 25 } },
			}),
		]);
		expect((await t.poll()).items).toBeNull();
	});

	test('more new payments than the window: every one once', async () => {
		const t = trigger({ watch: 'transaction', window: 3 });
		await t.poll();
		const order = hl.sandbox.addOrder();
		const added = Array.from({ length: 8 }, (_, i) =>
			hl.sandbox.addTransaction(order, {
				createdAt: new Date(Date.now() + i * 1000).toISOString(),
			}),
		);
		const result = await t.poll();
		expect(events(result.items)).toEqual(added.map((x) => `payment.received#${x._id}`));
		expect((await t.poll()).items).toBeNull();
	});

	test('a failed poll leaves the cursor: the next poll emits the payment once', async () => {
		const t = trigger({ watch: 'transaction' });
		await t.poll();
		const saved = t.saved;
		const x = hl.sandbox.addTransaction(hl.sandbox.addOrder());
		hl.sandbox.addFault({
			path: /^\/payments\/transactions$/,
			times: 3,
			status: 502,
			body: '<html>Bad gateway</html>',
		});
		const failed = await t.poll();
		expect(failed.error?.message).toMatch(/HighLevel had an internal error \(HTTP 502\)/);
		expect(t.saved).toBe(saved);
		expect(events((await t.poll()).items)).toEqual([`payment.received#${x._id}`]);
	});
});

describe('orders and subscriptions', () => {
	test('order created and status changed (private token: no webhooks)', async () => {
		const t = trigger({ watch: 'order' });
		await t.poll();
		const order = hl.sandbox.addOrder({ status: 'pending', paymentStatus: 'unpaid' });
		expect(events((await t.poll()).items)).toEqual([`order.created#${order._id}`]);
		hl.sandbox.updateOrder(order._id, { status: 'completed', paymentStatus: 'paid' });
		// HighLevel's documented list rows carry no payment status: the trigger read the new order, and reads it again now.
		const changed = await t.poll();
		expect(changed.items).toEqual([
			expect.objectContaining({
				event: 'order.statusChanged',
				changes: {
					status: { old: 'pending', new: 'completed' },
					paymentStatus: { old: 'unpaid', new: 'paid' },
				},
				order: expect.objectContaining({ _id: order._id, contactName: expect.any(String) }),
			}),
		]);
	});

	test("a payment status change alone is an event, seen through the order list's paymentStatus filter, never an order Get", async () => {
		const t = trigger({ watch: 'order', orderEvents: ['order.statusChanged'] });
		await t.poll();
		const order = hl.sandbox.addOrder({ status: 'pending', paymentStatus: 'unpaid' });
		expect((await t.poll()).items).toBeNull();
		// The change does not move the order's update time: only the filtered lists can show it.
		hl.sandbox.orders.get(order._id)!.paymentStatus = 'paid';
		hl.sandbox.clearLog();
		const paid = await t.poll();
		expect(paid.items).toEqual([
			expect.objectContaining({
				event: 'order.statusChanged',
				changedFields: ['paymentStatus'],
				changes: { paymentStatus: { old: 'unpaid', new: 'paid' } },
				order: expect.objectContaining({ _id: order._id, paymentStatus: 'paid' }),
			}),
		]);
		const reads = hl.sandbox.paymentsRequests();
		expect(reads.every((r) => r.path === '/payments/orders')).toBe(true);
		expect(reads.map((r) => r.query.paymentStatus).filter(Boolean)).toEqual(
			expect.arrayContaining(['paid']),
		);
		expect((await t.poll()).items).toBeNull();
	});

	test('25 payment changes in one poll: each reported once, from one page of each filtered list', async () => {
		const t = trigger({ watch: 'order', orderEvents: ['order.statusChanged'] });
		await t.poll();
		const orders = Array.from({ length: 25 }, (_, i) =>
			hl.sandbox.addOrder({
				paymentStatus: 'unpaid',
				createdAt: new Date(Date.now() + i * 1000).toISOString(),
			}),
		);
		await t.poll();
		for (const order of orders) hl.sandbox.updateOrder(order._id, { paymentStatus: 'paid' });
		hl.sandbox.clearLog();
		const changed = ((await t.poll()).items ?? []).map((i) => (i.order as IDataObject)._id);
		expect(new Set(changed)).toEqual(new Set(orders.map((o) => o._id)));
		expect(changed).toHaveLength(25);
		expect(hl.sandbox.paymentsRequests().length).toBeLessThanOrEqual(5);
		expect((await t.poll()).items).toBeNull();
	});

	test('an order present before the trigger started: its first payment change is an event', async () => {
		const t = trigger({ watch: 'order', orderEvents: ['order.statusChanged'] });
		await t.poll();
		const existing = hl.sandbox.orderId(30);
		hl.sandbox.updateOrder(existing, { paymentStatus: 'partially_paid' });
		expect((await t.poll()).items).toEqual([
			expect.objectContaining({
				changes: { paymentStatus: { old: 'paid', new: 'partially_paid' } },
			}),
		]);
		hl.sandbox.updateOrder(existing, { paymentStatus: 'paid' });
		expect((await t.poll()).items).toEqual([
			expect.objectContaining({
				changes: { paymentStatus: { old: 'partially_paid', new: 'paid' } },
			}),
		]);
	});

	test('payment statuses from lists that come oldest first (read whole): each change once', async () => {
		hl.sandbox.options.listOrder = 'oldestFirst';
		const t = trigger({ watch: 'order', orderEvents: ['order.statusChanged'] });
		await t.poll();
		hl.sandbox.updateOrder(hl.sandbox.orderId(3), { paymentStatus: 'refunded' });
		expect((await t.poll()).items).toEqual([
			expect.objectContaining({
				changes: { paymentStatus: { old: 'paid', new: 'refunded' } },
			}),
		]);
		expect((await t.poll()).items).toBeNull();
	});

	test('where the list rows carry the payment status (the fuller variant), its changes are events too', async () => {
		hl.sandbox.options.orderListRows = 'full';
		const t = trigger({ watch: 'order' });
		await t.poll();
		const order = hl.sandbox.addOrder({ status: 'pending', paymentStatus: 'unpaid' });
		await t.poll();
		hl.sandbox.clearLog();
		hl.sandbox.updateOrder(order._id, { status: 'completed', paymentStatus: 'paid' });
		expect((await t.poll()).items).toEqual([
			expect.objectContaining({
				event: 'order.statusChanged',
				changes: {
					status: { old: 'pending', new: 'completed' },
					paymentStatus: { old: 'unpaid', new: 'paid' },
				},
			}),
		]);
		// The rows carry it: no order is read.
		expect(hl.sandbox.paymentsRequests().map((r) => r.path)).toEqual(['/payments/orders']);
	});

	test('subscription status changed, with OAuth', async () => {
		const t = trigger(
			{ watch: 'subscription', subscriptionEvents: ['subscription.statusChanged'] },
			'code',
		);
		await t.poll();
		hl.sandbox.subscriptions.get('5b0000000000000000000004')!.status = 'past_due';
		expect((await t.poll()).items).toEqual([
			expect.objectContaining({
				event: 'subscription.statusChanged',
				changes: { status: { old: 'active', new: 'past_due' } },
				subscription: expect.objectContaining({ subscriptionId: 'sub_4' }),
			}),
		]);
	});

	test('a status typed as an object (as payments.json types it) is compared by value', async () => {
		const subscription = hl.sandbox.subscriptions.get('5b0000000000000000000004')!;
		subscription.status = { value: 'active' } as never;
		const t = trigger({
			watch: 'subscription',
			subscriptionEvents: ['subscription.statusChanged'],
		});
		await t.poll();
		expect((await t.poll()).items).toBeNull();
		subscription.status = { value: 'canceled' } as never;
		expect((await t.poll()).items).toEqual([
			expect.objectContaining({
				event: 'subscription.statusChanged',
				changes: { status: { old: '{"value":"active"}', new: '{"value":"canceled"}' } },
			}),
		]);
	});

	test('manual test shows the newest record as an example and saves nothing', async () => {
		const t = trigger({ watch: 'subscription' });
		const manual = await t.poll('manual');
		expect(manual.items).toEqual([
			expect.objectContaining({ event: 'subscription.created', example: true }),
		]);
		expect(t.saved).toBe('{}');
	});
});

describe('a server that lists oldest first (HighLevel does not document its list order)', () => {
	test('new orders once each, also more than Records to Compare, and nothing on a quiet poll', async () => {
		hl.sandbox.options.listOrder = 'oldestFirst';
		hl.sandbox.options.maxLimit = 10;
		const t = trigger({ watch: 'order', window: 5 });
		expect((await t.poll()).items).toBeNull();
		expect((await t.poll()).items).toBeNull();
		const added = Array.from({ length: 12 }, (_, i) =>
			hl.sandbox.addOrder({ createdAt: new Date(Date.now() + i * 1000).toISOString() }),
		);
		expect(events((await t.poll()).items)).toEqual(added.map((o) => `order.created#${o._id}`));
		expect((await t.poll()).items).toBeNull();
		Object.assign(added[3], { status: 'refunded' });
		expect(events((await t.poll()).items)).toEqual([]);
		Object.assign(added[11], { status: 'refunded' });
		expect(events((await t.poll()).items)).toEqual([`order.statusChanged#${added[11]._id}`]);
	});
});

describe('fulfillments', () => {
	test('a new fulfillment on any order, then tracking added to it; nothing old on first poll', async () => {
		const shipped = hl.sandbox.orderId(29);
		await hl.run({
			resource: 'fulfillment',
			operation: 'create',
			orderId: { __rl: true, mode: 'id', value: shipped },
			items: { item: [{ priceId: hl.sandbox.priceId(29), qty: 1 }] },
			trackings: { tracking: [{ trackingNumber: 'OLD-1' }] },
		});
		const t = trigger({ watch: 'fulfillment' });
		expect((await t.poll()).items).toBeNull();
		const orderId = hl.sandbox.orderId(30);
		const created = await hl.run({
			resource: 'fulfillment',
			operation: 'create',
			orderId: { __rl: true, mode: 'id', value: orderId },
			items: { item: [{ priceId: hl.sandbox.priceId(30), qty: 1 }] },
			trackings: { tracking: [{ trackingNumber: 'TRK-1' }] },
		});
		const fulfillmentId = created.items[0].json._id as string;
		hl.sandbox.clearLog();
		const first = await t.poll();
		expect(first.items).toEqual([
			expect.objectContaining({
				event: 'fulfillment.created',
				orderId,
				trackingNumbers: ['TRK-1'],
			}),
		]);
		expect(hl.sandbox.paymentsRequests().map((r) => r.path)).toEqual([
			'/payments/orders',
			`/payments/orders/${orderId}/fulfillments`,
		]);
		expect((await t.poll()).items).toBeNull();
		hl.sandbox.addTracking(orderId, fulfillmentId, 'TRK-2');
		const tracking = await t.poll();
		expect(tracking.items).toEqual([
			expect.objectContaining({
				event: 'fulfillment.trackingAdded',
				orderId,
				newTrackingNumbers: ['TRK-2'],
				trackingNumbers: ['TRK-1', 'TRK-2'],
			}),
		]);
		expect((await t.poll()).items).toBeNull();
	});
});

test('bad window', async () => {
	const result = await trigger({ watch: 'order', window: 0 }).poll();
	expect(result.error?.message).toBe(
		'Records to Compare must be a whole number from 1 to 500, got 0',
	);
	expect(hl.sandbox.paymentsRequests()).toHaveLength(0);
});
