/** An HTTP inbox: records every JSON body POSTed to it (the destination of test workflows and alerts). */
import * as http from 'http';
import { close, listen, readBody, sendJson } from './httpKit';

export class Collector {
	readonly received: Array<{ path: string; body: Record<string, unknown> }> = [];
	url = '';
	private server = http.createServer(async (req, res) => {
		const raw = (await readBody(req)).toString('utf8');
		let body: Record<string, unknown>;
		try {
			body = JSON.parse(raw || '{}');
		} catch {
			body = { raw };
		}
		this.received.push({ path: req.url ?? '/', body });
		sendJson(res, 200, { ok: true });
	});

	async start() {
		this.url = await listen(this.server);
		return this.url;
	}

	async stop() {
		await close(this.server);
	}

	/** Resolves when at least `count` bodies arrived, or rejects after `timeoutMs`. */
	async waitFor(count: number, timeoutMs = 60_000) {
		const deadline = Date.now() + timeoutMs;
		while (this.received.length < count) {
			if (Date.now() > deadline) throw new Error(`expected ${count} deliveries, got ${this.received.length}: ${JSON.stringify(this.received)}`);
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
