/**
 * The one HTTP client of the package: every call of every node, trigger and record picker, for the
 * three APIs, goes through `apiRequest`. Here, once: n8n's authenticated request helper with the
 * credential's domain restriction applied, a time limit, bounded retries of calls that are safe to
 * repeat, waiting out rate limits within a budget the user sets, answers that are not the JSON the
 * call expects refused, and failures turned into errors whose text never carries a secret. Each API
 * brings only its wording.
 */
import {
	getCredentialAllowedDomains,
	NodeApiError,
	sleep,
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
	type JsonObject,
} from 'n8n-workflow';
import {
	httpFailure,
	looksLikeHtml,
	networkFailureInWords,
	parseMaybeJson,
	redirectTarget,
	retryAfterMs,
	retryDelay,
	type HttpFailure,
} from './failure';
import { walkPages, type Page, type PagerOptions, type PageRequest } from './pagers';
import { redact } from './redact';
import { takePlace, type RequestWindow } from './requestWindow';
import { forgetTokenRequests } from './tokens';

/**
 * What every n8n context that may send a request has: execute, poll, load options, webhook and hook
 * functions.
 */
export interface RequestContext {
	getNode(): INode;
	helpers: {
		httpRequest(this: unknown, requestOptions: IHttpRequestOptions): Promise<unknown>;
		httpRequestWithAuthentication(
			this: unknown,
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
			additionalCredentialOptions?: IAdditionalCredentialOptions,
		): Promise<unknown>;
	};
	logger?: { info(message: string, meta?: object): void };
}

export interface ApiCall {
	method: IHttpRequestMethods;
	/** Under the connection's base URL, with a leading slash. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	/** A multipart body (FormData), sent as given. */
	formData?: boolean;
	/**
	 * The body's fields sent form-encoded (application/x-www-form-urlencoded), as OAuth token calls
	 * take them.
	 */
	formEncoded?: boolean;
	/**
	 * Reads, updates by id and deletes may be sent again after a failure with no clear answer;
	 * creates may not.
	 */
	idempotent: boolean;
	/** What the user asked about, for "not found": "E-Commerce Order 42". */
	subject?: string;
	/** Write-only values this call sends (`new_*` fields): never repeated in an error. */
	sentSecrets?: string[];
	/** An order placement: a lost answer may hide a placed order. */
	placesOrder?: boolean;
}

/** Where and how calls go: the credential, its base URL, and what must never be shown. */
export interface ApiConnection {
	credentialType: string;
	credentials: ICredentialDataDecryptedObject;
	baseURL: string;
	/**
	 * Every value of the credential that must never appear in an error: secrets, the token, the Basic
	 * string.
	 */
	secrets: string[];
	headers?: Record<string, string>;
	/**
	 * A token issued for this call's target rather than the credential's own (HighLevel's location
	 * token, exchanged from an agency token): sent as the bearer through n8n's plain helper, since
	 * n8n's OAuth2 signing would put the credential's token in its place. List it in `secrets` too.
	 */
	bearerToken?: string;
	timeoutMs: number;
	/** How long 429 answers may be waited out, in total, before the call fails. */
	rateLimitBudgetMs: number;
	itemIndex: number;

	/**
	 * Shared by every item of a run (the object, not a copy): when the API says its window is used up
	 * (a 429, or HighLevel's X-RateLimit-Remaining of 0), no item sends before `until`.
	 */
	pace?: { until: number };

	/**
	 * The request window the credential keeps to (Halo's requests per rolling window): calls are
	 * spaced to stay within it.
	 */
	window?: RequestWindow;
}

/** What a failure means to the user, in one API's words. */
export interface FailureText {
	message: string;
	description: string;
	/** Ids worth keeping with the error (correlation or trace ids). */
	extra?: JsonObject;
}

export interface ServiceWording {
	/** "HaloPSA", "HighLevel", "Ingram Micro". */
	service: string;
	/**
	 * Where a wrong address is corrected, for answers that are a web page: "the Resource Server URL
	 * in the credential".
	 */
	addressSetting: string;
	describe(
		failure: HttpFailure,
		call: ApiCall,
		attempts: number,
		connection: ApiConnection,
	): FailureText;
	/**
	 * Where the credential gets its token, for a call that got no answer at all (the token request
	 * may be what hung).
	 */
	tokenUrl?(credentials: ICredentialDataDecryptedObject): string | undefined;
	/**
	 * A wait the API's own headers suggest, after a 429 or a success that used up the window
	 * (HighLevel's X-RateLimit-*).
	 */
	rateLimitWait?(headers: Record<string, string>): number | undefined;
}

/**
 * The failures every API words alike, from the API's name and where its address is set: a server
 * error, no answer in time, no connection, any other status. Each API words the statuses it
 * documents itself.
 */
export function describeOtherFailure(
	failure: HttpFailure,
	where: string,
	server: string | undefined,
	service: { name: string; addressSetting: string },
): { message: string; description: string } {
	if (failure.status && failure.status >= 500) {
		return {
			message: `${service.name} had an internal error (HTTP ${failure.status}) on ${where}`,
			description:
				`${server ?? (looksLikeHtml(failure.bodyText) ? 'The server answered with an HTML error page.' : 'No details were given.')} ` +
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
		message: `${service.name} answered HTTP ${failure.status} on ${where}${server ? `: ${server}` : ''}`,
		description: `See the ${service.name} API documentation for this call.`,
	};
}

/**
 * A 429 is waited out for at least this long, even when the server says "retry after 0": a server
 * that keeps saying so would otherwise be asked again in a tight loop until the budget (which
 * 0-second waits never use up) ends.
 */
const MIN_RATE_LIMIT_WAIT_MS = 500;
/** However the budget is set, a call gives up after this many 429 answers. */
const MAX_RATE_LIMIT_ATTEMPTS = 100;

/**
 * n8n's own `timeout` bounds the request, but not the token request n8n makes first
 * (preAuthentication): each attempt as a whole gets the node's timeout and a little more, after
 * which it is abandoned.
 */
const DEADLINE_SLACK_MS = 2_000;

class MissedDeadline extends Error {
	name = 'MissedDeadline';
}

/**
 * The call, or a MissedDeadline once `ms` have passed (the timer does not keep n8n's process
 * alive).
 */
async function withinDeadline<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
	const signal = AbortSignal.timeout(ms);
	const missed = new Promise<never>((_, reject) =>
		signal.addEventListener('abort', () => reject(new MissedDeadline()), { once: true }),
	);
	return await Promise.race([run(signal), missed]);
}

/**
 * Raised for a 2xx answer that is not what the call expects (a web page at the wrong URL, plain
 * text).
 */
const NOT_JSON = 'not-json';
/** Raised when an attempt got no answer at all within the node's timeout. */
const DEADLINE = 'no-answer';
/** Raised for a redirect that is not followed (another origin, a write, too many). */
const REDIRECT = 'redirect';
/** Raised when a pause the API asked for is longer than what is left of the rate limit budget. */
const PAUSED = 'paused';
/** However long an answer's rate-limit headers ask to pause, the pause is at most this. */
const MAX_ANSWER_PAUSE_MS = 60_000;
/** Raised when the credential's request window is used up for longer than the rate limit budget. */
const WINDOW_USED_UP = 'window-used-up';

/**
 * The allowlist of n8n's "Allowed HTTP Request Domains" credential setting for this node's calls.
 * The node is the credential's own (so "None", which only concerns the HTTP Request node, does not
 * block it), but the base URL comes from a credential field the user typed, so it is not added to
 * the list.
 */
export function allowedDomainsFor(
	node: INode,
	credentials: ICredentialDataDecryptedObject,
): string | undefined {
	// n8n before 2.20 has no such setting (nor this function): nothing to enforce there.
	if (typeof getCredentialAllowedDomains !== 'function') return undefined;
	return getCredentialAllowedDomains({
		node,
		credentialData: credentials,
		credentialOwnedSurface: true,
	});
}

export async function apiRequest(
	context: RequestContext,
	wording: ServiceWording,
	connection: ApiConnection,
	call: ApiCall,
): Promise<unknown> {
	const node = context.getNode();
	const allowedDomains = allowedDomainsFor(node, connection.credentials);
	const options: IHttpRequestOptions = {
		method: call.method,
		baseURL: connection.baseURL,
		url: call.path,
		headers: {
			Accept: 'application/json',
			...(connection.headers ?? {}),
			...(call.formEncoded ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
			...(connection.bearerToken ? { Authorization: `Bearer ${connection.bearerToken}` } : {}),
		},
		json: !call.formData && !call.formEncoded,
		timeout: connection.timeoutMs,
		returnFullResponse: true,
		// Redirects are judged here, not followed by n8n, which would carry the credential to any
		// origin a server names (its sendCredentialsOnCrossOriginRedirect defaults to true).
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
	};
	if (call.qs && Object.keys(call.qs).length) options.qs = call.qs;
	if (call.body !== undefined)
		options.body = call.formEncoded
			? new URLSearchParams(call.body as Record<string, string>).toString()
			: (call.body as IHttpRequestOptions['body']);
	if (allowedDomains) options.allowedDomains = allowedDomains;
	// The credential read once for the run is handed to n8n with every call, so n8n neither reads nor
	// decrypts it per call; when n8n renews its token (an empty or refused one), it writes the new
	// one into this same object, which every item of the run shares, and saves it.
	const details = node.credentials?.[connection.credentialType];
	const reuse = details?.id
		? {
				credentialsDecrypted: {
					id: details.id,
					name: details.name,
					type: connection.credentialType,
					data: connection.credentials,
				},
			}
		: undefined;
	let waitedForRateLimit = 0;
	let redirects = 0;
	for (let attempt = 1; ; attempt++) {
		// A wait before this call is sent counts against Rate Limit Wait (Seconds), logged when it is
		// long; one longer than what is left fails the item with nothing sent.
		const waitBeforeSending = async (ms: number, code: string, saying: () => string) => {
			if (ms > connection.rateLimitBudgetMs - waitedForRateLimit) {
				const failure = { headers: {}, message: code, code, waitMs: ms };
				throw apiError(node, wording, failure, call, attempt, connection);
			}
			if (ms <= 0) return;
			waitedForRateLimit += ms;
			if (ms >= 1000) context.logger?.info(saying(), { node: node.name });
			await sleep(ms);
		};
		// A pause the API asked for (a 429, or HighLevel's headers saying the window is used up).
		const paused = (connection.pace?.until ?? 0) - Date.now();
		if (paused > 0) {
			await waitBeforeSending(
				paused,
				PAUSED,
				() =>
					`${wording.service} asked for a pause: waiting ${Math.ceil(paused / 1000)} s before ` +
					`${call.method} ${call.path} (${Math.round(waitedForRateLimit / 1000)} of ` +
					`${Math.round(connection.rateLimitBudgetMs / 1000)} s allowed)`,
			);
		}
		const place = connection.window ? takePlace(connection.window) : undefined;
		if (place && connection.window) {
			const { requests, ms } = connection.window;
			let ready = false;
			try {
				const wait = place.at - Date.now();
				await waitBeforeSending(
					wait,
					WINDOW_USED_UP,
					() =>
						`${wording.service}: ${requests} requests sent in the last ` +
						`${Math.round(ms / 1000)} s (the credential's request window): waiting ` +
						`${Math.ceil(wait / 1000)} s before ${call.method} ${call.path}`,
				);
				// An earlier call may have reached the server later than planned (it fetched a token
				// first): its finish counts.
				const started = Date.now();
				for (let more = await place.remainingWait(); more > 0; more = await place.remainingWait())
					await sleep(more);
				waitedForRateLimit += Date.now() - started;
				ready = true;
			} finally {
				// A place given up before its call was sent must not hold back the calls after it.
				if (!ready) place.finish();
			}
		}
		let response: { body?: unknown; headers?: Record<string, unknown>; statusCode?: number };
		try {
			response = (await withinDeadline(
				connection.timeoutMs + DEADLINE_SLACK_MS,
				async (abortSignal) => {
					const attemptOptions = {
						...options,
						headers: { ...options.headers },
						abortSignal,
						// n8n replaces a request's abort signal with the execution's; the socket gets this one,
						// so giving up on a call also closes its connection.
						agentOptions: { signal: abortSignal } as IHttpRequestOptions['agentOptions'],
					};
					return connection.bearerToken
						? await context.helpers.httpRequest.call(context, attemptOptions)
						: await context.helpers.httpRequestWithAuthentication.call(
								context,
								connection.credentialType,
								attemptOptions,
								reuse,
							);
				},
			)) as typeof response;
			place?.finish();
		} catch (error) {
			place?.finish();
			if (error instanceof MissedDeadline) {
				// The token request (or the call) hangs: it is forgotten, so the next call asks for a token
				// anew.
				forgetTokenRequests();
				throw apiError(
					node,
					wording,
					{ headers: {}, message: DEADLINE, code: DEADLINE },
					call,
					attempt,
					connection,
				);
			}
			const failure = httpFailure(error);
			const redirect = redirectOf(failure, options);
			if (redirect) {
				const follow =
					redirect.sameOrigin &&
					redirects < MAX_REDIRECTS &&
					(call.method === 'GET' || failure.status === 307 || failure.status === 308);
				if (!follow) {
					const refused = {
						...failure,
						code: REDIRECT,
						message: REDIRECT,
						redirectTo: redirect.to,
					};
					throw apiError(node, wording, refused, call, attempt, connection);
				}
				redirects++;
				attempt--;
				options.url = redirect.to;
				delete options.qs;
				continue;
			}
			const hint = failure.status === 429 ? wording.rateLimitWait?.(failure.headers) : undefined;
			let wait = retryDelay(failure, attempt, call.idempotent, {
				rateLimitHintMs: hint,
				rateLimitRetries: Number.POSITIVE_INFINITY,
			});
			if (wait !== undefined && failure.status === 429) {
				if (
					waitedForRateLimit >= connection.rateLimitBudgetMs ||
					attempt >= MAX_RATE_LIMIT_ATTEMPTS
				)
					wait = undefined;
				else {
					wait = Math.min(
						Math.max(wait, MIN_RATE_LIMIT_WAIT_MS),
						connection.rateLimitBudgetMs - waitedForRateLimit,
					);
					waitedForRateLimit += wait;
					context.logger?.info(
						`${wording.service} rate limit reached on ${call.method} ${call.path}: waiting ` +
							`${Math.ceil(wait / 1000)} s (${Math.round(waitedForRateLimit / 1000)} of ` +
							`${Math.round(connection.rateLimitBudgetMs / 1000)} s allowed)`,
						{ node: node.name },
					);
				}
			}
			if (wait === undefined) throw apiError(node, wording, failure, call, attempt, connection);
			if (failure.status === 429) pauseUntil(connection, Date.now() + wait);
			await sleep(wait);
			continue;
		}
		const windowUsedUp = wording.rateLimitWait?.(lowerCaseHeaders(response?.headers));
		if (windowUsedUp)
			pauseUntil(connection, Date.now() + Math.min(windowUsedUp, MAX_ANSWER_PAUSE_MS));
		return answerOf(node, wording, response, call, attempt, connection);
	}
}

/** Same-origin redirects followed per call, at most; a redirect elsewhere is never followed. */
const MAX_REDIRECTS = 5;

/** Where a 3xx answer points, and whether it stays on the origin of the call that got it. */
function redirectOf(failure: HttpFailure, options: IHttpRequestOptions) {
	if (!failure.status || failure.status < 300 || failure.status >= 400) return undefined;
	return redirectTarget(failure.headers.location, new URL(options.url, options.baseURL));
}

function pauseUntil(connection: ApiConnection, until: number) {
	if (connection.pace) connection.pace.until = Math.max(connection.pace.until, until);
}

function lowerCaseHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {}))
		out[name.toLowerCase()] = String(value);
	return out;
}

/**
 * The parsed answer; a web page or text where JSON was expected is an error that names the address
 * to check.
 */
function answerOf(
	node: INode,
	wording: ServiceWording,
	response: { body?: unknown; headers?: Record<string, unknown>; statusCode?: number },
	call: ApiCall,
	attempts: number,
	connection: ApiConnection,
): unknown {
	const body = response?.body;
	if (
		body === undefined ||
		body === null ||
		body === '' ||
		(Buffer.isBuffer(body) && body.length === 0)
	)
		return undefined;
	const contentType = String(response.headers?.['content-type'] ?? '');
	const parsed = parseMaybeJson(body);
	const text =
		typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
	const isPage = /text\/html/i.test(contentType) || looksLikeHtml(text);
	if (parsed === undefined || isPage) {
		// A delete (or a write) may answer plain "OK"; a web page never comes from the API itself.
		if (!isPage && call.method !== 'GET') return undefined;
		const failure: HttpFailure = {
			status: response.statusCode,
			headers: {},
			bodyText: text,
			body,
			message: NOT_JSON,
			code: NOT_JSON,
		};
		throw apiError(node, wording, failure, call, attempts, connection);
	}
	return parsed;
}

/**
 * One clear NodeApiError, built from a clean object (no request options, no token) and with every
 * secret the call carried replaced.
 */
export function apiError(
	node: INode,
	wording: ServiceWording,
	unsafeFailure: HttpFailure,
	call: ApiCall,
	attempts: number,
	connection: ApiConnection,
): NodeApiError {
	const secrets = [...connection.secrets, ...(call.sentSecrets ?? [])];
	// The server's text is redacted whole before any wording quotes or cuts it: a secret cut in two
	// by a length limit would no longer be recognised.
	const failure = redactedFailure(unsafeFailure, secrets);
	let text: FailureText;
	if (failure.code === DEADLINE) {
		const tokenUrl = wording.tokenUrl?.(connection.credentials);
		const seconds = Math.round(connection.timeoutMs / 1000);
		text = {
			message: `${wording.service} did not answer ${call.method} ${call.path} within ${seconds} s${tokenUrl ? `, or its token URL ${tokenUrl} did not answer the token request` : ''}`,
			description: `Nothing came back within the node's Timeout (Seconds). Check that ${tokenUrl ? `the token URL and ` : ''}${wording.addressSetting} answer; the next run asks for a new token.${call.idempotent ? '' : ' The change may or may not have been made: check before running again.'}`,
		};
	} else if (failure.code === WINDOW_USED_UP && connection.window) {
		const { requests, ms } = connection.window;
		text = {
			message:
				`${wording.service}: the credential's request window (${requests} requests per ` +
				`${Math.round(ms / 1000)} s) is used up for the next ` +
				`${Math.ceil((failure.waitMs ?? 0) / 1000)} s, longer than Rate Limit Wait (Seconds) ` +
				`allows`,
			description:
				`Nothing was sent. Raise Request Options > Rate Limit Wait (Seconds) so the ` +
				`node waits for the window to free up, lower the number of items, or raise Requests per ` +
				`Window in the credential if your instance allows more.`,
		};
	} else if (failure.code === PAUSED) {
		text = {
			message:
				`${wording.service} asked for a pause of ` +
				`${Math.ceil((failure.waitMs ?? 0) / 1000)} s before ${call.method} ${call.path}, longer ` +
				`than what is left of Rate Limit Wait (Seconds)`,
			description:
				`Nothing was sent for this item. ${wording.service} said its rate limit ` +
				`window is used up. Raise Request Options > Rate Limit Wait (Seconds) so the node waits, ` +
				`or send fewer items per run.`,
		};
	} else if (failure.code === REDIRECT) {
		const from = new URL(connection.baseURL);
		const to = redirectTarget(failure.redirectTo, from).host;
		const elsewhere = to !== from.host;
		text = {
			message:
				`${wording.service} answered ${call.method} ${call.path} with a redirect (HTTP ` +
				`${failure.status}) from ${from.host} to ${to}: not followed`,
			description: elsewhere
				? `A redirect to another host would carry the credential there, so nothing was sent to ` +
					`${to}. If ${wording.service} moved, put the new address in ${wording.addressSetting}; ` +
					`otherwise something between n8n and ${from.host} is redirecting.`
				: `Only reads follow a redirect on the same host (at most ${MAX_REDIRECTS}); a write is ` +
					`not sent again to another path. Check ` +
					`${wording.addressSetting}.${call.idempotent ? '' : ' The change was not made.'}`,
		};
	} else if (failure.code === NOT_JSON) {
		const what =
			looksLikeHtml(failure.bodyText) || !failure.bodyText
				? 'a web page (HTML)'
				: 'text that is not JSON';
		text = {
			message:
				`${wording.service} answered ${call.method} ${call.path} with ${what}, not the ` +
				`JSON the API sends`,
			description:
				`The address probably points at a website rather than the ${wording.service} ` +
				`API: check ${wording.addressSetting}. Nothing in this answer was ` +
				`used${call.method === 'GET' ? '' : ', and the change may not have been made'}.`,
		};
	} else {
		text = wording.describe(failure, call, attempts, connection);
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

/**
 * Return All over the shared pager. A list that cannot be read completely (a server that ignores
 * the paging parameters, a cap reached) is an error, never a silently shorter list.
 */
export function apiPages(
	context: RequestContext,
	wording: ServiceWording,
	connection: ApiConnection,
	call: ApiCall,
	options: Omit<PagerOptions, 'problem'>,
	fetchPage: (request: PageRequest) => Promise<Page>,
): AsyncGenerator<IDataObject[]> {
	const problem = (reason: string) => {
		const message = redact(
			`${wording.service} ${call.method} ${call.path}: reading all records ${reason}`,
			connection.secrets,
		);
		return new NodeApiError(
			context.getNode(),
			{ message },
			{
				message,
				description:
					`No records were output rather than an incomplete list. Check ` +
					`${wording.addressSetting} (a proxy or another service may be answering), or read the ` +
					`list in parts with Limit and filters.`,
				itemIndex: connection.itemIndex,
			},
		);
	};
	return walkPages(fetchPage, { ...options, problem });
}
