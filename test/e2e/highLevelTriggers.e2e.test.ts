/**
 * The HighLevel triggers in a real n8n (`n8n start`, SQLite, published workflows):
 * - webhooks: the sandbox delivers valid, forged, stale, replayed, tampered and unsigned events to n8n's
 *   production URL; exactly the valid ones produce executions;
 * - polling: payments across n8n restarts, each once, none missed.
 */
import type { Collector } from '../sandbox/collector';
import type { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { HIGHLEVEL_PIT, highLevelTriggersWithN8n } from './highLevelN8n';
import type { RealN8n } from './realN8n';
import { deliveringWorkflow, lifetime } from './triggerWorkflows';

jest.setTimeout(20 * 60_000);

const HOOK = 'n8n-nodes-halopsa-marketplace.highLevelPaymentsTrigger';
const POLL = 'n8n-nodes-halopsa-marketplace.highLevelPaymentsPollingTrigger';

describe('real n8n: HighLevel triggers', () => {
	let hl: HighLevelSandbox;
	let n8n: RealN8n;
	let inbox: Collector;
	let stop: (() => Promise<void>) | undefined;

	beforeAll(async () => {
		({ hl, n8n, inbox, stop } = await highLevelTriggersWithN8n());
		const keys = hl.publicKeys();
		await n8n.importWorkflow([
			deliveringWorkflow(
				'hlHook',
				{
					type: HOOK,
					webhookId: 'hl-e2e-hook',
					parameters: {
						events: ['OrderCreate', 'InvoicePaid'],
						options: { ed25519PublicKey: keys.ed25519, rsaPublicKey: keys.rsa },
					},
				},
				inbox.url,
				'{ executionId: $execution.id, event: $json.event, webhookId: $json.webhookId }',
			),
			deliveringWorkflow(
				'hlPoll',
				{
					type: POLL,
					parameters: {
						authentication: 'apiKey',
						watch: 'transaction',
						pollTimes: { item: [{ mode: 'everyMinute' }] },
					},
					credentials: HIGHLEVEL_PIT,
				},
				inbox.url,
				'{ executionId: $execution.id, event: $json.event, id: $json.transaction._id, changes: $json.changes }',
			),
		]);
		await n8n.cliOk(['publish:workflow', '--id=hlHook']);
		await n8n.cliOk(['publish:workflow', '--id=hlPoll']);
	});

	afterAll(async () => {
		await stop?.();
	});

	const polled = () => hl.paymentsRequests().some((r) => r.path === '/payments/transactions');
	const hlLifetime = async (deliveries: number, during?: (port: number) => Promise<void>) => {
		hl.clearLog();
		return (await lifetime(n8n, inbox, polled, deliveries, during)).filter(
			(d) => d.id !== undefined || d.webhookId !== undefined,
		);
	};

	it('webhooks: only valid deliveries start executions; forged, stale, replayed, tampered and unsigned get 401', async () => {
		const statuses: Record<string, number> = {};
		const bodies = await hlLifetime(2, async (port) => {
			const url = `http://127.0.0.1:${port}/webhook/hl-e2e-hook/highlevel-payments`;
			const order = hl.orders.get(hl.orderId(2))!;
			const valid = await hl.deliverWebhook(url, 'OrderCreate', order);
			statuses.valid = valid.status;
			statuses.validRsa = (
				await hl.deliverWebhook(
					url,
					'InvoicePaid',
					{ _id: 'inv-9', status: 'paid', amountPaid: 99 },
					{ scheme: 'rsa' },
				)
			).status;
			statuses.forged = (
				await hl.deliverWebhook(url, 'OrderCreate', order, { forged: true })
			).status;
			statuses.stale = (
				await hl.deliverWebhook(url, 'OrderCreate', order, { staleMinutes: 9 })
			).status;
			statuses.replayed = (
				await hl.deliverWebhook(url, 'OrderCreate', order, { webhookId: valid.webhookId })
			).status;
			statuses.tampered = (
				await hl.deliverWebhook(url, 'OrderCreate', order, { tampered: true })
			).status;
			statuses.unsigned = (
				await hl.deliverWebhook(url, 'OrderCreate', order, { scheme: 'none' })
			).status;
		});
		expect(statuses).toEqual({
			valid: 200,
			validRsa: 200,
			forged: 401,
			stale: 401,
			replayed: 401,
			tampered: 401,
			unsigned: 401,
		});
		const hooks = bodies.filter((b) => b.webhookId);
		expect(hooks.map((b) => b.event).sort()).toEqual(['InvoicePaid', 'OrderCreate']);
		expect(new Set(hooks.map((b) => b.executionId)).size).toBe(2);
	});

	it('polling: each new payment and refund once across restarts', async () => {
		const payments = (bodies: Array<Record<string, unknown>>) =>
			bodies.filter((b) => b.id !== undefined).map((b) => `${b.event}#${b.id}`);
		// The webhook test's lifetime already recorded the present.
		const order = hl.addOrder();
		const a = hl.addTransaction(order);
		const b = hl.addTransaction(order, { createdAt: a.createdAt });
		const second = payments(await hlLifetime(2));
		expect(second.sort()).toEqual(
			[`payment.received#${a._id}`, `payment.received#${b._id}`].sort(),
		);
		expect(payments(await hlLifetime(0))).toEqual([]);
		hl.refund(a._id, 30);
		expect(payments(await hlLifetime(1))).toEqual([`payment.refunded#${a._id}`]);
		expect(payments(await hlLifetime(0))).toEqual([]);
	});
});
