/**
 * The HaloPSA trigger in a real n8n (`n8n start`, SQLite): the workflow is published, n8n polls at
 * every start (n8n polls a trigger once when it activates it), and is restarted between changes made
 * in the sandbox. Each change must reach the collector exactly once, from one execution per poll.
 */
import { Collector } from '../sandbox/collector';
import type { HaloSandbox } from '../sandbox/haloSandbox';
import { haloWithN8n, HALO_TRIGGER } from './haloN8n';
import type { RealN8n } from './realN8n';
import { deliveringWorkflow, lifetime } from './triggerWorkflows';

jest.setTimeout(20 * 60_000);

describe('real n8n: HaloPSA trigger across restarts', () => {
	let halo: HaloSandbox;
	let n8n: RealN8n;
	let credentials: Record<string, { id: string; name: string }>;
	const inbox = new Collector();

	beforeAll(async () => {
		({ halo, n8n, credentials } = await haloWithN8n('halo-trigger'));
		await inbox.start();
		await n8n.importWorkflow(
			deliveringWorkflow(
				'haloOrderTrigger',
				{
					type: HALO_TRIGGER,
					parameters: { watch: 'ecommerceOrder', pollTimes: { item: [{ mode: 'everyMinute' }] } },
					credentials,
				},
				inbox.url,
				'{ executionId: $execution.id, event: $json.event, id: $json.order.id, changes: $json.changes }',
			),
		);
		await n8n.cliOk(['publish:workflow', '--id=haloOrderTrigger']);
	});

	afterAll(async () => {
		await inbox.stop();
		await halo?.stop();
		n8n?.cleanup();
	});

	const polledHalo = () => halo.apiRequests().some((r) => /ecommerceorder$/i.test(r.path));
	const haloLifetime = async (deliveries: number) => {
		halo.clearLog();
		return await lifetime(n8n, inbox, polledHalo, deliveries);
	};

	it('records the present, then delivers each change once, with no repeat after restarts', async () => {
		expect(await haloLifetime(0)).toEqual([]);

		const orders = halo.records('ecommerceOrder');
		const created = halo.nextKey('ecommerceOrder');
		orders.set(created, { ...orders.get(1)!, id: created, thirdpartyordernumber: '#E2E' });
		Object.assign(orders.get(5)!, { thirdpartystatus: 'refunded' });
		const second = await haloLifetime(2);
		expect(second.map((d) => `${d.event}#${d.id}`)).toEqual([
			'order.updated#5',
			`order.created#${created}`,
		]);
		expect(second[0].changes).toEqual({ thirdpartystatus: { old: 'paid', new: 'refunded' } });
		expect(new Set(second.map((d) => d.executionId)).size).toBe(1);

		expect(await haloLifetime(0)).toEqual([]);

		orders.get(created)!.jsonobj = JSON.stringify({ fulfillments: [{ tracking_number: 'TRK-1' }] });
		const fourth = await haloLifetime(1);
		expect(fourth.map((d) => `${d.event}#${d.id}`)).toEqual([
			`order.fulfillmentChanged#${created}`,
		]);
		expect(fourth[0].executionId).not.toBe(second[0].executionId);

		expect(await haloLifetime(0)).toEqual([]);
	});
});
