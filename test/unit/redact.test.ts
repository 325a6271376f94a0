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

test.each([
	[
		"form-encoded (+ for spaces, !'()~ escaped)",
		(s: string) => new URLSearchParams({ s }).toString().slice(2),
	],
	[
		'URI-encoded with lower-case escapes',
		(s: string) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
	],
	['base64', (s: string) => Buffer.from(s).toString('base64')],
	['JSON-escaped', (s: string) => JSON.stringify(s).slice(1, -1)],
])('a secret echoed %s is replaced', (_label, encode) => {
	const secret = 'Wrong!Secret~ (it\'s) "x"';
	const out = redact(`echo: ${encode(secret)} end`, [secret]);
	expect(out).toBe('echo: [redacted] end');
});
