/**
 * Every HighLevel payments call of the node and the trigger: the credential the user picked, the
 * `Version` header, `altId`/`altType=location` on every call, offset/limit paging, 429 back-off that
 * honours Retry-After and HighLevel's rate-limit headers, bounded retries of safe calls, and errors
 * that say what to do.
 */
import {
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteSingleFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type IPollFunctions,
} from 'n8n-workflow';
import { httpFailure, parseMaybeJson, retryDelay } from '../../shared/httpFailure';
import { highLevelApiError } from './paymentsErrors';
import { apiUrl, HIGHLEVEL_API_CREDENTIAL, HIGHLEVEL_API_VERSION, HIGHLEVEL_APP_CREDENTIAL } from './highLevelUrls';

export type PaymentsContext = IExecuteSingleFunctions | IPollFunctions | ILoadOptionsFunctions;

export interface PaymentsConnection {
	kind: 'oAuth2' | 'apiKey';
	credentialType: string;
	baseURL: string;
	locationId?: string;
}

export interface PaymentsCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Reads may be sent again after a failure with no clear answer; creates may not. */
	idempotent: boolean;
	subject?: string;
}

const itemIndexOf = (context: PaymentsContext) => ('getItemIndex' in context ? context.getItemIndex() : 0);

/** The credential in use and the location (`altId`): the node's Location ID, else the credential's, else the token's. */
export async function paymentsConnection(this: PaymentsContext): Promise<PaymentsConnection> {
	const kind = (this.getNodeParameter('authentication', 'oAuth2') as string) === 'apiKey' ? 'apiKey' : 'oAuth2';
	const credentialType = kind === 'apiKey' ? HIGHLEVEL_API_CREDENTIAL : HIGHLEVEL_APP_CREDENTIAL;
	const credentials = await this.getCredentials(credentialType);
	const override = String(this.getNodeParameter('locationId', '') ?? '').trim();
	const tokenData = credentials.oauthTokenData as IDataObject | undefined;
	const locationId = override || String(credentials.locationId ?? '').trim() || String(tokenData?.locationId ?? '').trim() || undefined;
	return { kind, credentialType, baseURL: apiUrl(credentials.apiBaseUrl), locationId };
}

/** The wait HighLevel's own headers suggest once the window is used up. */
function rateLimitHint(headers: Record<string, string>): number | undefined {
	const interval = Number(headers['x-ratelimit-interval-milliseconds']);
	return headers['x-ratelimit-remaining'] === '0' && Number.isFinite(interval) && interval > 0 ? interval : undefined;
}

async function send(this: PaymentsContext, connection: PaymentsConnection, call: PaymentsCall): Promise<unknown> {
	const location = connection.locationId ? { altId: connection.locationId, altType: 'location' } : { altType: 'location' };
	const options: IHttpRequestOptions = {
		method: call.method,
		baseURL: connection.baseURL,
		url: call.path,
		qs: call.method === 'GET' ? { ...location, ...(call.qs ?? {}) } : call.qs,
		headers: { Version: HIGHLEVEL_API_VERSION, Accept: 'application/json' },
		json: true,
	};
	if (call.body) options.body = { ...location, ...call.body };
	for (let attempt = 1; ; attempt++) {
		try {
			return await this.helpers.httpRequestWithAuthentication.call(this as IExecuteSingleFunctions, connection.credentialType, { ...options, headers: { ...options.headers } });
		} catch (error) {
			const failure = httpFailure(error);
			const wait = retryDelay(failure, attempt, call.idempotent, { rateLimitHintMs: rateLimitHint(failure.headers) });
			if (wait === undefined) {
				throw Object.assign(highLevelApiError(this.getNode(), failure, { ...call, itemIndex: itemIndexOf(this), attempts: attempt, credentialKind: connection.kind, locationId: connection.locationId }), {
					failureStatus: failure.status,
				});
			}
			await sleep(wait);
		}
	}
}

/** First calls of OAuth2 credentials that have no token yet, by credential id (see paymentsRequest). */
const firstCalls = new Map<string, Promise<unknown>>();

/**
 * One HighLevel call. Without a known location an OAuth2 credential may not have its token yet (the
 * client-credentials grant names the location only in its answer): the call is made, refused for the
 * missing altId before anything happens, and made again once the token's location is known. Items
 * running at the same time wait for that first call instead of each fetching a token of their own.
 */
export async function paymentsRequest(this: PaymentsContext, connection: PaymentsConnection, call: PaymentsCall): Promise<unknown> {
	if (connection.locationId) return await send.call(this, connection, call);
	if (connection.kind === 'apiKey') throw missingLocation.call(this);
	const key = `${connection.credentialType}:${this.getNode().credentials?.[connection.credentialType]?.id ?? this.getNode().name}`;
	const pending = firstCalls.get(key);
	if (pending) {
		await pending.catch(() => undefined);
		Object.assign(connection, await paymentsConnection.call(this));
		if (!connection.locationId) throw missingLocation.call(this);
		return await send.call(this, connection, call);
	}
	const first = send.call(this, connection, call).catch(async (error: { failureStatus?: number }) => {
		const refreshed = await paymentsConnection.call(this);
		if (!refreshed.locationId) throw missingLocation.call(this);
		if (![400, 422].includes(error.failureStatus ?? 0)) throw error;
		Object.assign(connection, refreshed);
		return await send.call(this, connection, call);
	});
	firstCalls.set(key, first);
	try {
		return await first;
	} finally {
		firstCalls.delete(key);
	}
}

function missingLocation(this: PaymentsContext) {
	return new NodeOperationError(this.getNode(), 'No HighLevel location ID (altId) is known for this call', {
		itemIndex: itemIndexOf(this),
		description: 'Set Location ID in the credential (or in the node) to the sub-account ID; an OAuth token that names its location fills it in by itself.',
	});
}

/** A list answer in any of its shapes: `{data: [...]}`, `{providers: [...] | {...}}`, or a bare array. */
export function readPaymentsList(body: unknown, listKey: string): { records: IDataObject[]; total?: number } {
	const parsed = parseMaybeJson(body);
	if (Array.isArray(parsed)) return { records: parsed as IDataObject[] };
	if (!parsed || typeof parsed !== 'object') return { records: [] };
	const wrapper = parsed as IDataObject;
	const total = typeof wrapper.totalCount === 'number' ? wrapper.totalCount : typeof wrapper.total === 'number' ? wrapper.total : undefined;
	const list = wrapper[listKey] ?? wrapper.data;
	if (Array.isArray(list)) return { records: list as IDataObject[], total };
	if (list && typeof list === 'object') return { records: [list as IDataObject], total: 1 };
	return { records: [], total };
}

/** A single record, unwrapped from `{status, data}` or `{data}` where HighLevel wraps it. */
export function readPaymentsRecord(body: unknown): IDataObject {
	const parsed = (parseMaybeJson(body) ?? {}) as IDataObject;
	const data = parsed.data;
	if (data && typeof data === 'object' && !Array.isArray(data)) return data as IDataObject;
	return parsed;
}

/** Offset/limit pages until HighLevel's `totalCount` is reached or a page comes back short. */
export async function* paymentsPages(this: PaymentsContext, connection: PaymentsConnection, path: string, qs: IDataObject, pageSize: number, listKey: string): AsyncGenerator<IDataObject[]> {
	let offset = 0;
	for (;;) {
		const body = await paymentsRequest.call(this, connection, { method: 'GET', path, qs: { ...qs, limit: pageSize, offset }, idempotent: true });
		const { records, total } = readPaymentsList(body, listKey);
		yield records;
		offset += records.length;
		if (records.length < pageSize || records.length === 0) return;
		if (total !== undefined && offset >= total) return;
	}
}
