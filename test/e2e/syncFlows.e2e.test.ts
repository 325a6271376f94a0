/**
 * The shipped example workflows of seed 002's sync flows (examples/flow-*.json), all four published
 * together in one real n8n against the HaloPSA and HighLevel sandboxes, as an MSP would run them:
 * a. Halo order created/updated -> Orders API order and fulfillments -> status back to Halo;
 * b. fulfillment recorded in Halo -> created in the Orders API -> tracking numbers back to Halo;
 * c. payment event -> transaction -> logged in Halo, reconciled, one alert per mismatch;
 * d. distributor sync error in Halo -> one alert.
 * n8n polls each trigger when it starts; each lifetime is one poll. The third lifetime sees the flows'
 * own writes and must change nothing: no second fulfillment, no second alert.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { syncedIntegrations } from '../../nodes/HaloPsaMarketplaceTrigger/integrationHealth';
import { startSandboxes } from '../sandbox/allSandboxes';
import { Collector } from '../sandbox/collector';
import { RealN8n, ROOT } from './realN8n';
import { lifetime } from './triggerWorkflows';

jest.setTimeout(20 * 60_000);

/** Where the examples send alerts; the test points it at its own inbox. */
const EXAMPLE_ALERT_URL = 'http://127.0.0.1:5683/alerts';

type Sandboxes = Awaited<ReturnType<typeof startSandboxes>>;

describe('real n8n: the seed 002 sync flows as shipped', () => {
	let sandboxes: Sandboxes;
	let n8n: RealN8n;
	const inbox = new Collector();
	const flows = readdirSync(join(ROOT, 'examples'))
		.filter((f) => /^flow-[a-d]-.*\.json$/.test(f))
		.sort();

	beforeAll(async () => {
		sandboxes = await startSandboxes();
		await inbox.start();
		n8n = new RealN8n();
		await n8n.importCredentials(sandboxes.credentials);
		for (const [index, file] of flows.entries()) {
			const text = readFileSync(join(ROOT, 'examples', file), 'utf8')
				.split(EXAMPLE_ALERT_URL)
				.join(`${inbox.url}/alerts`);
			await n8n.importWorkflow({ ...JSON.parse(text), id: `flow${index}`, active: false });
			await n8n.cliOk(['publish:workflow', `--id=flow${index}`]);
		}
	});

	afterAll(async () => {
		await inbox.stop();
		await sandboxes?.stop();
		n8n?.cleanup();
	});

	const halo = () => sandboxes.halo;
	const hl = () => sandboxes.highLevel;
	const haloOrders = () => halo().records('ecommerceOrder');
	const hlOrder = (n: number) => hl().orders.get(hl().orderId(n))!;
	const json = (record: Record<string, unknown>) => JSON.parse(String(record.jsonobj || '{}'));

	/** A Halo order of the HighLevel integration, in step with Orders API order `n` (as Halo's own sync leaves it). */
	function linkedHaloOrder(n: number, fields: Record<string, unknown> = {}) {
		const order = hlOrder(n);
		const id = halo().nextKey('ecommerceOrder');
		haloOrders().set(id, {
			...haloOrders().get(1)!,
			id,
			integration_name: 'HighLevel',
			shop_name: 'msp-shop',
			thirdpartyid: order._id,
			thirdpartyordernumber: `HL-${n}`,
			thirdpartystatus: order.status,
			thirdpartystatus2: order.fulfillmentStatus,
			jsonobj: JSON.stringify({ total: order.amount, currency: order.currency, fulfillments: [] }),
			...fields,
		});
		return id;
	}
	/** The Halo order now (an upsert replaces the stored record). */
	const at = (id: number) => haloOrders().get(id)!;

	function allIntegrationsHealthy() {
		const recent = new Date(Date.now() - 3_600_000).toISOString();
		for (const resource of syncedIntegrations) {
			const sync = resource.sync!;
			for (const record of halo().records(resource.value).values()) {
				Object.assign(record, { [sync.enabled]: true, [sync.lastSync]: recent });
				if (sync.lastError) record[sync.lastError] = '';
			}
		}
	}

	/** Every trigger polled: two order triggers, the integration-health trigger, the payments trigger. */
	const allPolled = () => {
		const haloGets = halo()
			.apiRequests()
			.filter((r) => r.method === 'GET');
		return (
			haloGets.filter((r) => /ecommerceorder$/i.test(r.path)).length >= 2 &&
			haloGets.some((r) => /pax8/i.test(r.path)) &&
			hl()
				.paymentsRequests()
				.some((r) => r.method === 'GET' && r.path === '/payments/transactions')
		);
	};

	async function until(condition: () => boolean, what: string) {
		const deadline = Date.now() + 90_000;
		while (!condition()) {
			if (Date.now() > deadline)
				throw new Error(`${what} did not happen:\n${n8n.allLogs().slice(-4000)}`);
			await new Promise((r) => setTimeout(r, 250));
		}
	}

	const flowLifetime = async (alerts: number, settled: () => boolean = () => true) => {
		halo().clearLog();
		hl().clearLog();
		return await lifetime(n8n, inbox, allPolled, alerts, () =>
			until(settled, 'the flows settling'),
		);
	};

	it('runs all four flows end to end and leaves both sandboxes in step, each change once', async () => {
		allIntegrationsHealthy();
		const [h6, h7, h10, h11] = [6, 7, 10, 11].map((n) => linkedHaloOrder(n));

		// First lifetime: every trigger records the present; nothing runs.
		expect(await flowLifetime(0)).toEqual([]);
		expect(
			hl()
				.paymentsRequests()
				.filter((r) => r.method === 'POST'),
		).toEqual([]);

		// The day's changes.
		const h9 = linkedHaloOrder(9, {
			thirdpartystatus: 'pending',
			thirdpartystatus2: '',
			jsonobj: '{}',
		}); // a: new order, not yet in step
		at(h6).thirdpartystatus = 'cancelled'; // a: edited by hand in Halo; the Orders API says completed
		at(h7).jsonobj = JSON.stringify({
			...json(at(h7)),
			fulfillments: [
				{
					trackingNumbers: ['1Z-FLOW-B'],
					carrier: 'UPS',
					items: [{ priceId: hl().priceId(7), qty: 2 }],
				},
			],
		}); // b
		const paid = hl().addTransaction(hlOrder(10)); // c: in step, logged without alert
		const short = hl().addTransaction(hlOrder(11), { amount: 155 }); // c: 155 against an order of 160
		const pax8 = halo().records('pax8Details').get(2)!;
		pax8.integrator_last_sync_error = 'Pax8 refused the token: invalid_grant'; // d

		const alerts = await flowLifetime(
			2,
			() =>
				at(h9).thirdpartystatus === 'completed' &&
				at(h6).thirdpartystatus === 'completed' &&
				!!json(at(h7)).fulfillments[0].ordersApiFulfillmentId &&
				(json(at(h10)).payments ?? []).length === 1 &&
				(json(at(h11)).payments ?? []).length === 1,
		);

		// a: the Orders API's state in Halo.
		// The order Get documents the order's status (payments.json has no payment status on it).
		expect(at(h9)).toMatchObject({
			thirdpartystatus: 'completed',
			thirdpartystatus2: 'unfulfilled',
		});
		expect(json(at(h9))).toEqual({ total: hlOrder(9).amount, currency: 'USD', fulfillments: [] });
		expect(at(h6).thirdpartystatus).toBe('completed');

		// b: the fulfillment exists once in the Orders API, and Halo carries its id and tracking number.
		const created = hl().fulfillments.get(hlOrder(7)._id)!;
		expect(created).toHaveLength(1);
		expect(created[0]).toMatchObject({
			trackings: [{ trackingNumber: '1Z-FLOW-B', shippingCarrier: 'UPS' }],
			items: [
				expect.objectContaining({
					price: expect.objectContaining({ _id: hl().priceId(7) }),
					qty: 2,
				}),
			],
		});
		expect(hlOrder(7).fulfillmentStatus).toBe('fulfilled');
		expect(at(h7).thirdpartystatus2).toBe('fulfilled');
		expect(json(at(h7)).fulfillments).toEqual([
			{
				trackingNumbers: ['1Z-FLOW-B'],
				carrier: 'UPS',
				items: [{ priceId: hl().priceId(7), qty: 2 }],
				ordersApiFulfillmentId: created[0]._id,
			},
		]);

		// c: both payments logged in Halo; the short one raised exactly one alert.
		expect(json(at(h10)).payments).toEqual([
			expect.objectContaining({
				transactionId: paid._id,
				amount: 150,
				refunded: 0,
				status: 'succeeded',
			}),
		]);
		expect(json(at(h11)).payments).toEqual([
			expect.objectContaining({ transactionId: short._id, amount: 155 }),
		]);
		const byFlow = (flow: string) => alerts.filter((a) => a.flow === flow);
		expect(byFlow('payment-reconciliation')).toEqual([
			{
				flow: 'payment-reconciliation',
				orderId: hlOrder(11)._id,
				transactionId: short._id,
				haloOrderId: h11,
				problems: ['payment amount 155 differs from order amount 160'],
			},
		]);

		// d: the Pax8 sync error, once, with the integration and the error.
		expect(byFlow('integration-health')).toEqual([
			expect.objectContaining({
				flow: 'integration-health',
				integration: 'Pax8 Integration',
				reason: 'error',
				error: 'Pax8 refused the token: invalid_grant',
			}),
		]);

		// Third lifetime: the flows see their own writes, and nothing more happens.
		const snapshot = JSON.stringify([h6, h7, h9, h10, h11].map(at));
		expect(await flowLifetime(0)).toEqual([]);
		expect(hl().fulfillments.get(hlOrder(7)._id)).toHaveLength(1);
		expect(
			hl()
				.paymentsRequests()
				.filter((r) => r.method === 'POST'),
		).toEqual([]);
		expect(JSON.stringify([h6, h7, h9, h10, h11].map(at))).toBe(snapshot);
		expect(inbox.received).toHaveLength(2);
	});
});
