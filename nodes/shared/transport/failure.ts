import type { IDataObject } from 'n8n-workflow';

/**
 * What a failed HTTP call tells us, dug out of n8n's error wrappers (NodeApiError -> axios error).
 */
export interface HttpFailure {
	status?: number;
	headers: Record<string, string>;
	/** Response body as text, or undefined when the server sent nothing (reset, time-out). */
	bodyText?: string;
	body?: unknown;
	/** Node's network error code (ECONNRESET, ETIMEDOUT, ...). */
	code?: string;
	message: string;
	/** Set when the token could not be obtained: the credential, not the call, is at fault. */
	tokenProblem?: string;
	/**
	 * For a call held back by the credential's request window: how long it would have had to wait.
	 */
	waitMs?: number;
	/** For a redirect that was not followed: where it pointed. */
	redirectTo?: string;
}

export function httpFailure(error: unknown): HttpFailure {
	const layers: IDataObject[] = [];
	let current = error as IDataObject | undefined;
	for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		layers.push(current);
		current = (current.cause ?? current.reason) as IDataObject | undefined;
	}
	const withResponse = layers.find((layer) => layer.response && typeof layer.response === 'object');
	const response = withResponse?.response as IDataObject | undefined;
	const statusRaw =
		(response?.status as number | undefined) ??
		(response?.statusCode as number | undefined) ??
		layers
			.map((layer) => Number(layer.httpCode))
			.find((code) => Number.isInteger(code) && code > 0);
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries((response?.headers as IDataObject) ?? {})) {
		headers[name.toLowerCase()] = String(value);
	}
	const body = response?.data ?? response?.body;
	const code = layers
		.map((layer) => layer.code)
		.find((c) => typeof c === 'string' && /^E[A-Z]+/.test(c)) as string | undefined;
	// Errors named *TokenError come from a credential's own token fetch, and n8n's OAuth2 client
	// reports a refused token request as code EAUTH with the OAuth error body: the credential is at
	// fault, not the call.
	const tokenLayer = layers.find(
		(layer) => typeof layer.name === 'string' && layer.name.endsWith('TokenError'),
	);
	const oauthLayer = layers.find(
		(layer) => layer.code === 'EAUTH' && layer.body && typeof layer.body === 'object',
	);
	return {
		tokenProblem: tokenLayer
			? String(tokenLayer.message)
			: oauthLayer
				? oauthRefusal(oauthLayer.body as IDataObject)
				: undefined,
		status: typeof statusRaw === 'number' && statusRaw > 0 ? statusRaw : undefined,
		headers,
		body,
		bodyText: bodyToText(body),
		code,
		message: String(
			(layers[layers.length - 1]?.message as string) ?? (error as Error)?.message ?? error,
		),
	};
}

/**
 * "the token request was refused: unsupported_grant_type (The grant type is not supported ...)".
 */
function oauthRefusal(body: IDataObject): string {
	const error = typeof body.error === 'string' ? body.error : 'refused';
	const detail =
		typeof body.error_description === 'string' && body.error_description
			? ` (${body.error_description})`
			: '';
	return `the token request was refused: ${error}${detail}`;
}

const NETWORK_FAILURES: Record<string, string> = {
	ECONNRESET: 'the connection was closed before the answer was complete',
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
	EPIPE: 'the connection was closed while sending',
};

/**
 * A failure with no answer, in words rather than its network code: n8n replaces an error message
 * that contains such a code (ECONNRESET, ...) with its own generic text.
 */
export function networkFailureInWords(failure: HttpFailure): string {
	return (
		NETWORK_FAILURES[failure.code ?? ''] ??
		(failure.code ? 'the connection failed' : failure.message)
	);
}

export function bodyToText(body: unknown): string | undefined {
	if (body === undefined || body === null) return undefined;
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	try {
		return JSON.stringify(body);
	} catch {
		return String(body);
	}
}

/** Parses JSON when it can; `undefined` for HTML, plain text or nothing. */
export function parseMaybeJson(body: unknown): unknown {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'object' && !Buffer.isBuffer(body)) return body;
	const text = bodyToText(body) ?? '';
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

export const looksLikeHtml = (text: string | undefined) =>
	!!text && /^\s*<(!doctype|html|head|body)/i.test(text);

/**
 * Where a redirect's Location points, resolved against the URL that answered: its address, its host
 * (with the port) and whether it stays on that origin. A Location that is no URL is named as it was
 * given.
 */
export function redirectTarget(
	location: unknown,
	from: string | URL,
): { to: string; host: string; sameOrigin: boolean } {
	const origin = new URL(from);
	try {
		const to = new URL(String(location ?? ''), origin);
		return { to: to.href, host: to.host, sameOrigin: to.origin === origin.origin };
	} catch {
		const given = location ? String(location) : '(no address)';
		return { to: given, host: given, sameOrigin: false };
	}
}

/** Retry-After as milliseconds: either delta-seconds or an HTTP date. */
export function retryAfterMs(headers: Record<string, string>): number | undefined {
	const value = headers['retry-after'];
	if (!value) return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

const TRANSIENT = [500, 502, 503, 504];

/**
 * For a create that failed with no usable answer (5xx, a dropped connection, a time-out): the
 * service may have saved it, and it is never sent again, so the user must look before running the
 * workflow again.
 */
export function notResentNote(
	failure: HttpFailure,
	idempotent: boolean | undefined,
	service: string,
	howToCheck: string,
): string | undefined {
	if (idempotent !== false || (failure.status !== undefined && failure.status < 500))
		return undefined;
	return (
		`It was sent once and not again, so nothing is created twice, but ${service} may have ` +
		`saved it before failing. ${howToCheck}`
	);
}

/**
 * How long to wait before sending a failed call again, or `undefined` to give up. 429: honour
 * Retry-After (or the API's own hint), else back off exponentially, a few times. 5xx and dropped
 * connections: only calls that are safe to repeat (reads, updates by id, deletes), twice.
 */
export function retryDelay(
	failure: HttpFailure,
	attempt: number,
	idempotent: boolean,
	limits: {
		rateLimitRetries?: number;
		serverRetries?: number;
		maxWaitMs?: number;
		rateLimitHintMs?: number;
	} = {},
): number | undefined {
	const { rateLimitRetries = 5, serverRetries = 2, maxWaitMs = 60_000 } = limits;
	if (failure.status === 429) {
		if (attempt > rateLimitRetries) return undefined;
		return Math.min(
			retryAfterMs(failure.headers) ?? limits.rateLimitHintMs ?? 1000 * 2 ** (attempt - 1),
			maxWaitMs,
		);
	}
	// A refused token request (a wrong secret, a grant the server does not offer) stays refused when
	// asked again.
	if (failure.tokenProblem) return undefined;
	const transient =
		(failure.status !== undefined && TRANSIENT.includes(failure.status)) ||
		(failure.status === undefined && !!failure.code);
	if (transient && idempotent && attempt <= serverRetries) return 500 * 2 ** (attempt - 1);
	return undefined;
}
