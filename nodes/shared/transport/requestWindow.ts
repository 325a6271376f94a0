/**
 * Pacing by a request window the API documents (hosted HaloPSA: 300 requests per rolling 5 minutes): before
 * each request a send time is reserved so that no more than `requests` are sent within any `ms`. Reserving
 * is synchronous, so items running side by side never take the same place in the window.
 *
 * The window is counted per n8n process: several processes (queue mode workers) sharing one credential each
 * keep to it, and the 429 wait in the client covers what they spend together.
 */
export interface RequestWindow {
	/** Which credential and server the window belongs to. */
	key: string;
	requests: number;
	ms: number;
}

/** The last `requests` send times of each window, oldest first. */
const sent = new Map<string, number[]>();

/**
 * The server counts a request when it arrives, a little after it was sent: a request is sent this much
 * after the one it replaces in the window has left it.
 */
function margin(ms: number): number {
	return Math.min(1_000, Math.ceil(ms / 100));
}

/** Reserves the next send time of the window and returns it (now, when the window has room). */
export function reserveSendTime(window: RequestWindow, now = Date.now()): number {
	if (!(window.requests >= 1) || !(window.ms > 0)) return now;
	let times = sent.get(window.key);
	if (!times) {
		times = [];
		sent.set(window.key, times);
	}
	const requests = Math.floor(window.requests);
	const replaced = times.length >= requests ? times[times.length - requests] : undefined;
	const at = replaced === undefined ? now : Math.max(now, replaced + window.ms + margin(window.ms));
	times.push(Math.max(at, times[times.length - 1] ?? at));
	if (times.length > requests) times.splice(0, times.length - requests);
	return at;
}

/** The window a credential sets ("Requests per Window" in "Window (Seconds)"); none when either is 0. */
export function credentialWindow(key: string, requests: unknown, seconds: unknown, defaults: { requests: number; seconds: number }): RequestWindow | undefined {
	const count = requests === undefined || requests === '' ? defaults.requests : Number(requests);
	const length = seconds === undefined || seconds === '' ? defaults.seconds : Number(seconds);
	if (!Number.isFinite(count) || !Number.isFinite(length) || count < 1 || length <= 0) return undefined;
	return { key, requests: count, ms: length * 1000 };
}
