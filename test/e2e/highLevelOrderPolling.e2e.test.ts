/**
 * The HighLevel polling trigger watching orders in a real n8n (`n8n start`, SQLite, a published workflow,
 * a restart between polls): HighLevel's order list rows carry no payment status, so a payment-status change
 * is seen by reading the orders whose update time moved. Each change is reported once, across restarts; a
 * payment status first learned (a new order) is recorded, not reported as a change.
 */
import type { Collector } from '../sandbox/collector';
import type { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { HIGHLEVEL_PIT, highLevelTriggersWithN8n } from './highLevelN8n';
import type { RealN8n } from './realN8n';
import { deliveringWorkflow, lifetime } from './triggerWorkflows';

jest.setTimeout(20 * 60_000);

const POLL = 'n8n-nodes-halopsa-marketplace.highLevelPaymentsPollingTrigger';

describe('real n8n: HighLevel order status polling', () => {
	let hl: HighLevelSandbox;
	let n8n: RealN8n;
	let inbox: Collector;
	let stop: (() => Promise<void>) | undefined;

	beforeAll(async () => {
		({ hl, n8n, inbox, stop } = await highLevelTriggersWithN8n());
		await n8n.importWorkflow([
			deliveringWorkflow(
				'hlOrders',
				{
					type: POLL,
					parameters: {
						authentication: 'apiKey',
						watch: 'order',
						orderEvents: ['order.statusChanged'],
						pollTimes: { item: [{ mode: 'everyMinute' }] },
					},
					credentials: HIGHLEVEL_PIT,
				},
				inbox.url,
				'{ executionId: $execution.id, event: $json.event, orderId: $json.order._id, changes: $json.changes }',
			),
		]);
		await n8n.cliOk(['publish:workflow', '--id=hlOrders']);
	});

	afterAll(async () => {
		await stop?.();
	});

	const polled = () => hl.paymentsRequests().some((r) => r.path === '/payments/orders');
	const changes = async (deliveries: number) => {
		hl.clearLog();
		return (await lifetime(n8n, inbox, polled, deliveries)).map((b) => ({
			event: b.event,
			orderId: b.orderId,
			changes: b.changes,
		}));
	};

	it("a payment status change is reported once, across restarts, from the order list's paymentStatus filter", async () => {
		// First lifetime: the present is recorded, payment statuses included.
		expect(await changes(0)).toEqual([]);
		const existing = [...hl.orders.values()][0]._id as string;
		hl.updateOrder(existing, { paymentStatus: 'partially_paid' });
		const fresh = hl.addOrder({ status: 'pending', paymentStatus: 'unpaid' })._id as string;
		expect(await changes(1)).toEqual([
			{
				event: 'order.statusChanged',
				orderId: existing,
				changes: { paymentStatus: { old: 'paid', new: 'partially_paid' } },
			},
		]);
		hl.updateOrder(existing, { paymentStatus: 'paid' });
		hl.updateOrder(fresh, { paymentStatus: 'paid' });
		const paid = await changes(2);
		expect(paid).toHaveLength(2);
		expect(paid).toEqual(
			expect.arrayContaining([
				{
					event: 'order.statusChanged',
					orderId: existing,
					changes: { paymentStatus: { old: 'partially_paid', new: 'paid' } },
				},
				{
					event: 'order.statusChanged',
					orderId: fresh,
					changes: { paymentStatus: { old: 'unpaid', new: 'paid' } },
				},
			]),
		);
		// Nothing moved: nothing is reported, and no order is read with Get (the lists alone).
		expect(await changes(0)).toEqual([]);
		expect(new Set(hl.paymentsRequests().map((r) => r.path))).toEqual(
			new Set(['/payments/orders']),
		);
	});
});
