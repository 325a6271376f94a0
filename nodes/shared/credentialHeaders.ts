import type { IHttpRequestOptions } from 'n8n-workflow';

/**
 * What the credentials' `authenticate` functions add to a request. A function, not n8n's expression
 * form (`'=Bearer {{$credentials.accessToken}}'`): n8n evaluates that expression, with a whole
 * expression context (the date helpers included), on every request, which profiling showed as an
 * eighth of a 10,000-Get run.
 */
export function withHeaders(
	requestOptions: IHttpRequestOptions,
	headers: Record<string, string>,
): IHttpRequestOptions {
	return { ...requestOptions, headers: { ...(requestOptions.headers ?? {}), ...headers } };
}

/**
 * A credential field as header text (an absent field is empty, as n8n's expression form gave it).
 */
export function fieldText(value: unknown): string {
	return value === undefined || value === null ? '' : String(value);
}

/**
 * The Authorization value of a credential whose stored token is tied to what issued it (see
 * tokenIssuer): a token issued for another token URL or client (the credential was edited) is not
 * sent, and the server's 401 makes n8n fetch one for the credential as it is now.
 */
export function bearerIfIssuedFor(credentials: Record<string, unknown>, issuer: string): string {
	const issuedHere = credentials.accessTokenIssuer === issuer;
	return `Bearer ${issuedHere ? fieldText(credentials.accessToken) : ''}`;
}

/**
 * What a credential's preAuthentication stores: the token, its expiry and what it was issued for.
 */
export function storedToken(issued: { token: string; expiresAt?: string; issuer?: string }) {
	return {
		accessToken: issued.token,
		accessExpiresAt: issued.expiresAt ?? '',
		accessTokenIssuer: issued.issuer ?? '',
	};
}
