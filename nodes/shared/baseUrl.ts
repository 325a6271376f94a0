/**
 * The rule for a base URL typed into a credential, written once: trimmed, without trailing slashes,
 * the API's default when empty. Node code calls `baseUrlOf`; a request that n8n resolves itself
 * from the credential (the credential test, an OAuth token URL) uses `baseUrlExpression`, the same
 * rule as an n8n expression.
 */
const TRAILING_SLASHES = /\/+$/;

export function baseUrlOf(value: unknown, fallback = ''): string {
	return (typeof value === 'string' ? value : '').trim().replace(TRAILING_SLASHES, '') || fallback;
}

/**
 * `baseUrlOf` over a credential field (`$credentials.x` or `$self.x`) as the JavaScript of an n8n
 * expression, to be put inside `={{ }}`; `then` adds further replaces applied to the result, as
 * `.replace(...)` calls.
 */
export function baseUrlExpression(field: string, fallback = '', then: RegExp[] = []): string {
	const text = `(typeof ${field} === "string" ? ${field} : "")`;
	const trimmed = `${text}.trim().replace(${TRAILING_SLASHES}, "")`;
	const withFallback = fallback ? `(${trimmed} || ${JSON.stringify(fallback)})` : trimmed;
	return `${withFallback}${then.map((pattern) => `.replace(${pattern}, "")`).join('')}`;
}
