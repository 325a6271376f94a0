/** An HTTP inbox: records every JSON body POSTed to it (the destination of test workflows and alerts). */
import * as http from 'http';
import { close, listen, readBody, sendJson } from './httpKit';

export class Collector {
	readonly received: Array<{ path: string; body: Record<string, unknown> }> = [];
	url = '';
	/** Called with each body as it arrives (the demo prints alerts). */
	onReceive?: (entry: { path: string; body: Record<string, unknown> }) => void;
	private server = http.createServer(async (req, res) => {
		const raw = (await readBody(req)).toString('utf8');
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(raw || '{}');
		} catch {
			body = { raw };
		}
		this.received.push({ path: req.url ?? '/', body });
		this.onReceive?.(this.received[this.received.length - 1]);
		sendJson(res, 200, { ok: true });
	});

	async start(port = 0) {
		this.url = await listen(this.server, port);
		return this.url;
	}

	async stop() {
		await close(this.server);
	}

	/** Resolves when at least `count` bodies arrived, or rejects after `timeoutMs`. */
	async waitFor(count: number, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		while (this.received.length < count) {
			if (Date.now() > deadline)
				throw new Error(
					`expected ${count} deliveries, got ${this.received.length}: ${JSON.stringify(this.received)}`,
				);
			await new Promise((r) => setTimeout(r, 200));
		}
		return this.received;
	}
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
	const server = http.createServer();
	const url = await listen(server);
	await close(server);
	return Number(new URL(url).port);
}
