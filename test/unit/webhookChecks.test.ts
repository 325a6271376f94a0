/** HighLevel webhook checks: signatures over the raw body, the age limit and the replay memory. */
import { generateKeyPairSync, sign } from 'crypto';
import {
	MAX_REMEMBERED,
	RETRY_WINDOW_MS,
	type DeferredDeliveries,
	replayRejection,
	signatureRejection,
	type SeenIds,
} from '../../nodes/HighLevelPaymentsTrigger/webhookSignature';

const ed = generateKeyPairSync('ed25519');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const keys = {
	ed25519: ed.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
	rsa: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
};
const body = Buffer.from('{"type":"OrderCreate","webhookId":"w1"}');

describe('signatures', () => {
	test('Ed25519 (x-ghl-signature) and RSA (x-wh-signature) over the raw bytes', () => {
		expect(
			signatureRejection(
				body,
				{ 'x-ghl-signature': sign(null, body, ed.privateKey).toString('base64') },
				keys,
			),
		).toBeUndefined();
		expect(
			signatureRejection(
				body,
				{ 'x-wh-signature': sign('sha256', body, rsa.privateKey).toString('base64') },
				keys,
			),
		).toBeUndefined();
	});
	test('a tampered body, a garbled signature and a missing one are refused', () => {
		const signature = sign(null, body, ed.privateKey).toString('base64');
		expect(
			signatureRejection(Buffer.from(`${body} `), { 'x-ghl-signature': signature }, keys)?.reason,
		).toMatch(/does not match/);
		expect(
			signatureRejection(body, { 'x-ghl-signature': 'not base64 at all' }, keys)?.reason,
		).toMatch(/does not match/);
		expect(signatureRejection(body, {}, keys)?.reason).toMatch(/no x-ghl-signature/);
	});
	test('a configured key that is not PEM refuses the delivery and names the option', () => {
		const signature = sign(null, body, ed.privateKey).toString('base64');
		expect(
			signatureRejection(body, { 'x-ghl-signature': signature }, { ...keys, ed25519: 'abc' })
				?.reason,
		).toMatch(/Ed25519 Public Key is not a PEM public key/);
	});
	test('keys pasted with literal \\n are accepted', () => {
		const signature = sign(null, body, ed.privateKey).toString('base64');
		expect(
			signatureRejection(
				body,
				{ 'x-ghl-signature': signature },
				{ ...keys, ed25519: keys.ed25519.replace(/\n/g, '\\n') },
			),
		).toBeUndefined();
	});
});

describe('age and replays', () => {
	const now = Date.parse('2026-11-23T12:00:00Z');
	const delivery = (id: string, minutesAgo = 0) => ({
		webhookId: id,
		timestamp: new Date(now - minutesAgo * 60_000).toISOString(),
	});

	test.each([Number.NaN, Number('5m'), 0, -5 * 60_000, 61 * 60_000, Number.POSITIVE_INFINITY])(
		'a Maximum Age of %p refuses every delivery',
		(maxAgeMs) => {
			expect(replayRejection(delivery('a'), [], maxAgeMs, now).rejection?.reason).toMatch(
				/Maximum Age \(Minutes\) must be a number from 1 to 60/,
			);
		},
	);
	test('stale and future deliveries are refused, a fresh one is remembered', () => {
		expect(
			replayRejection(delivery('a', 31 * 24 * 60), [], 5 * 60_000, now).rejection?.reason,
		).toMatch(/more than 5 minutes/);
		expect(replayRejection(delivery('a', -6), [], 5 * 60_000, now).rejection).toBeDefined();
		const fresh = replayRejection(delivery('a', 1), [], 5 * 60_000, now);
		expect(fresh.rejection).toBeUndefined();
		expect(fresh.seen).toEqual([['a', now]]);
	});
	test('a replay is refused even after thousands of newer deliveries', () => {
		let seen: SeenIds = replayRejection(delivery('first'), [], 5 * 60_000, now).seen;
		for (let i = 0; i < 5000; i++)
			seen = replayRejection(delivery(`w${i}`), seen, 5 * 60_000, now + 1).seen;
		expect(replayRejection(delivery('first'), seen, 5 * 60_000, now + 2).rejection?.reason).toMatch(
			/already received/,
		);
	});
	test('ids leave the memory only once their delivery could no longer be accepted', () => {
		const seen = replayRejection(delivery('a'), [], 5 * 60_000, now).seen;
		const later = (minutes: number) =>
			replayRejection(delivery('b', -minutes), seen, 5 * 60_000, now + minutes * 60_000).seen.map(
				([id]) => id,
			);
		expect(later(9)).toEqual(['a', 'b']);
		expect(later(11)).toEqual(['b']);
	});
	test('a full memory answers 429 rather than forgetting an id, and accepts the retry once, after the age', () => {
		const full: SeenIds = Array.from({ length: MAX_REMEMBERED }, (_, i) => [`id${i}`, now]);
		const first = delivery('new');
		const result = replayRejection(first, full, 5 * 60_000, now);
		expect(result.rejection).toBeUndefined();
		expect(result.retryLater?.reason).toMatch(
			/answered 429 so that HighLevel sends it again later/,
		);
		expect(result.seen).toHaveLength(MAX_REMEMBERED);
		expect(result.deferred).toEqual([['new', first.timestamp, now]]);
		// Eleven minutes later the memory has room again; HighLevel's retry carries the same id and timestamp.
		const later = now + 11 * 60_000;
		const retry = replayRejection(first, result.seen, 5 * 60_000, later, result.deferred);
		expect(retry.rejection).toBeUndefined();
		expect(retry.retryLater).toBeUndefined();
		expect(retry.deferred).toEqual([]);
		expect(retry.seen).toEqual([['new', later]]);
		// Once accepted, the same delivery again is final: a replay, or a stale one after the id memory moves on.
		expect(
			replayRejection(first, retry.seen, 5 * 60_000, later + 1, retry.deferred).rejection?.reason,
		).toMatch(/already received|more than 5 minutes/);
		expect(
			replayRejection(first, [], 5 * 60_000, later + 60 * 60_000, retry.deferred).rejection?.reason,
		).toMatch(/more than 5 minutes/);
	});
	test('a stale delivery that was never answered 429 stays refused, as does an awaited one past the retry window or with another timestamp', () => {
		const first = delivery('late');
		const deferred: DeferredDeliveries = [['late', first.timestamp, now]];
		expect(
			replayRejection(
				{ ...first, timestamp: delivery('x', 1).timestamp },
				[],
				5 * 60_000,
				now + 10 * 60_000,
				deferred,
			).rejection?.reason,
		).toMatch(/more than 5 minutes/);
		expect(
			replayRejection(first, [], 5 * 60_000, now + RETRY_WINDOW_MS + 1, deferred).rejection?.reason,
		).toMatch(/more than 5 minutes/);
		expect(
			replayRejection(delivery('other', 10), [], 5 * 60_000, now, deferred).rejection,
		).toBeDefined();
	});
});
