/**
 * Pacing by a request window the API documents (hosted HaloPSA: 300 requests per rolling 5
 * minutes): each request takes a place in the window before it is sent, so that no more than
 * `requests` reach the server within any `ms`. Places are taken synchronously, in order, so items
 * running side by side never share one.
 *
 * Place k replaces place k - requests: it is sent once that earlier call has finished and `ms` have
 * passed. The finish is what counts, not the planned send time, because a call can reach the server
 * well after it was planned (a token fetched first, a slow connection), and the server counts it
 * when it arrives.
 *
 * The window is counted per n8n process: several processes (queue mode workers) sharing one
 * credential each keep to it, and the 429 wait in the client covers what they spend together.
 */
export interface RequestWindow {
	/** Which credential and server the window belongs to. */
	key: string;
	requests: number;
	ms: number;
}

/** One request's place in a window. */
export interface WindowPlace {
	/** When the request is planned to go (now, when the window has room). */
	at: number;
	/**
	 * How much longer to wait before sending, now that earlier calls may have finished later than
	 * planned; resolves at once when nothing is left.
	 */
	remainingWait(now?: number): Promise<number>;
	/**
	 * Marks the call finished (answered, failed or never sent); must be called once on every path.
	 */
	finish(now?: number): void;
}

interface Place {
	at: number;
	finishedAt?: number;
	finished: Promise<void>;
	markFinished: () => void;
}

/** The last `requests` places of each window, in the order they were taken. */
const places = new Map<string, Place[]>();

/** A little slack for clocks and the time between a server counting a request and answering it. */
function margin(ms: number): number {
	return Math.min(1_000, Math.ceil(ms / 100));
}

function nextFree(replaced: Place | undefined, window: RequestWindow, now: number): number {
	if (!replaced) return now;
	return Math.max(now, (replaced.finishedAt ?? replaced.at) + window.ms + margin(window.ms));
}

const UNPACED: WindowPlace = { at: 0, remainingWait: async () => 0, finish: () => undefined };

/** Takes the next place in the window. */
export function takePlace(window: RequestWindow, now = Date.now()): WindowPlace {
	if (!(window.requests >= 1) || !(window.ms > 0)) return { ...UNPACED, at: now };
	let list = places.get(window.key);
	if (!list) {
		list = [];
		places.set(window.key, list);
	}
	const requests = Math.floor(window.requests);
	const replaced = list.length >= requests ? list[list.length - requests] : undefined;
	let markFinished = () => {};
	const finished = new Promise<void>((resolve) => (markFinished = resolve));
	const place: Place = {
		at: Math.max(nextFree(replaced, window, now), list[list.length - 1]?.at ?? now),
		finished,
		markFinished,
	};
	list.push(place);
	if (list.length > requests) list.splice(0, list.length - requests);
	return {
		at: place.at,
		async remainingWait(later?: number) {
			if (replaced && replaced.finishedAt === undefined) await replaced.finished;
			const now = later ?? Date.now();
			return nextFree(replaced, window, now) - now;
		},
		finish(at = Date.now()) {
			if (place.finishedAt !== undefined) return;
			place.finishedAt = Math.max(at, place.at);
			place.markFinished();
		},
	};
}

/**
 * The window a credential sets ("Requests per Window" in "Window (Seconds)"); none when either is
 * 0.
 */
export function credentialWindow(
	key: string,
	requests: unknown,
	seconds: unknown,
	defaults: { requests: number; seconds: number },
): RequestWindow | undefined {
	const count = requests === undefined || requests === '' ? defaults.requests : Number(requests);
	const length = seconds === undefined || seconds === '' ? defaults.seconds : Number(seconds);
	if (!Number.isFinite(count) || !Number.isFinite(length) || count < 1 || length <= 0)
		return undefined;
	return { key, requests: count, ms: length * 1000 };
}
