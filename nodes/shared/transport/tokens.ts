/**
 * Token requests of the credentials' preAuthentication. Calls that find the token empty or refused
 * at nearly the same moment (several executions, a trigger and a node, items of a run after a token
 * expired on the server) would each ask for a new one; two per-process memos collapse those asks
 * into one token request: the request in flight, and the token fetched in the last minute (reused
 * by a caller whose failed token is an older one). The token of record is the one n8n saves in the
 * credential, which carries it across executions and processes; these memos only stop a burst from
 * fetching many.
 */
import { createHash } from 'crypto';
import { redirectTarget } from './failure';
import type * as workflow from 'n8n-workflow';
import { optionalN8nFunction } from './optionalN8n';
import type {
	ICredentialDataDecryptedObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

/** A token and when it stops working (ISO time), as a credential stores them. */
export interface IssuedToken {
	token: string;
	expiresAt?: string;
	/** What it was issued for (tokenIssuer): stored beside it. */
	issuer?: string;
}

/** A token this close to its expiry is renewed before use rather than sent to be refused. */
const EXPIRY_MARGIN_MS = 60_000;

const hasExpired = (expiresAt: unknown) => {
	const time = Date.parse(String(expiresAt ?? ''));
	return Number.isFinite(time) && time - EXPIRY_MARGIN_MS <= Date.now();
};

const inFlight = new Map<string, Promise<IssuedToken>>();
const recent = new Map<string, { issued: IssuedToken; at: number }>();
const RECENT_MS = 60_000;

/**
 * `identity` lists what makes two credentials the same (URL, client, secret, …); it is hashed,
 * never kept.
 */
export async function coalescedToken(
	identity: string[],
	currentToken: unknown,
	fetchToken: () => Promise<IssuedToken>,
): Promise<IssuedToken> {
	const key = createHash('sha256').update(identity.join('\n')).digest('hex');
	const pending = inFlight.get(key);
	if (pending) return await pending;
	const fresh = recent.get(key);
	if (
		fresh &&
		Date.now() - fresh.at < RECENT_MS &&
		fresh.issued.token !== currentToken &&
		!hasExpired(fresh.issued.expiresAt)
	)
		return fresh.issued;
	// A failed or timed-out request is forgotten as soon as it settles, so the next call asks again.
	const request = fetchToken()
		.then((issued) => {
			recent.set(key, { issued, at: Date.now() });
			return issued;
		})
		.finally(() => inFlight.delete(key));
	inFlight.set(key, request);
	return await request;
}

/** The token requests being sent, so giving up on them also closes their connections. */
const openTokenRequests = new Set<AbortController>();

/**
 * Drops every token request in flight, and closes their connections: one that hangs must not hold
 * back the calls after it, nor keep reading after the call that waited for it gave up.
 */
export function forgetTokenRequests() {
	inFlight.clear();
	for (const request of openTokenRequests) request.abort();
	openTokenRequests.clear();
}

/**
 * When a token that lives `seconds` expires, as stored beside it; undefined when the server did not
 * say.
 */
export function expiryOf(seconds: unknown): string | undefined {
	const n = typeof seconds === 'string' ? Number(seconds) : seconds;
	return typeof n === 'number' && Number.isFinite(n) && n > 0
		? new Date(Date.now() + n * 1000).toISOString()
		: undefined;
}

/**
 * Empties the stored token of a credential read for a run when its stored expiry has passed, so
 * that n8n fetches (and saves) a new one before the first call instead of learning it from a
 * refused call. The object is the one the run hands n8n with every call (see requestOptions in
 * apiClient.ts).
 */
export function dropExpiredToken(credentials: ICredentialDataDecryptedObject) {
	if (credentials.accessToken && hasExpired(credentials.accessExpiresAt))
		credentials.accessToken = '';
}

/** A token answer parsed when it is JSON; `undefined` for an HTML page or text. */
export function parseTokenAnswer(body: unknown): Record<string, unknown> | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body))
		return body as Record<string, unknown>;
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
 * A token call has no node Timeout to obey (n8n calls preAuthentication outside any node), so it
 * gets a fixed bound: a token endpoint that accepts the connection and never answers fails the call
 * in time, and the in-flight memo above forgets it at once.
 */
export const TOKEN_TIMEOUT_MS = 30_000;

export interface TokenAnswer {
	statusCode: number;
	body: unknown;
	headers?: Record<string, string>;
}

/**
 * The allowlist of the credential's "Allowed HTTP Request Domains" for its own token request
 * (n8n-workflow 2.41's rule for a credential's own requests); undefined where it sets none, or
 * where an older n8n lacks it.
 */
function tokenAllowedDomains(credentials: object): string | undefined {
	const rule = optionalN8nFunction<(data: object) => string | undefined>(
		'getCredentialOwnRequestAllowedDomains',
	);
	return rule?.(credentials);
}

/**
 * n8n's own domain check (n8n applies it to the request too; this one lets the error say what to
 * do).
 */
function isAllowed(url: string, allowedDomains: string): boolean {
	const assertUrlAllowed =
		optionalN8nFunction<typeof workflow.assertUrlAllowed>('assertUrlAllowed');
	if (!assertUrlAllowed) return true;
	try {
		assertUrlAllowed({ url, allowedDomains });
		return true;
	} catch {
		return false;
	}
}

/**
 * Sends a request the credential makes itself (its token request; Halo's /api/authinfo); any status
 * comes back as an answer, while an unreachable or silent URL, a URL outside the credential's
 * allowed domains and a redirect are CredentialTokenErrors. A redirect is never followed: a token
 * request carries the credential's secrets, which go only to the URL the credential names.
 */
export async function sendCredentialRequest(
	this: IHttpRequestHelper,
	credentials: object,
	options: IHttpRequestOptions & { url: string },
	unreachable: (reason: string) => string,
): Promise<TokenAnswer> {
	const allowedDomains = tokenAllowedDomains(credentials);
	const host = new URL(options.url).hostname;
	if (allowedDomains && !isAllowed(options.url, allowedDomains)) {
		throw new CredentialTokenError(
			`The token URL's host ${host} is not in the credential's Allowed Domains ` +
				`(${allowedDomains}), so the token request was not sent. Add ${host} to Allowed Domains, ` +
				`or correct the token URL.`,
		);
	}
	// Closes the connection too, not only the wait: a URL that sends its answer a byte at a time is
	// cut off, at the token request's own bound or when the call that waits for it gives up
	// (forgetTokenRequests).
	const open = new AbortController();
	openTokenRequests.add(open);
	const signal = AbortSignal.any([open.signal, AbortSignal.timeout(TOKEN_TIMEOUT_MS)]);
	const sent = await this.helpers
		.httpRequest({
			timeout: TOKEN_TIMEOUT_MS,
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			json: false,
			encoding: 'text',
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
			abortSignal: signal,
			agentOptions: { signal } as IHttpRequestOptions['agentOptions'],
			...(allowedDomains ? { allowedDomains } : {}),
		})
		.then(
			(answer: TokenAnswer) => ({ answer }),
			(error: Error) => ({
				failure:
					signal.aborted ||
					/timeout|ETIMEDOUT|ECONNABORTED|aborted/i.test(
						`${(error as { code?: string }).code} ${error.message}`,
					)
						? `no answer within ${TOKEN_TIMEOUT_MS / 1000} s`
						: error.message,
			}),
		);
	openTokenRequests.delete(open);
	if ('failure' in sent) throw new CredentialTokenError(unreachable(sent.failure));
	const { answer } = sent;
	if (answer.statusCode >= 300 && answer.statusCode < 400) {
		const location = answer.headers?.location ?? answer.headers?.Location;
		const to = redirectTarget(location, options.url).host;
		throw new CredentialTokenError(
			`The token URL ${options.url} answered with a redirect (HTTP ${answer.statusCode}) from ` +
				`${new URL(options.url).host} to ${to}: not followed, so the credential's secrets were ` +
				`not sent there. Set the token URL to the address the token is really issued at.`,
		);
	}
	return answer;
}

/**
 * What a stored token was issued for: the token URL and the client (a digest, so the credential
 * stores no copy of either). n8n keeps a hidden token through an edit of the credential, so a token
 * issued by one server or for one client would otherwise be sent to another after the URL or client
 * changed.
 */
export function tokenIssuer(tokenUrl: string, client: unknown): string {
	const identity = `${tokenUrl}\n${String(client ?? '')}`;
	let digest = issuerDigests.get(identity);
	if (digest === undefined) {
		digest = createHash('sha256').update(identity).digest('hex').slice(0, 32);
		// The credentials' authenticate() asks on every request: the digests of the few URLs and
		// clients in use are kept (a handful per process; the memory is emptied should it ever grow
		// past a bound).
		if (issuerDigests.size >= MAX_ISSUER_DIGESTS) issuerDigests.clear();
		issuerDigests.set(identity, digest);
	}
	return digest;
}

const issuerDigests = new Map<string, string>();
const MAX_ISSUER_DIGESTS = 1_000;

/**
 * Empties the stored token of a credential read for a run when it was issued for another token URL
 * or client than the credential now names, so n8n fetches a new one before the first call.
 */
export function dropTokenOfAnotherIssuer(
	credentials: ICredentialDataDecryptedObject,
	issuer: string,
) {
	if (credentials.accessToken && credentials.accessTokenIssuer !== issuer)
		credentials.accessToken = '';
}
