/**
 * Secrets out of any text built from a server's answer: a server may echo the request (the client
 * secret of a token call, a Basic string, a write-only value that was sent) in its error, and that
 * text goes into n8n's error messages, stored executions, continue-on-fail items and logs.
 */

const REDACTED = '[redacted]';

/**
 * Values shorter than this are not secrets worth the false matches (a "1" would redact every 1).
 */
const MIN_LENGTH = 4;

/**
 * The forms this package itself gives a secret on the wire, so an echo in any of them is caught: as
 * is, URI-encoded (query strings), form-encoded (token request bodies: `+` for spaces, `!'()~`
 * escaped too), JSON-escaped, and base64 (Basic authorization). Percent escapes are matched in
 * either letter case.
 */
function forms(secret: string): string[] {
	const formEncoded = new URLSearchParams({ s: secret }).toString().slice(2);
	const variants = new Set([
		secret,
		encodeURIComponent(secret),
		formEncoded,
		formEncoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
		encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
		JSON.stringify(secret).slice(1, -1),
		Buffer.from(secret).toString('base64'),
	]);
	return [...variants].filter((v) => v.length >= MIN_LENGTH);
}

export function redact(text: string, secrets: Array<string | undefined>): string {
	const all = secrets
		.filter((s): s is string => typeof s === 'string' && s.length >= MIN_LENGTH)
		.flatMap(forms);
	// Longest first: a token that contains a shorter secret is replaced whole.
	all.sort((a, b) => b.length - a.length);
	let out = text;
	for (const secret of all) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
	// An Authorization value echoed back is a secret whatever it holds (a token fetched after this
	// call began).
	return out.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`);
}

/** The Basic authorization value for a username and password, itself a secret to redact. */
export const basicAuthValue = (username: unknown, password: unknown) =>
	Buffer.from(`${String(username ?? '')}:${String(password ?? '')}`).toString('base64');

/**
 * Every string value of a credential under the given fields (nested objects such as oauthTokenData
 * included).
 */
export function secretValues(credentials: Record<string, unknown>, fields: string[]): string[] {
	const out: string[] = [];
	for (const field of fields) {
		const value = field
			.split('.')
			.reduce<unknown>(
				(v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
				credentials,
			);
		if (typeof value === 'string' && value) out.push(value);
	}
	return out;
}
