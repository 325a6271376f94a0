/**
 * The one HTTP client of the package: every call of every node, trigger and record picker, for the
 * three APIs, goes through `request`. Here, once: n8n's authenticated request helper with the
 * credential's domain restriction applied, a time limit, bounded retries of calls that are safe to
 * repeat, waiting out rate limits within a budget the user sets, answers that are not the JSON the
 * call expects refused; failures become errors through failureText.ts. Each API brings only its
 * ApiService (name, failure texts, token URL, rate-limit headers) on the connection.
 */
import {
	NodeApiError,
	type getCredentialAllowedDomains,
	sleep,
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type INode,
} from 'n8n-workflow';
import { nodeOf } from '../contextNode';
import { optionalN8nFunction } from './optionalN8n';
import {
	httpFailure,
	looksLikeHtml,
	parseMaybeJson,
	redirectTarget,
	retryDelay,
	type HttpFailure,
} from './failure';
import {
	apiError,
	DEADLINE,
	MAX_REDIRECTS,
	NOT_JSON,
	PAUSED,
	REDIRECT,
	WINDOW_USED_UP,
	type FailureTable,
} from './failureText';
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
	/** The API the calls go to, with its failure wording and rate-limit rules. */
	service: ApiService;
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
	pace: { until: number };

	/**
	 * The request window the credential keeps to (Halo's requests per rolling window): calls are
	 * spaced to stay within it.
	 */
	window?: RequestWindow;
}

/**
 * What the shared client needs to know of one API beyond the connection: its name, where its
 * address is set, how its failures read, where its token comes from, and what its rate-limit
 * headers say.
 */
export interface ApiService {
	/** "HaloPSA", "HighLevel", "Ingram Micro". */
	name: string;
	/**
	 * Where a wrong address is corrected, for answers that are a web page: "the Resource Server URL
	 * in the credential".
	 */
	addressSetting: string;
	/** The API's failure texts, which one skeleton (failureText.ts) puts together. */
	failures: FailureTable;
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
 * A 429 is waited out for at least this long, even when the server says "retry after 0": a server
 * that keeps saying so would otherwise be asked again in a tight loop until the budget (which
 * 0-second waits never use up) ends.
 */
const MIN_RATE_LIMIT_WAIT_MS = 500;
/** However the budget is set, a call gives up after this many 429 answers. */
const MAX_RATE_LIMIT_ATTEMPTS = 100;

/** What an attempt gets beyond the node's timeout before it is abandoned (see sendOnce). */
const DEADLINE_SLACK_MS = 2_000;

class MissedDeadline extends Error {
	name = 'MissedDeadline';
}

/** However long an answer's rate-limit headers ask to pause, the pause is at most this. */
const MAX_ANSWER_PAUSE_MS = 60_000;

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
	const allowedDomains = optionalN8nFunction<typeof getCredentialAllowedDomains>(
		'getCredentialAllowedDomains',
	);
	return allowedDomains?.({
		node,
		credentialData: credentials,
		credentialOwnedSurface: true,
	});
}

/** One call as it goes: what it has waited for its rate limits, and how far it has come. */
interface CallProgress {
	attempt: number;
	waitedMs: number;
	redirects: number;
	/**
	 * The end of the pause this call set itself after a 429 and then slept through: a timer that
	 * wakes a millisecond before the clock says must not count that pause again.
	 */
	sleptUntil?: number;
}

/**
 * One call to the connection's API, answered with its parsed JSON: sent (again, within limits)
 * until it gets an answer or a failure worded by the API's service.
 */
export async function request(
	context: RequestContext,
	connection: ApiConnection,
	call: ApiCall,
): Promise<unknown> {
	const options = requestOptions(nodeOf(context), connection, call);
	const progress: CallProgress = { attempt: 1, waitedMs: 0, redirects: 0 };
	for (; ; progress.attempt++) {
		const place = await waitForTurn(context, connection, call, progress);
		let response: HttpAnswer;
		try {
			response = await sendOnce(context, connection, options);
		} catch (error) {
			// The place in the request window is given back before any wait to send again, so the
			// calls after this one are not held back by its back-off.
			place?.finish();
			await sleep(await retryWait(context, connection, call, options, progress, error));
			continue;
		}
		place?.finish();
		const windowUsedUp = connection.service.rateLimitWait?.(lowerCaseHeaders(response?.headers));
		if (windowUsedUp)
			pauseUntil(connection, Date.now() + Math.min(windowUsedUp, MAX_ANSWER_PAUSE_MS));
		return answerOf(nodeOf(context), response, call, progress.attempt, connection);
	}
}

type HttpAnswer = { body?: unknown; headers?: Record<string, unknown>; statusCode?: number };

/**
 * The request n8n's helper sends for a call, with the credential read once for the run: n8n then
 * neither reads nor decrypts it per call, and when it renews the token (an empty or refused one) it
 * writes the new one into this same object, which every item of the run shares, and saves it.
 */
function requestOptions(node: INode, connection: ApiConnection, call: ApiCall): SendOptions {
	const options: SendOptions = {
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
	const allowedDomains = allowedDomainsFor(node, connection.credentials);
	if (allowedDomains) options.allowedDomains = allowedDomains;
	const details = node.credentials?.[connection.credentialType];
	if (details?.id)
		options.reuse = {
			credentialsDecrypted: {
				id: details.id,
				name: details.name,
				type: connection.credentialType,
				data: connection.credentials,
			},
		};
	return options;
}

type SendOptions = IHttpRequestOptions & { reuse?: IAdditionalCredentialOptions };

/**
 * One attempt through n8n's helper, abandoned once the node's timeout and a little more have
 * passed: n8n's own `timeout` bounds the request, not the token request n8n may make first.
 */
async function sendOnce(
	context: RequestContext,
	connection: ApiConnection,
	{ reuse, ...options }: SendOptions,
): Promise<HttpAnswer> {
	const signal = AbortSignal.timeout(connection.timeoutMs + DEADLINE_SLACK_MS);
	const attempt: IHttpRequestOptions = {
		...options,
		headers: { ...options.headers },
		abortSignal: signal,
		// n8n replaces a request's abort signal with the execution's; the socket gets this one, so
		// giving up on a call also closes its connection.
		agentOptions: { signal } as IHttpRequestOptions['agentOptions'],
	};
	const missed = new Promise<never>((_, reject) =>
		signal.addEventListener('abort', () => reject(new MissedDeadline()), { once: true }),
	);
	const sent = connection.bearerToken
		? context.helpers.httpRequest.call(context, attempt)
		: context.helpers.httpRequestWithAuthentication.call(
				context,
				connection.credentialType,
				attempt,
				reuse,
			);
	return (await Promise.race([sent, missed])) as HttpAnswer;
}

/**
 * Waits until the call may be sent: a pause the API asked for (a 429, or HighLevel's headers
 * saying the window is used up), then a place in the credential's request window. Waits count
 * against Rate Limit Wait (Seconds), long ones are logged, and one longer than what is left fails
 * the call with nothing sent.
 */
async function waitForTurn(
	context: RequestContext,
	connection: ApiConnection,
	call: ApiCall,
	progress: CallProgress,
) {
	const node = nodeOf(context);
	const service = connection.service.name;
	const waitBeforeSending = async (ms: number, code: string, saying: () => string) => {
		if (ms > connection.rateLimitBudgetMs - progress.waitedMs) {
			const failure = { headers: {}, message: code, code, waitMs: ms };
			throw apiError(node, failure, call, progress.attempt, connection);
		}
		if (ms <= 0) return;
		progress.waitedMs += ms;
		if (ms >= 1000) context.logger?.info(saying(), { node: node.name });
		await sleep(ms);
	};
	const paused = connection.pace.until - Math.max(Date.now(), progress.sleptUntil ?? 0);
	if (paused > 0) {
		await waitBeforeSending(
			paused,
			PAUSED,
			() =>
				`${service} asked for a pause: waiting ${Math.ceil(paused / 1000)} s before ` +
				`${call.method} ${call.path} (${Math.round(progress.waitedMs / 1000)} of ` +
				`${Math.round(connection.rateLimitBudgetMs / 1000)} s allowed)`,
		);
	}
	if (!connection.window) return undefined;
	const { requests, ms } = connection.window;
	const place = takePlace(connection.window);
	let ready = false;
	try {
		const wait = place.at - Date.now();
		await waitBeforeSending(
			wait,
			WINDOW_USED_UP,
			() =>
				`${service}: ${requests} requests sent in the last ${Math.round(ms / 1000)} s (the ` +
				`credential's request window): waiting ${Math.ceil(wait / 1000)} s before ` +
				`${call.method} ${call.path}`,
		);
		// An earlier call may have reached the server later than planned (it fetched a token first):
		// its finish counts.
		const started = Date.now();
		for (let more = await place.remainingWait(); more > 0; more = await place.remainingWait())
			await sleep(more);
		progress.waitedMs += Date.now() - started;
		ready = true;
		return place;
	} finally {
		// A place given up before its call was sent must not hold back the calls after it.
		if (!ready) place.finish();
	}
}

/**
 * How long to wait before sending a failed attempt again (a same-origin redirect of a read goes to
 * its new path at once); a failure that is not to be retried is thrown as the API's error.
 */
async function retryWait(
	context: RequestContext,
	connection: ApiConnection,
	call: ApiCall,
	options: SendOptions,
	progress: CallProgress,
	error: unknown,
): Promise<number> {
	const node = nodeOf(context);
	if (error instanceof MissedDeadline) {
		// The token request (or the call) hangs: it is forgotten, so the next call asks for a token
		// anew.
		forgetTokenRequests();
		const failure = { headers: {}, message: DEADLINE, code: DEADLINE };
		throw apiError(node, failure, call, progress.attempt, connection);
	}
	const failure = httpFailure(error);
	const redirect = redirectOf(failure, options);
	if (redirect) {
		const follow =
			redirect.sameOrigin &&
			progress.redirects < MAX_REDIRECTS &&
			(call.method === 'GET' || failure.status === 307 || failure.status === 308);
		if (!follow) {
			const refused = { ...failure, code: REDIRECT, message: REDIRECT, redirectTo: redirect.to };
			throw apiError(node, refused, call, progress.attempt, connection);
		}
		progress.redirects++;
		progress.attempt--;
		options.url = redirect.to;
		delete options.qs;
		return 0;
	}
	const rateLimited = failure.status === 429;
	const hint = rateLimited ? connection.service.rateLimitWait?.(failure.headers) : undefined;
	let wait = retryDelay(failure, progress.attempt, call.idempotent, {
		rateLimitHintMs: hint,
		rateLimitRetries: Number.POSITIVE_INFINITY,
	});
	if (wait !== undefined && rateLimited)
		wait = rateLimitWait(context, connection, call, progress, wait);
	if (wait === undefined) throw apiError(node, failure, call, progress.attempt, connection);
	if (rateLimited) {
		progress.sleptUntil = Date.now() + wait;
		pauseUntil(connection, progress.sleptUntil);
	}
	return wait;
}

/**
 * A 429's wait, within what is left of Rate Limit Wait (Seconds) and the attempt cap, logged; none
 * once either is used up.
 */
function rateLimitWait(
	context: RequestContext,
	connection: ApiConnection,
	call: ApiCall,
	progress: CallProgress,
	suggested: number,
): number | undefined {
	const budget = connection.rateLimitBudgetMs;
	if (progress.waitedMs >= budget || progress.attempt >= MAX_RATE_LIMIT_ATTEMPTS) return undefined;
	const wait = Math.min(Math.max(suggested, MIN_RATE_LIMIT_WAIT_MS), budget - progress.waitedMs);
	progress.waitedMs += wait;
	context.logger?.info(
		`${connection.service.name} rate limit reached on ${call.method} ${call.path}: waiting ` +
			`${Math.ceil(wait / 1000)} s (${Math.round(progress.waitedMs / 1000)} of ` +
			`${Math.round(budget / 1000)} s allowed)`,
		{ node: nodeOf(context).name },
	);
	return wait;
}

/** Where a 3xx answer points, and whether it stays on the origin of the call that got it. */
function redirectOf(failure: HttpFailure, options: IHttpRequestOptions) {
	if (!failure.status || failure.status < 300 || failure.status >= 400) return undefined;
	return redirectTarget(failure.headers.location, new URL(options.url, options.baseURL));
}

function pauseUntil(connection: ApiConnection, until: number) {
	connection.pace.until = Math.max(connection.pace.until, until);
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
		throw apiError(node, failure, call, attempts, connection);
	}
	return parsed;
}

/**
 * Return All over the shared pager. A list that cannot be read completely (a server that ignores
 * the paging parameters, a cap reached) is an error, never a silently shorter list.
 */
export function apiPages(
	context: RequestContext,
	connection: ApiConnection,
	call: ApiCall,
	options: Omit<PagerOptions, 'problem'>,
	fetchPage: (request: PageRequest) => Promise<Page>,
): AsyncGenerator<IDataObject[]> {
	const service = connection.service;
	const problem = (reason: string) => {
		const message = redact(
			`${service.name} ${call.method} ${call.path}: reading all records ${reason}`,
			connection.secrets,
		);
		return new NodeApiError(
			context.getNode(),
			{ message },
			{
				message,
				description:
					`No records were output rather than an incomplete list. Check ` +
					`${service.addressSetting} (a proxy or another service may be answering), or read the ` +
					`list in parts with Limit and filters.`,
				itemIndex: connection.itemIndex,
			},
		);
	};
	return walkPages(fetchPage, { ...options, problem });
}
