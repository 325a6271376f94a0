/**
 * n8n runs a node's items concurrently, so when a stored token is empty or expired, every item asks for
 * a new one at nearly the same moment. Two per-process memos collapse those asks into one token
 * request: the request in flight, and the token fetched in the last minute (reused by a caller whose
 * failed token is an older one). The token of record is the one n8n saves in the credential, which
 * carries it across executions and processes; these memos only stop a burst from fetching many.
 */
import { createHash } from 'crypto';
import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

const inFlight = new Map<string, Promise<string>>();
const recent = new Map<string, { token: string; at: number }>();
const RECENT_MS = 60_000;

/** `identity` lists what makes two credentials the same (URL, client, secret, …); it is hashed, never kept. */
export async function coalescedToken(identity: string[], currentToken: unknown, fetchToken: () => Promise<string>): Promise<string> {
	const key = createHash('sha256').update(identity.join('\n')).digest('hex');
	const pending = inFlight.get(key);
	if (pending) return await pending;
	const fresh = recent.get(key);
	if (fresh && Date.now() - fresh.at < RECENT_MS && fresh.token !== currentToken) return fresh.token;
	const request = fetchToken()
		.then((token) => {
			recent.set(key, { token, at: Date.now() });
			return token;
		})
		.finally(() => inFlight.delete(key));
	inFlight.set(key, request);
	return await request;
}

/** A token answer parsed when it is JSON; `undefined` for an HTML page or text. */
export function parseTokenAnswer(body: unknown): Record<string, unknown> | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as Record<string, unknown>;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? '');
	try {
		const value = JSON.parse(text);
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

/** A token problem the user must fix in the credential; its message is already written for them. */
export class CredentialTokenError extends Error {
	name = 'CredentialTokenError';
}

/**
 * A token call has no node Timeout to obey (n8n calls preAuthentication outside any node), so it gets a
 * fixed bound: a token endpoint that accepts the connection and never answers fails the call in time, and
 * the in-flight memo above forgets it at once.
 */
export const TOKEN_TIMEOUT_MS = 30_000;

export interface TokenAnswer {
	statusCode: number;
	body: unknown;
	headers?: Record<string, string>;
}

/** Sends a token request; any status comes back as an answer, while an unreachable or silent URL is a CredentialTokenError. */
export async function requestTokenAnswer(this: IHttpRequestHelper, options: IHttpRequestOptions, unreachable: (reason: string) => string): Promise<TokenAnswer> {
	const sent = await this.helpers
		.httpRequest({ timeout: TOKEN_TIMEOUT_MS, ...options, returnFullResponse: true, ignoreHttpStatusErrors: true, json: false, encoding: 'text' })
		.then((answer: TokenAnswer) => ({ answer }), (error: Error) => ({ failure: /timeout|ETIMEDOUT|ECONNABORTED/i.test(`${(error as { code?: string }).code} ${error.message}`) ? `no answer within ${TOKEN_TIMEOUT_MS / 1000} s` : error.message }));
	if ('failure' in sent) throw new CredentialTokenError(unreachable(sent.failure));
	return sent.answer;
}
