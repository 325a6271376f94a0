/** Small HTTP toolkit shared by the sandbox servers: body reading, answers, request log, faults, rate limits. */
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface LoggedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	rawBody: string;
	status?: number;
	/** The JSON the sandbox answered with (sandboxes that keep it). */
	answer?: unknown;
}

export interface Fault {
	/** Which requests it hits: method and a case-insensitive path pattern. */
	method?: string;
	path?: RegExp;
	/** How many matching requests it hits (default 1). */
	times?: number;
	/** Skip this many matching requests first (e.g. fail page 2 of a list). */
	after?: number;
	status?: number;
	body?: string;
	headers?: Record<string, string>;
	/** Drop the connection without an answer. */
	reset?: boolean;
	/** Wait this long before answering (or dropping). */
	delayMs?: number;
	/** Send a JSON body cut in the middle. */
	truncate?: boolean;
}

export class RequestLog extends Array<LoggedRequest> {
	matching(method: string, path: RegExp) {
		return this.filter((r) => r.method === method && path.test(r.path));
	}

	/** Reads a request whole, logs it and hands back its URL and log entry (the handler sets the entry's status). */
	async record(req: http.IncomingMessage): Promise<{ url: URL; entry: LoggedRequest }> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const raw = await readBody(req);
		const entry: LoggedRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: req.headers,
			body: parseBody(raw, req.headers['content-type']),
			rawBody: raw.toString('utf8'),
		};
		this.push(entry);
		return { url, entry };
	}
}

export async function readBody(req: http.IncomingMessage): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}

export function sendJson(
	res: http.ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string> = {},
) {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export function sendText(
	res: http.ServerResponse,
	status: number,
	text: string,
	headers: Record<string, string> = {},
	type = 'text/plain; charset=utf-8',
) {
	res.writeHead(status, {
		'Content-Type': type,
		'Content-Length': Buffer.byteLength(text),
		...headers,
	});
	res.end(text);
}

export const htmlPage = (title: string) =>
	`<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`;

/** Parses JSON, urlencoded and multipart bodies into plain values; the raw text is kept too. */
export function parseBody(raw: Buffer, contentType: string | undefined): unknown {
	const type = (contentType ?? '').toLowerCase();
	const text = raw.toString('utf8');
	if (!text) return undefined;
	if (type.includes('application/x-www-form-urlencoded'))
		return Object.fromEntries(new URLSearchParams(text));
	if (type.includes('multipart/form-data')) {
		const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
		const fields: Record<string, string> = {};
		if (!boundary) return fields;
		for (const part of text.split(`--${boundary[1] ?? boundary[2]}`)) {
			const match = /name="([^"]+)"[\s\S]*?\r\n\r\n([\s\S]*?)\r\n$/.exec(part);
			if (match) fields[match[1]] = match[2];
		}
		return fields;
	}
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A sliding-window limiter: `limit` requests per `windowMs`, like hosted Halo's rolling window. */
export class RateLimiter {
	private hits: number[] = [];
	constructor(
		public limit: number,
		public windowMs: number,
	) {}
	allow(now = Date.now()): boolean {
		this.hits = this.hits.filter((t) => now - t < this.windowMs);
		if (this.hits.length >= this.limit) return false;
		this.hits.push(now);
		return true;
	}
	reset() {
		this.hits = [];
	}
	/** Requests counted in the current window. */
	used(now = Date.now()): number {
		return this.hits.filter((t) => now - t < this.windowMs).length;
	}
}

export class Faults {
	private list: Array<Fault & { seen: number; used: number }> = [];
	add(fault: Fault) {
		this.list.push({ ...fault, seen: 0, used: 0 });
	}
	clear() {
		this.list = [];
	}
	/** The fault this request hits, if any (consumes one use). */
	take(method: string, path: string): Fault | undefined {
		for (const fault of this.list) {
			if (fault.method && fault.method !== method) continue;
			if (fault.path && !fault.path.test(path)) continue;
			fault.seen++;
			if (fault.seen <= (fault.after ?? 0)) continue;
			if (fault.used >= (fault.times ?? 1)) continue;
			fault.used++;
			return fault;
		}
		return undefined;
	}
}

/** Plays a fault; true when it answered (or dropped) the request. */
export async function playFault(fault: Fault, res: http.ServerResponse): Promise<void> {
	if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
	if (fault.reset) {
		res.socket?.destroy();
		return;
	}
	if (fault.truncate) {
		const text = '{"record_count": 3, "orders": [{"id": 1, "thirdpartystatus": "Pai';
		res.writeHead(fault.status ?? 200, {
			'Content-Type': 'application/json',
			'Content-Length': text.length + 40,
		});
		res.write(text);
		res.socket?.destroy();
		return;
	}
	const body = fault.body ?? '';
	const isHtml = /^\s*</.test(body);
	sendText(
		res,
		fault.status ?? 500,
		body,
		fault.headers ?? {},
		isHtml ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8',
	);
}

export async function listen(server: http.Server, port = 0, host = '127.0.0.1'): Promise<string> {
	await new Promise<void>((resolve) => server.listen(port, host, resolve));
	const address = server.address() as AddressInfo;
	return `http://${host}:${address.port}`;
}

export async function close(server: http.Server): Promise<void> {
	server.closeAllConnections?.();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}
