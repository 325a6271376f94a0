/** Trigger workflows for real n8n: a trigger node whose items are POSTed to a collector, and one n8n lifetime at a time. */
import type { Collector } from '../sandbox/collector';
import { freePort } from '../sandbox/collector';
import type { RealN8n } from './realN8n';

/** `trigger -> HTTP Request` posting `body` (an n8n expression of an object) for each item to the collector. */
export function deliveringWorkflow(
	id: string,
	trigger: Record<string, unknown>,
	collectorUrl: string,
	body: string,
) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		nodes: [
			{ id: `${id}-t`, name: 'Trigger', typeVersion: 1, position: [0, 0], ...trigger },
			{
				id: `${id}-d`,
				name: 'Deliver',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [200, 0],
				parameters: {
					method: 'POST',
					url: `${collectorUrl}/${id}`,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify(${body}) }}`,
					options: {},
				},
			},
		],
		connections: { Trigger: { main: [[{ node: 'Deliver', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * One n8n lifetime: start (n8n polls each active polling trigger once when it activates it), wait until
 * `polled()` says the sandbox saw the poll and `deliveries` new bodies reached the collector, give a
 * stray extra execution time to show itself, stop. Returns the bodies delivered during the lifetime.
 */
export async function lifetime(
	n8n: RealN8n,
	inbox: Collector,
	polled: () => boolean,
	deliveries: number,
	during?: (port: number) => Promise<void>,
) {
	const before = inbox.received.length;
	const port = await freePort();
	const child = await n8n.startReady(port);
	try {
		const deadline = Date.now() + 120_000;
		while (!polled()) {
			if (Date.now() > deadline)
				throw new Error(`n8n never polled:\n${n8n.allLogs().slice(-3000)}`);
			await new Promise((r) => setTimeout(r, 250));
		}
		if (during) await during(port);
		if (deliveries) await inbox.waitFor(before + deliveries);
		await new Promise((r) => setTimeout(r, 3000));
	} finally {
		await n8n.stop(child);
	}
	return inbox.received.slice(before).map((d) => d.body);
}
