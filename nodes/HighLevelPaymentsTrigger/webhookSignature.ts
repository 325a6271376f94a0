/**
 * HighLevel webhook authenticity: `x-ghl-signature` (Ed25519) or the older `x-wh-signature` (RSA
 * PKCS#1 v1.5 over SHA-256), both base64 over the raw body bytes, checked with HighLevel's
 * published public keys unless the user gives others (white-label, sandbox). Then the replay rules
 * HighLevel documents: a `timestamp` within the allowed age, and each `webhookId` once.
 */
import { createPublicKey, verify, type KeyObject } from 'crypto';

/** HighLevel's published keys (Webhook Authentication Guide). */
export const HIGHLEVEL_ED25519_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAi2HR1srL4o18O8BRa7gVJY7G7bupbN3H9AwJrHCDiOg=
-----END PUBLIC KEY-----`;

export const HIGHLEVEL_RSA_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEAokvo/r9tVgcfZ5DysOSC
Frm602qYV0MaAiNnX9O8KxMbiyRKWeL9JpCpVpt4XHIcBOK4u3cLSqJGOLaPuXw6
dO0t6Q/ZVdAV5Phz+ZtzPL16iCGeK9po6D6JHBpbi989mmzMryUnQJezlYJ3DVfB
csedpinheNnyYeFXolrJvcsjDtfAeRx5ByHQmTnSdFUzuAnC9/GepgLT9SM4nCpv
uxmZMxrJt5Rw+VUaQ9B8JSvbMPpez4peKaJPZHBbU3OdeCVx5klVXXZQGNHOs8gF
3kvoV5rTnXV0IknLBXlcKKAQLZcY/Q9rG6Ifi9c+5vqlvHPCUJFT5XUGG5RKgOKU
J062fRtN+rLYZUV+BjafxQauvC8wSWeYja63VSUruvmNj8xkx2zE/Juc+yjLjTXp
IocmaiFeAO6fUtNjDeFVkhf5LNb59vECyrHD2SQIrhgXpO4Q3dVNA5rw576PwTzN
h/AMfHKIjE4xQA1SZuYJmNnmVZLIZBlQAF9Ntd03rfadZ+yDiOXCCs9FkHibELhC
HULgCsnuDJHcrGNd5/Ddm5hxGQ0ASitgHeMZ0kcIOwKDOzOU53lDza6/Y09T7sYJ
PQe7z0cvj7aE4B+Ax1ZoZGPzpJlZtGXCsu9aTEGEnKzmsFqwcSsnw3JB31IGKAyk
T1hhTiaCeIY/OwwwNUY2yvcCAwEAAQ==
-----END PUBLIC KEY-----`;

export type Rejection = { reason: string };

/**
 * The key the user configured, or a rejection naming the parameter when it is not a PEM public key.
 */
function publicKey(pem: string, label: string): KeyObject | Rejection {
	// Users paste keys with literal "\n" or without line breaks; normalise before parsing.
	const text = pem.trim().replace(/\\n/g, '\n');
	let key: KeyObject | undefined;
	try {
		key = createPublicKey(text);
	} catch {
		key = undefined;
	}
	return (
		key ?? {
			reason:
				`the node's ${label} is not a PEM public key ("-----BEGIN PUBLIC KEY-----" …): fix ` +
				`it in the trigger's options`,
		}
	);
}

/** Checks the signature headers against the raw body; `undefined` when authentic. */
export function signatureRejection(
	raw: Buffer,
	headers: Record<string, unknown>,
	keys: { ed25519: string; rsa: string },
): Rejection | undefined {
	const header = (name: string) => {
		const value = headers[name];
		return typeof value === 'string' && value.trim() && value.trim() !== 'N/A'
			? value.trim()
			: undefined;
	};
	const ed25519 = header('x-ghl-signature');
	const rsa = header('x-wh-signature');
	if (ed25519) {
		const key = publicKey(keys.ed25519, 'Ed25519 Public Key');
		if ('reason' in key) return key;
		return verifies(() => verify(null, raw, key, Buffer.from(ed25519, 'base64')))
			? undefined
			: { reason: 'x-ghl-signature does not match the body (Ed25519)' };
	}
	if (rsa) {
		const key = publicKey(keys.rsa, 'RSA Public Key');
		if ('reason' in key) return key;
		return verifies(() => verify('sha256', raw, key, Buffer.from(rsa, 'base64')))
			? undefined
			: { reason: 'x-wh-signature does not match the body (RSA SHA-256)' };
	}
	return { reason: 'no x-ghl-signature or x-wh-signature header' };
}

/** A malformed signature (wrong length, not base64) is a signature that does not match. */
function verifies(check: () => boolean): boolean {
	try {
		return check();
	} catch {
		return false;
	}
}

/** Recent webhook ids, oldest first, as kept in static data: [id, receivedAt]. */
export type SeenIds = Array<[string, number]>;

/**
 * HighLevel recommends 5 minutes; an hour is the most the trigger accepts (the replay memory spans
 * twice the age).
 */
export const MAX_AGE_LIMIT_MINUTES = 60;

/**
 * The most ids remembered at once. Every id is kept for as long as its delivery could be accepted
 * again; when that many deliveries arrive within the window, further ones are answered 429, which
 * is the one answer HighLevel retries (about every 10 minutes, six times, the same payload), rather
 * than an id being forgotten early, which would let a replay of it through.
 */
export const MAX_REMEMBERED = 50_000;

/** Deliveries answered 429, as kept in static data: [webhookId, timestamp as sent, answeredAt]. */
export type DeferredDeliveries = Array<[string, string, number]>;

/**
 * HighLevel retries a delivery answered 429 for about 70 minutes; its retries are awaited this
 * long.
 */
export const RETRY_WINDOW_MS = 90 * 60_000;

/**
 * The most deliveries awaited again at once; past it a 429 is still answered, but not remembered.
 */
export const MAX_DEFERRED = 10_000;

export interface ReplayVerdict {
	/** A final refusal (401): a forgery, a replay, a stale delivery, a wrong setting. */
	rejection?: Rejection;
	/**
	 * Not now (429): HighLevel sends the same delivery again later, and it is accepted then, once.
	 */
	retryLater?: Rejection;
	seen: SeenIds;
	deferred: DeferredDeliveries;
}

/**
 * The timestamp and webhookId rules. A delivery older than `maxAgeMs` (or as far in the future) is
 * stale; an id seen within the remembered span is a replay. A Maximum Age that is not a number from
 * 1 minute to the limit (an expression such as "5m", an imported workflow) refuses every delivery:
 * it never switches the checks off. When the id memory is full, the delivery is answered 429 and
 * remembered as deferred: HighLevel's retry of it (same webhookId and timestamp, so older than the
 * age by then) is accepted once within RETRY_WINDOW_MS, and its id is then remembered like any
 * other.
 */
export function replayRejection(
	body: Record<string, unknown>,
	seen: SeenIds,
	maxAgeMs: number,
	now = Date.now(),
	deferred: DeferredDeliveries = [],
): ReplayVerdict {
	const waiting = deferred.filter(([, , at]) => now - at <= RETRY_WINDOW_MS);
	const refuse = (reason: string): ReplayVerdict => ({
		rejection: { reason },
		seen,
		deferred: waiting,
	});
	if (
		typeof maxAgeMs !== 'number' ||
		!Number.isFinite(maxAgeMs) ||
		maxAgeMs < 60_000 ||
		maxAgeMs > MAX_AGE_LIMIT_MINUTES * 60_000
	) {
		return refuse(
			`the trigger's Maximum Age (Minutes) must be a number from 1 to ` +
				`${MAX_AGE_LIMIT_MINUTES}; fix it in the node's options`,
		);
	}
	const time = Date.parse(String(body.timestamp ?? ''));
	if (!Number.isFinite(time)) return refuse('the body has no valid timestamp');
	const id = typeof body.webhookId === 'string' ? body.webhookId : undefined;
	// A retry of a delivery answered 429: the same id and timestamp, awaited, accepted this once.
	const retried = waiting.findIndex(([known, stamp]) => known === id && stamp === body.timestamp);
	if (Math.abs(now - time) > maxAgeMs && retried < 0)
		return refuse(
			`timestamp ${body.timestamp} is more than ${Math.round(maxAgeMs / 60000)} minutes from now`,
		);
	// An id can only come back while its timestamp is within the age (received at most maxAge after
	// it): keep it twice that. An accepted retry leaves the awaited list, so a later copy of it is
	// stale, and refused.
	const kept = seen.filter(([, at]) => now - at <= maxAgeMs * 2);
	if (!id) return { ...refuse('the body has no webhookId'), seen: kept };
	if (kept.some(([known]) => known === id))
		return { ...refuse(`webhookId ${id} was already received`), seen: kept };
	const stillWaiting = waiting.filter((_, index) => index !== retried);
	if (kept.length >= MAX_REMEMBERED) {
		const remembered = retried >= 0 || stillWaiting.length >= MAX_DEFERRED;
		return {
			retryLater: {
				reason:
					`more than ${MAX_REMEMBERED} deliveries within the accepted age: answered 429 so ` +
					`that HighLevel sends it again later, when it is accepted once`,
			},
			seen: kept,
			deferred: remembered ? waiting : [...waiting, [id, String(body.timestamp), now]],
		};
	}
	return { seen: [...kept, [id, now]], deferred: stillWaiting };
}

/** Both memories of recent ids, once each, oldest first. */
export function mergeSeen(a: SeenIds, b: SeenIds): SeenIds {
	const byId = new Map<string, number>();
	for (const [id, at] of [...a, ...b]) byId.set(id, Math.max(at, byId.get(id) ?? 0));
	return [...byId.entries()].sort((x, y) => x[1] - y[1]);
}
