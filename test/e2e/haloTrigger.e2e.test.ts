/**
 * The HaloPSA trigger in a real n8n (`n8n start`, SQLite): the workflow is published, n8n polls at
 * every start (n8n polls a trigger once when it activates it), and is restarted between changes made
 * in the sandbox. Each change must reach the collector exactly once, from one execution per poll.
 */
import { Collector, freePort } from '../sandbox/collector';
import type { HaloSandbox } from '../sandbox/haloSandbox';
import { haloWithN8n, HALO_TRIGGER } from './haloN8n';
import type { RealN8n } from './realN8n';

jest.setTimeout(20 * 60_000);

describe('real n8n: HaloPSA trigger across restarts', () => {
	let halo: HaloSandbox;
	let n8n: RealN8n;
	let credentials: Record<string, { id: string; name: string }>;
	const inbox = new Collector();

	beforeAll(async () => {
		({ halo, n8n, credentials } = await haloWithN8n('halo-trigger'));
		await inbox.start();
		await n8n.importWorkflow({
			id: 'haloOrderTrigger',
			name: 'Halo order trigger e2e',
			active: false,
			nodes: [
				{
					id: 't',
					name: 'Halo Orders',
					type: HALO_TRIGGER,
					typeVersion: 1,
					position: [0, 0],
					parameters: { watch: 'ecommerceOrder', pollTimes: { item: [{ mode: 'everyMinute' }] } },
					credentials,
				},
				{
					id: 'h',
					name: 'Deliver',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [200, 0],
					parameters: {
						method: 'POST',
						url: `${inbox.url}/order-events`,
						sendBody: true,
						specifyBody: 'json',
						jsonBody: '={{ JSON.stringify({ executionId: $execution.id, event: $json.event, id: $json.order.id, changes: $json.changes }) }}',
						options: {},
					},
				},
			],
			connections: { 'Halo Orders': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
			pinData: {},
		});
		await n8n.cliOk(['publish:workflow', '--id=haloOrderTrigger']);
	});

	afterAll(async () => {
		await inbox.stop();
		await halo?.stop();
		n8n?.cleanup();
	});

	/** One n8n lifetime: start, wait for its activation poll (and `deliveries` new deliveries), stop. */
	async function lifetime(deliveries: number) {
		const before = inbox.received.length;
		halo.clearLog();
		const port = await freePort();
		const child = await n8n.startReady(port);
		const deadline = Date.now() + 120_000;
		while (!halo.apiRequests().some((r) => /ecommerceorder$/i.test(r.path))) {
			if (Date.now() > deadline) throw new Error(`n8n never polled Halo:\n${n8n.allLogs().slice(-3000)}`);
			await new Promise((r) => setTimeout(r, 250));
		}
		if (deliveries) await inbox.waitFor(before + deliveries);
		// Long enough for a stray second execution to show itself.
		await new Promise((r) => setTimeout(r, 3000));
		await n8n.stop(child);
		return inbox.received.slice(before).map((d) => d.body);
	}

	it('records the present, then delivers each change once, with no repeat after restarts', async () => {
		expect(await lifetime(0)).toEqual([]);

		const orders = halo.records('ecommerceOrder');
		const created = halo.nextKey('ecommerceOrder');
		orders.set(created, { ...orders.get(1)!, id: created, thirdpartyordernumber: '#E2E' });
		Object.assign(orders.get(5)!, { thirdpartystatus: 'refunded' });
		const second = await lifetime(2);
		expect(second.map((d) => `${d.event}#${d.id}`)).toEqual(['order.updated#5', `order.created#${created}`]);
		expect(second[0].changes).toEqual({ thirdpartystatus: { old: 'paid', new: 'refunded' } });
		expect(new Set(second.map((d) => d.executionId)).size).toBe(1);

		expect(await lifetime(0)).toEqual([]);

		orders.get(created)!.jsonobj = JSON.stringify({ fulfillments: [{ tracking_number: 'TRK-1' }] });
		const fourth = await lifetime(1);
		expect(fourth.map((d) => `${d.event}#${d.id}`)).toEqual([`order.fulfillmentChanged#${created}`]);
		expect(fourth[0].executionId).not.toBe(second[0].executionId);

		expect(await lifetime(0)).toEqual([]);
	});
});
