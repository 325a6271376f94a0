/**
 * HighLevel payments over the shared client: the credential the user picked (OAuth2 app or private
 * token), the `Version` header, `altId`/`altType=location` on every call, offset/limit paging,
 * waits that follow HighLevel's rate-limit headers, and HighLevel's failures in words a user can
 * act on.
 */
import {
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IHttpRequestMethods,
} from 'n8n-workflow';
import {
	apiPages,
	request,
	type ApiCall,
	type ApiConnection,
	type ApiService,
	type RequestContext,
} from '../../shared/transport/apiClient';
import { looksLikeHtml, parseMaybeJson, type HttpFailure } from '../../shared/transport/failure';
import type { FailureFacts } from '../../shared/transport/failureText';
import { secretValues } from '../../shared/transport/redact';
import {
	apiUrl,
	HIGHLEVEL_API_CREDENTIAL,
	HIGHLEVEL_API_VERSION,
	HIGHLEVEL_APP_CREDENTIAL,
} from './highLevelUrls';
import { agencyOf, AGENCY_EXCHANGE_PATH, locationToken } from './locationTokens';

/**
 * HighLevel allows 100 requests per 10 seconds: by default a 429 is waited out for a minute at
 * most.
 */
export const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

export type CredentialKind = 'oAuth2' | 'apiKey';

export interface HighLevelConnection extends ApiConnection {
	kind: CredentialKind;
	/** The sub-account (altId): the node's Location ID, else the credential's, else the token's. */
	locationId?: string;
	/** The node's Location ID, when set. */
	locationOverride: string;
}

export interface HighLevelCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Reads may be sent again after a failure with no clear answer; creates may not. */
	idempotent: boolean;
	subject?: string;
}

type CredentialContext = RequestContext & {
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
};

/** The location from the node's Location ID, else the credential's, else the token's. */
function locationOf(
	credentials: ICredentialDataDecryptedObject,
	override: string,
): string | undefined {
	const tokenData = credentials.oauthTokenData as IDataObject | undefined;
	return (
		override ||
		String(credentials.locationId ?? '').trim() ||
		String(tokenData?.locationId ?? '').trim() ||
		undefined
	);
}

/**
 * The credential in use and the location (`altId`); the caller reads the node's Authentication and
 * Location ID as its context allows.
 */
export async function highLevelConnection(
	context: CredentialContext,
	options: {
		itemIndex: number;
		timeoutMs: number;
		rateLimitBudgetMs?: number;
		authentication: unknown;
		locationId: unknown;
	},
): Promise<HighLevelConnection> {
	const kind: CredentialKind = options.authentication === 'apiKey' ? 'apiKey' : 'oAuth2';
	const credentialType = kind === 'apiKey' ? HIGHLEVEL_API_CREDENTIAL : HIGHLEVEL_APP_CREDENTIAL;
	const credentials = await context.getCredentials(credentialType, options.itemIndex);
	const locationOverride = String(options.locationId ?? '').trim();
	return {
		service: highLevelService,
		pace: { until: 0 },
		kind,
		credentialType,
		credentials,
		baseURL: apiUrl(credentials.apiBaseUrl),
		headers: { Version: HIGHLEVEL_API_VERSION },
		secrets: secretsOf(credentials),
		timeoutMs: options.timeoutMs,
		rateLimitBudgetMs: options.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS * 1000,
		itemIndex: options.itemIndex,
		locationOverride,
		locationId: locationOf(credentials, locationOverride),
	};
}

const secretsOf = (credentials: ICredentialDataDecryptedObject) =>
	secretValues(credentials, [
		'apiKey',
		'clientSecret',
		'oauthTokenData.access_token',
		'oauthTokenData.refresh_token',
	]);

/**
 * HighLevel's error body: `{statusCode, message, error, traceId}`, where `message` may be an array
 * (422).
 */
export function highLevelMessage(failure: HttpFailure): { message?: string; traceId?: string } {
	const parsed = parseMaybeJson(failure.body) as Record<string, unknown> | undefined;
	if (!parsed || typeof parsed !== 'object') {
		const text = failure.bodyText?.trim();
		return { message: text && !looksLikeHtml(text) ? text.slice(0, 500) : undefined };
	}
	const raw = parsed.message ?? parsed.msg ?? parsed.error_description ?? parsed.error;
	const message = Array.isArray(raw)
		? raw.map(String).join('; ')
		: typeof raw === 'string'
			? raw
			: undefined;
	const traceId = typeof parsed.traceId === 'string' ? parsed.traceId : undefined;
	return { message, traceId };
}

const highLevelOf = (facts: FailureFacts) => facts.connection as HighLevelConnection;

/** HighLevel for the shared client: its name, where its address is set, its failure texts. */
export const highLevelService: ApiService = {
	name: 'HighLevel',
	addressSetting:
		'the API Base URL in the HighLevel Payments credential (https://services.leadconnectorhq.com)',
	rateLimitWait,
	failures: {
		read: (failure) => {
			const { message, traceId } = highLevelMessage(failure);
			return {
				server: message,
				reference: traceId ? { label: 'trace ID', key: 'traceId', id: traceId } : undefined,
			};
		},
		tokenProblem: ({ failure }) => ({
			message: `HighLevel: ${failure.tokenProblem}`,
			description: /unsupported_grant_type/.test(failure.tokenProblem ?? '')
				? 'HighLevel does not accept the client-credentials grant for this app (it documents ' +
					'the authorization-code grant for its v2 API). In the HighLevel Payments OAuth2 ' +
					'credential choose Grant Type "Authorization Code (Marketplace App)" and connect, or ' +
					'use a Private Integration Token credential.'
				: 'Open the HighLevel Payments credential, correct it and reconnect or test it.',
		}),
		special: [
			// The agency token's exchange for a location token was refused.
			(facts) => {
				const { call, failure, server } = facts;
				if (call.path !== AGENCY_EXCHANGE_PATH || !failure.status) return undefined;
				const approved = agencyOf(facts.connection.credentials)?.approvedLocations ?? [];
				const location = highLevelOf(facts).locationId ?? '(none)';
				const installedIn = approved.length ? ` (this install: ${approved.join(', ')})` : '';
				return {
					message:
						`HighLevel gave no token for location ${location}: ` +
						(server ?? `HTTP ${failure.status}`),
					description:
						'The HighLevel app is installed at agency level, so each sub-account is reached ' +
						'with a location token that HighLevel gives only for sub-accounts the app is ' +
						`installed in${installedIn}. Check Location ID, or install the app in that ` +
						'sub-account and reconnect the credential.',
				};
			},
			(facts) =>
				needsAppToken(facts.failure, facts.call, highLevelOf(facts).kind)
					? {
							message:
								`HighLevel refused ${facts.where}: it needs a marketplace-app token` +
								(facts.server ? ` (${facts.server})` : ''),
							description:
								'Only the OAuth token of a marketplace app installed in the sub-account may ' +
								'create a white-label payment provider; a Private Integration Token can list ' +
								'providers but not create them. Use a HighLevel Payments OAuth2 API credential ' +
								'(Authorization Code) for this operation.',
						}
					: undefined,
			// HighLevel answers some missing records with 400 "... not found".
			(facts) => {
				const { failure, server, call, where } = facts;
				if (
					failure.status !== 404 &&
					!(failure.status === 400 && /not\s*found/i.test(server ?? ''))
				)
					return undefined;
				return {
					message: call.subject
						? `${call.subject} was not found in HighLevel`
						: `HighLevel has no ${where}`,
					description:
						`HighLevel said: ${server ?? 'not found'}. Check the ID and that it belongs to ` +
						`location ${highLevelOf(facts).locationId ?? '(unknown)'}.`,
				};
			},
		],
		statuses: {
			400: rejected,
			422: rejected,
			401: (facts) => ({
				message: `HighLevel did not accept the token${facts.server ? ` (${facts.server})` : ''}`,
				description:
					highLevelOf(facts).kind === 'oAuth2'
						? 'n8n already tried a fresh token. Reconnect the HighLevel Payments OAuth2 ' +
							'credential, and check that the app is still installed in the sub-account and has ' +
							'the payments scopes.'
						: 'Check the Private Integration Token in the credential: it may have been rotated ' +
							'or deleted, or lack the payments scopes.',
			}),
			403: (facts) => {
				const { locationId } = highLevelOf(facts);
				return {
					message:
						`HighLevel refused access${locationId ? ` to location ${locationId}` : ''}: ` +
						(facts.server ?? 'forbidden'),
					description:
						'Set Location ID (in the node or the credential) to the sub-account the token was ' +
						'issued for, or grant the token the scope this call needs.',
				};
			},
			429: ({ failure: { headers }, attempts }) => {
				const interval = Number(headers['x-ratelimit-interval-milliseconds']);
				const max = headers['x-ratelimit-max'];
				const daily = headers['x-ratelimit-daily-remaining'];
				const seconds = Number.isFinite(interval) ? interval / 1000 : 10;
				return {
					message: `HighLevel rate limit reached, still refused after ${attempts} attempts`,
					description:
						`HighLevel allows ${max ?? 100} requests per ${seconds} seconds` +
						(daily !== undefined ? ` (${daily} left today)` : '') +
						'. Raise Rate Limit Wait (Seconds), lower Items in Parallel, or poll less often.',
				};
			},
		},
		checkBeforeResending:
			'Check with Get Many (for a fulfillment: Order Fulfillment > Get Many of the order) before ' +
			'running again.',
	},
};

function rejected({ failure, server, where }: FailureFacts) {
	return {
		message: `HighLevel rejected the request: ${server ?? 'invalid request'}`,
		description:
			`HighLevel validated ${where} and answered ${failure.status}. Correct the parameters it ` +
			`names and run again.`,
	};
}

/**
 * A refusal of a call only a marketplace app may make (the white-label provider create), with
 * another kind of token.
 */
function needsAppToken(
	failure: HttpFailure,
	call: ApiCall,
	kind: HighLevelConnection['kind'],
): boolean {
	if (failure.status !== 401 && failure.status !== 403) return false;
	const appOnly = call.method === 'POST' && /\/integrations\/provider\/whitelabel$/.test(call.path);
	return (appOnly && kind === 'apiKey') || /marketplace app/i.test(failure.bodyText ?? '');
}

/** The wait HighLevel's own headers suggest once the window is used up. */
function rateLimitWait(headers: Record<string, string>): number | undefined {
	const interval = Number(headers['x-ratelimit-interval-milliseconds']);
	return headers['x-ratelimit-remaining'] === '0' && Number.isFinite(interval) && interval > 0
		? interval
		: undefined;
}

function missingLocation(context: RequestContext, connection: HighLevelConnection) {
	const agency = connection.kind === 'oAuth2' ? agencyOf(connection.credentials) : undefined;
	const description =
		connection.kind === 'apiKey'
			? 'A Private Integration Token belongs to one sub-account: set Location ID in the ' +
				'credential (or in the node) to its ID.'
			: agency
				? 'The app is installed at agency level: its token (a Company token) reaches a ' +
					'sub-account only through a location token, and HighLevel needs to know which one. ' +
					'Set Location ID in the node or the credential' +
					(agency.approvedLocations.length
						? ` to one of the sub-accounts of this install: ${agency.approvedLocations.join(', ')}`
						: '') +
					'.'
				: 'The token names no sub-account (HighLevel does not say which location a ' +
					'client-credentials token carries). Set Location ID in the credential (or in the node) ' +
					'to the sub-account ID; a token that names its location fills it in by itself.';
	return new NodeOperationError(
		context.getNode(),
		'No HighLevel location ID (altId) is known for this call',
		{ itemIndex: connection.itemIndex, description },
	);
}

/**
 * A call made with an agency token: sent with the location's token instead; a location token
 * HighLevel refuses (revoked, expired early) is exchanged again once.
 */
async function sendForLocation(
	context: RequestContext,
	connection: HighLevelConnection,
	call: HighLevelCall,
): Promise<unknown> {
	const locationId = connection.locationId;
	if (!locationId) throw missingLocation(context, connection);
	const attempt = async (renew: boolean) => {
		const token = await locationToken(context, connection, locationId, renew);
		const asLocation = {
			...connection,
			bearerToken: token,
			secrets: [...connection.secrets, token],
		};
		return await send(context, asLocation, call);
	};
	const first = await attempt(false).then(
		(answer) => ({ answer }),
		(error: Error & { httpCode?: string }) => ({ error }),
	);
	if (!('error' in first)) return first.answer;
	if (first.error.httpCode !== '401') throw first.error;
	return await attempt(true);
}

async function send(
	context: RequestContext,
	connection: HighLevelConnection,
	call: HighLevelCall,
): Promise<unknown> {
	// payments.json documents altId and altType on every call but the order list and order Get, which
	// take altId alone.
	const orderRead = call.method === 'GET' && /^\/payments\/orders(\/[^/]+)?$/.test(call.path);
	const location = {
		...(connection.locationId ? { altId: connection.locationId } : {}),
		...(orderRead ? {} : { altType: 'location' }),
	};
	return await request(context, connection, {
		method: call.method,
		path: call.path,
		qs: call.method === 'GET' ? { ...location, ...(call.qs ?? {}) } : call.qs,
		body: call.body ? { ...location, ...call.body } : undefined,
		idempotent: call.idempotent,
		subject: call.subject,
	});
}

/**
 * One HighLevel call, always with its location. A client-credentials credential without a token yet
 * may get its location only from the token's answer, and n8n fetches that token only along with a
 * request: a one-record order read goes first (HighLevel refuses it for the missing altId; nothing
 * is changed), never the call itself half-built. The item loop runs the first item alone, so this
 * happens once per execution; the location found is kept in the connection the other items share. A
 * token that names no location, with no Location ID set, stops the call with a message that asks
 * for one.
 */
export async function highLevelRequest(
	context: CredentialContext,
	connection: HighLevelConnection,
	call: HighLevelCall,
): Promise<unknown> {
	if (connection.kind === 'oAuth2' && agencyOf(connection.credentials))
		return await sendForLocation(context, connection, call);
	if (connection.locationId) return await send(context, connection, call);
	if (connection.kind === 'apiKey') throw missingLocation(context, connection);
	let credentials = connection.credentials;
	if (!(credentials.oauthTokenData as IDataObject | undefined)?.access_token) {
		const refused = await send(context, connection, {
			method: 'GET',
			path: '/payments/orders',
			qs: { limit: 1 },
			idempotent: true,
		}).then(
			() => undefined,
			(error: Error & { httpCode?: string }) => error,
		);
		if (refused && !['400', '422'].includes(String(refused.httpCode))) throw refused;
		credentials = await context.getCredentials(connection.credentialType, connection.itemIndex);
	}
	const locationId = locationOf(credentials, connection.locationOverride);
	if (!locationId) throw missingLocation(context, connection);
	Object.assign(connection, { locationId, credentials, secrets: secretsOf(credentials) });
	return await send(context, connection, call);
}

/**
 * A list answer in any of its shapes: `{data: [...]}`, `{providers: [...] | {...}}`, or a bare
 * array.
 */
export function readHighLevelList(
	parsed: unknown,
	listKey: string,
): { records: IDataObject[]; total?: number } {
	if (Array.isArray(parsed)) return { records: parsed as IDataObject[] };
	if (!parsed || typeof parsed !== 'object') return { records: [] };
	const wrapper = parsed as IDataObject;
	const total =
		typeof wrapper.totalCount === 'number'
			? wrapper.totalCount
			: typeof wrapper.total === 'number'
				? wrapper.total
				: undefined;
	const list = wrapper[listKey] ?? wrapper.data;
	if (Array.isArray(list)) return { records: list as IDataObject[], total };
	if (list && typeof list === 'object') return { records: [list as IDataObject], total: 1 };
	return { records: [], total };
}

/** A single record, unwrapped from `{status, data}` or `{data}` where HighLevel wraps it. */
export function readHighLevelRecord(parsed: unknown): IDataObject {
	const body = (parsed ?? {}) as IDataObject;
	const data = body.data;
	if (data && typeof data === 'object' && !Array.isArray(data)) return data as IDataObject;
	return body;
}

/**
 * Offset/limit pages through the shared pager: to `totalCount`, past a capped page size, never
 * endlessly.
 */
export function highLevelPages(
	context: CredentialContext,
	connection: HighLevelConnection,
	path: string,
	qs: IDataObject,
	pageSize: number,
	listKey: string,
): AsyncGenerator<IDataObject[]> {
	return apiPages(
		context,
		connection,
		{ method: 'GET', path, idempotent: true },
		{
			pageSize,
			style: 'offset',
			keyOf: (record) => String(record._id ?? record.id ?? JSON.stringify(record)),
		},
		async ({ offset, size }) =>
			readHighLevelList(
				await highLevelRequest(context, connection, {
					method: 'GET',
					path,
					qs: { ...qs, limit: size, offset },
					idempotent: true,
				}),
				listKey,
			),
	);
}
