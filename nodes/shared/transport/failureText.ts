/**
 * Every failure of the shared client in words a user can act on: one skeleton for the three APIs.
 * What happens on the way (no answer in time, a refused redirect, a web page instead of JSON, a
 * rate-limit wait longer than allowed) reads alike for all; each API brings a table of its own
 * texts (its token problems, the statuses it documents, what to check before sending a write
 * again, the reference its support asks for), and the error never carries a secret.
 */
import { NodeApiError, type IDataObject, type INode, type JsonObject } from 'n8n-workflow';
import type { ApiCall, ApiConnection, ApiService } from './apiClient';
import {
	looksLikeHtml,
	networkFailureInWords,
	notResentNote,
	parseMaybeJson,
	redirectTarget,
	retryAfterMs,
	type HttpFailure,
} from './failure';
import { redact } from './redact';

/**
 * Raised for a 2xx answer that is not what the call expects (a web page at the wrong URL, plain
 * text).
 */
export const NOT_JSON = 'not-json';
/** Raised when an attempt got no answer at all within the node's timeout. */
export const DEADLINE = 'no-answer';
/** Raised for a redirect that is not followed (another origin, a write, too many). */
export const REDIRECT = 'redirect';
/** Raised when a pause the API asked for is longer than what is left of the rate limit budget. */
export const PAUSED = 'paused';
/** Raised when the credential's request window is used up for longer than the rate limit budget. */
export const WINDOW_USED_UP = 'window-used-up';

/** Same-origin redirects followed per call, at most; a redirect elsewhere is never followed. */
export const MAX_REDIRECTS = 5;

/** A failure's message and what to do about it. */
export interface FailureWords {
	message: string;
	description: string;
	/** The text already says the call was not sent again (no general note is added). */
	saysNotResent?: boolean;
}

/** What a failure means to the user, in one API's words. */
export interface FailureText extends FailureWords {
	/** Ids worth keeping with the error (the server's message, correlation or trace ids). */
	extra?: JsonObject;
}

/** What a table's texts are made from. */
export interface FailureFacts {
	failure: HttpFailure;
	call: ApiCall;
	attempts: number;
	connection: ApiConnection;
	/** The server's own words, when its answer has any. */
	server?: string;
	/** "GET /api/EcommerceOrder/42": the call as the API's documentation names it. */
	where: string;
}

/** A case of the API's own: its words, or undefined when the failure is not that case. */
export type FailureRule = (facts: FailureFacts) => FailureWords | undefined;

/** One API's failure texts. */
export interface FailureTable {
	/** The server's words and the reference its support asks for, from the API's error shape. */
	read(failure: HttpFailure): {
		server?: string;
		reference?: { label: string; key: string; id: string };
	};
	/** Prefix of `where` before the call's path (Halo's /api). */
	pathPrefix?: string;
	/** The token could not be had: the credential is what to fix. */
	tokenProblem: (facts: FailureFacts) => FailureWords;
	/** Cases checked before the status (an order whose answer was lost, an app-only call). */
	special?: FailureRule[];
	/** The statuses the API documents, in its words; any other is worded alike for all. */
	statuses: Partial<Record<number, (facts: FailureFacts) => FailureWords>>;
	/** For a write that failed with no clear answer: how to check whether it was made. */
	checkBeforeResending: string;
}

/**
 * One API's failure through its table: the token problem, the special cases, the status, or the
 * wording every API shares; then the note that a write was not sent again and the support
 * reference.
 */
export function describeFailure(
	service: ApiService,
	failure: HttpFailure,
	call: ApiCall,
	attempts: number,
	connection: ApiConnection,
): FailureText {
	const table = service.failures;
	const { server, reference } = table.read(failure);
	const where = `${call.method} ${table.pathPrefix ?? ''}${call.path}`;
	const facts: FailureFacts = { failure, call, attempts, connection, server, where };
	let words: FailureWords | undefined;
	if (failure.tokenProblem) words = table.tokenProblem(facts);
	else for (const rule of table.special ?? []) if ((words ??= rule(facts))) break;
	words ??=
		(failure.status ? table.statuses[failure.status]?.(facts) : undefined) ??
		describeOtherFailure(failure, where, server, service);
	let { message, description } = words;
	const notResent =
		failure.tokenProblem || words.saysNotResent
			? undefined
			: notResentNote(failure, call.idempotent, service.name, table.checkBeforeResending);
	if (notResent) description = `${notResent} ${description}`;
	const extra: IDataObject = {};
	if (server) extra.serverMessage = server;
	if (reference) {
		message += ` (${reference.label} ${reference.id})`;
		description += ` Quote ${reference.label} ${reference.id} to ${service.name} support.`;
		extra[reference.key] = reference.id;
	}
	return { message, description, extra: extra as JsonObject };
}

/**
 * The failures every API words alike, from the API's name and where its address is set: a server
 * error, no answer in time, no connection, any other status. Each API words the statuses it
 * documents itself.
 */
function describeOtherFailure(
	failure: HttpFailure,
	where: string,
	server: string | undefined,
	service: Pick<ApiService, 'name' | 'addressSetting'>,
): { message: string; description: string } {
	if (failure.status && failure.status >= 500) {
		const details = looksLikeHtml(failure.bodyText)
			? 'The server answered with an HTML error page.'
			: 'No details were given.';
		return {
			message: `${service.name} had an internal error (HTTP ${failure.status}) on ${where}`,
			description:
				`${server ?? details} ` +
				`Try again later; if it persists, check ${service.name}'s status.`,
		};
	}
	if (
		!failure.status &&
		/ECONNABORTED|ETIMEDOUT|timeout/i.test(`${failure.code} ${failure.message}`)
	) {
		return {
			message: `${service.name} did not answer ${where} in time`,
			description:
				`${service.name} did not answer within the node's Timeout (Seconds). Try ` +
				`again later, or raise the timeout if this call is slow.`,
		};
	}
	if (!failure.status) {
		return {
			message: `Could not reach ${service.name} for ${where}: ${networkFailureInWords(failure)}`,
			description:
				`Check ${service.addressSetting} and that n8n can reach it (network error ` +
				`${failure.code ?? failure.message}).`,
		};
	}
	return {
		message:
			`${service.name} answered HTTP ${failure.status} on ${where}` + (server ? `: ${server}` : ''),
		description: `See the ${service.name} API documentation for this call.`,
	};
}

/**
 * One clear NodeApiError, built from a clean object (no request options, no token) and with every
 * secret the call carried replaced.
 */
export function apiError(
	node: INode,
	unsafeFailure: HttpFailure,
	call: ApiCall,
	attempts: number,
	connection: ApiConnection,
): NodeApiError {
	const secrets = [...connection.secrets, ...(call.sentSecrets ?? [])];
	// The server's text is redacted whole before any wording quotes or cuts it: a secret cut in two
	// by a length limit would no longer be recognised.
	const failure = redactedFailure(unsafeFailure, secrets);
	const service = connection.service;
	let text: FailureText;
	if (failure.code === DEADLINE) {
		const tokenUrl = service.tokenUrl?.(connection.credentials);
		const seconds = Math.round(connection.timeoutMs / 1000);
		text = {
			message:
				`${service.name} did not answer ${call.method} ${call.path} within ${seconds} s` +
				(tokenUrl ? `, or its token URL ${tokenUrl} did not answer the token request` : ''),
			description:
				`Nothing came back within the node's Timeout (Seconds). Check that ` +
				`${tokenUrl ? 'the token URL and ' : ''}${service.addressSetting} answer; the next run ` +
				`asks for a new token.` +
				(call.idempotent
					? ''
					: ' The change may or may not have been made: check before running again.'),
		};
	} else if (failure.code === WINDOW_USED_UP && connection.window) {
		const { requests, ms } = connection.window;
		text = {
			message:
				`${service.name}: the credential's request window (${requests} requests per ` +
				`${Math.round(ms / 1000)} s) is used up for the next ` +
				`${Math.ceil((failure.waitMs ?? 0) / 1000)} s, longer than Rate Limit Wait (Seconds) ` +
				`allows`,
			description:
				`Nothing was sent. Raise Rate Limit Wait (Seconds) (in the node's options) so the ` +
				`node waits for the window to free up, lower the number of items, or raise Requests per ` +
				`Window in the credential if your instance allows more.`,
		};
	} else if (failure.code === PAUSED) {
		text = {
			message:
				`${service.name} asked for a pause of ` +
				`${Math.ceil((failure.waitMs ?? 0) / 1000)} s before ${call.method} ${call.path}, longer ` +
				`than what is left of Rate Limit Wait (Seconds)`,
			description:
				`Nothing was sent for this item. ${service.name} said its rate limit window is used ` +
				`up. Raise Rate Limit Wait (Seconds) (in the node's options) so the node waits, or send ` +
				`fewer items per run.`,
		};
	} else if (failure.code === REDIRECT) {
		const from = new URL(connection.baseURL);
		const to = redirectTarget(failure.redirectTo, from).host;
		const elsewhere = to !== from.host;
		text = {
			message:
				`${service.name} answered ${call.method} ${call.path} with a redirect (HTTP ` +
				`${failure.status}) from ${from.host} to ${to}: not followed`,
			description: elsewhere
				? `A redirect to another host would carry the credential there, so nothing was sent to ` +
					`${to}. If ${service.name} moved, put the new address in ${service.addressSetting}; ` +
					`otherwise something between n8n and ${from.host} is redirecting.`
				: `Only reads follow a redirect on the same host (at most ${MAX_REDIRECTS}); a write is ` +
					`not sent again to another path. Check ` +
					`${service.addressSetting}.${call.idempotent ? '' : ' The change was not made.'}`,
		};
	} else if (failure.code === NOT_JSON) {
		const what =
			looksLikeHtml(failure.bodyText) || !failure.bodyText
				? 'a web page (HTML)'
				: 'text that is not JSON';
		text = {
			message:
				`${service.name} answered ${call.method} ${call.path} with ${what}, not the ` +
				`JSON the API sends`,
			description:
				`The address probably points at a website rather than the ${service.name} ` +
				`API: check ${service.addressSetting}. Nothing in this answer was ` +
				`used${call.method === 'GET' ? '' : ', and the change may not have been made'}.`,
		};
	} else {
		text = describeFailure(service, failure, call, attempts, connection);
	}
	const message = redact(text.message, secrets);
	const description = redact(text.description, secrets);
	const clean: JsonObject = { message, httpCode: failure.status ? String(failure.status) : 'none' };
	for (const [key, value] of Object.entries(text.extra ?? {}))
		clean[key] = typeof value === 'string' ? redact(value, secrets) : value;
	return new NodeApiError(node, clean, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: connection.itemIndex,
		failure: failureCause(failure),
	});
}

/**
 * The failure with every secret taken out of the server's text and body, before anything quotes
 * them.
 */
function redactedFailure(failure: HttpFailure, secrets: string[]): HttpFailure {
	if (failure.bodyText === undefined) return failure;
	const bodyText = redact(failure.bodyText, secrets);
	if (bodyText === failure.bodyText) return failure;
	const body =
		typeof failure.body === 'object' && failure.body !== null && !Buffer.isBuffer(failure.body)
			? (parseMaybeJson(bodyText) ?? bodyText)
			: bodyText;
	return { ...failure, bodyText, body };
}

/**
 * Why the call failed, in n8n's own terms (NodeApiError's `failure`), so n8n can tell a rate limit
 * or an outage, which a wait may cure, from a credential or a setting someone has to fix.
 */
export function failureCause(
	failure: HttpFailure,
): NonNullable<ConstructorParameters<typeof NodeApiError>[2]>['failure'] {
	if (failure.tokenProblem || failure.status === 401) return { cause: 'credential-invalid' };
	if (failure.status === 429 || failure.code === PAUSED || failure.code === WINDOW_USED_UP) {
		const wait = failure.waitMs ?? retryAfterMs(failure.headers);
		return wait !== undefined
			? { cause: 'rate-limited', retryAfterMs: Math.ceil(wait) }
			: { cause: 'rate-limited' };
	}
	if (failure.code === REDIRECT || failure.code === NOT_JSON)
		return { cause: 'configuration-invalid' };
	if (
		(failure.status ?? 0) >= 500 ||
		failure.code === DEADLINE ||
		(!failure.status && failure.code)
	)
		return { cause: 'temporarily-unavailable' };
	return undefined;
}
