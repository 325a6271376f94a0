/** Secrets out of server text: as sent, URL-encoded, JSON-escaped, and any echoed Authorization value. */
import { basicAuthValue, redact } from '../../nodes/shared/transport/redact';

test('every form of a secret is replaced, the rest of the text kept', () => {
	const secret = 's3cr3t/with+chars"';
	const text = `refused client_secret=${encodeURIComponent(secret)} body {"v":${JSON.stringify(secret)}} raw ${secret}`;
	const out = redact(text, [secret]);
	expect(out).not.toContain(encodeURIComponent(secret));
	expect(out).not.toContain(secret);
	expect(out).toContain('refused client_secret=[redacted]');
});

test('Authorization values echoed back are replaced even when not known in advance', () => {
	const basic = basicAuthValue('user', 'pass');
	expect(redact(`with Bearer abcdef0123456789 and Basic ${basic}`, [])).toBe(
		'with Bearer [redacted] and Basic [redacted]',
	);
});

test('short or empty values are not treated as secrets', () => {
	expect(redact('id 1 of 12', ['1', '', undefined])).toBe('id 1 of 12');
});
