/**
 * Queue mode, the way n8n scales past one machine: Redis, PostgreSQL, an n8n main process and one n8n
 * worker, all with this package installed. The HaloPSA trigger polls on main, which enqueues each
 * execution; the worker runs the workflow (the trigger's items, a HaloPSA node reading each order, an
 * HTTP Request delivering it). Each new order arrives exactly once across main restarts.
 */
import { freePort, Collector } from '../sandbox/collector';
import type { HaloSandbox } from '../sandbox/haloSandbox';
import { haloWithN8n, HALO_NODE, HALO_TRIGGER } from './haloN8n';
import type { RealN8n } from './realN8n';
import { startQueueServices } from './queueServices';
import { lifetime } from './triggerWorkflows';
import type { ChildProcess } from 'child_process';

jest.setTimeout(20 * 60_000);

describe('real n8n in queue mode: polling trigger on main, executions on a worker', () => {
	let services: Awaited<ReturnType<typeof startQueueServices>>;
	let halo: HaloSandbox;
	let n8n: RealN8n;
	let worker: ChildProcess;
	const inbox = new Collector();

	beforeAll(async () => {
		services = await startQueueServices();
		await inbox.start();
		let credentials: Record<string, { id: string; name: string }>;
		({ halo, n8n, credentials } = await haloWithN8n('halo-queue', {}, undefined, services.n8nEnv));
		const id = 'queueOrders';
		await n8n.importWorkflow({
			id,
			name: 'queue mode: new Halo orders',
			active: false,
			nodes: [
				{
					id: 'q1',
					name: 'Trigger',
					type: HALO_TRIGGER,
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						watch: 'ecommerceOrder',
						ecommerceOrderEvents: ['order.created'],
						pollTimes: { item: [{ mode: 'everyMinute' }] },
					},
					credentials,
				},
				{
					id: 'q2',
					name: 'Read order',
					type: HALO_NODE,
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						resource: 'ecommerceOrder',
						operation: 'get',
						recordId: { __rl: true, mode: 'id', value: '={{ $json.order.id }}' },
						simplify: true,
					},
					credentials,
				},
				{
					id: 'q3',
					name: 'Deliver',
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					position: [400, 0],
					parameters: {
						method: 'POST',
						url: `${inbox.url}/${id}`,
						sendBody: true,
						specifyBody: 'json',
						jsonBody:
							'={{ JSON.stringify({ executionId: $execution.id, id: $json.id, number: $json.thirdpartyordernumber }) }}',
						options: {},
					},
				},
			],
			connections: {
				Trigger: { main: [[{ node: 'Read order', type: 'main', index: 0 }]] },
				'Read order': { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
			pinData: {},
		});
		await n8n.cliOk(['publish:workflow', `--id=${id}`]);
		worker = n8n.spawnProcess(
			'worker',
			{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(await freePort()) },
			'worker',
		);
	});

	afterAll(async () => {
		if (worker) await n8n.stop(worker);
		await inbox.stop();
		await halo?.stop();
		await services?.stop();
		n8n?.cleanup();
	});

	const polled = () =>
		halo.apiRequests().some((r) => r.method === 'GET' && /ecommerceorder$/i.test(r.path));
	const mainLifetime = async (deliveries: number) => {
		halo.clearLog();
		return await lifetime(n8n, inbox, polled, deliveries);
	};
	const workerLines = () =>
		n8n
			.allLogs()
			.split('\n')
			.filter((line) => line.startsWith('[worker]'));

	it('main polls and enqueues, the worker executes, each order once across main restarts', async () => {
		expect(await mainLifetime(0)).toEqual([]);

		const orders = halo.records('ecommerceOrder');
		const first = halo.nextKey('ecommerceOrder');
		orders.set(first, { ...orders.get(1)!, id: first, thirdpartyordernumber: '#Q1' });
		orders.set(first + 1, { ...orders.get(1)!, id: first + 1, thirdpartyordernumber: '#Q2' });
		const delivered = await mainLifetime(2);
		expect(delivered.map((d) => d.number).sort()).toEqual(['#Q1', '#Q2']);
		const executionId = String(delivered[0].executionId);
		expect(delivered.every((d) => String(d.executionId) === executionId)).toBe(true);
		// The worker, not main, ran it: its log names the execution.
		expect(
			workerLines().some((line) => line.includes(executionId) && /execution/i.test(line)),
		).toBe(true);

		expect(await mainLifetime(0)).toEqual([]);
		expect(inbox.received).toHaveLength(2);
	});
});
