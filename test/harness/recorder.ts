/**
 * A server that is not the API: it records every request that reaches it (to prove that nothing, or no
 * credential, did) and answers as told: JSON, or a body sent a byte at a time that never ends (to prove
 * that a call given up on has its connection closed).
 */
import http from 'node:http';
import { close, listen, readBody } from '../sandbox/httpKit';

export interface RecordedRequest {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
	/** When its connection closed, in ms since the epoch. */
	closedAt?: number;
}

export class Recorder {
	url = '';
	requests: RecordedRequest[] = [];
	/** `dribble`: 200 with headers at once, then one byte every 100 ms, never finishing. */
	mode: 'json' | 'dribble' = 'json';
	private timers = new Set<NodeJS.Timeout>();
	private server = http.createServer((req, res) => void this.handle(req, res));

	async start() {
		this.url = await listen(this.server);
		return this.url;
	}

	async stop() {
		for (const timer of this.timers) clearInterval(timer);
		this.server.closeAllConnections();
		await close(this.server);
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const entry: RecordedRequest = {
			method: req.method ?? 'GET',
			url: req.url ?? '/',
			headers: req.headers,
			body: (await readBody(req)).toString('utf8'),
		};
		this.requests.push(entry);
		req.socket.once('close', () => (entry.closedAt = Date.now()));
		if (this.mode === 'dribble') {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.write('{"records": [');
			const timer = setInterval(() => res.write(' '), 100);
			this.timers.add(timer);
			req.socket.once('close', () => {
				clearInterval(timer);
				this.timers.delete(timer);
			});
			return;
		}
		res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id": 1, "records": []}');
	}
}
