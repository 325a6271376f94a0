/**
 * Every Ingram Micro Marketplace call: the credential's token (n8n renews it on 401 through the
 * credential's preAuthentication) and subscription key, offset/limit paging, 429 back-off, bounded
 * retries of reads, and errors carrying Ingram Micro's message and X-Correlation-ID. An order that
 * timed out (504) is never sent again: it may still be processing.
 */
import { NodeApiError, sleep, type IDataObject, type IExecuteSingleFunctions, type IHttpRequestMethods, type ILoadOptionsFunctions, type JsonObject } from 'n8n-workflow';
import { httpFailure, looksLikeHtml, notResentNote, parseMaybeJson, retryDelay, type HttpFailure } from '../../shared/httpFailure';
import { INGRAM_CREDENTIAL, marketplaceBase } from './ingramUrls';

export type IngramContext = IExecuteSingleFunctions | ILoadOptionsFunctions;

export interface IngramCall {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	idempotent: boolean;
	subject?: string;
	/** An order placement: a time-out means "maybe placed". */
	placesOrder?: boolean;
}

const itemIndexOf = (context: IngramContext) => ('getItemIndex' in context ? context.getItemIndex() : 0);

function ingramError(context: IngramContext, failure: HttpFailure, call: IngramCall, attempts: number): NodeApiError {
	const parsed = parseMaybeJson(failure.body) as IDataObject | undefined;
	const server = parsed && typeof parsed.message === 'string' ? parsed.message : failure.bodyText && !looksLikeHtml(failure.bodyText) ? failure.bodyText.slice(0, 300) : undefined;
	const correlationId = failure.headers['x-correlation-id'] ?? (parsed?.correlationId as string | undefined);
	const where = `${call.method} ${call.path}`;
	let message: string;
	let description: string;
	if (failure.tokenProblem) {
		message = failure.tokenProblem;
		description = 'Open the Ingram Micro Cloud Marketplace credential, correct it and use "Test".';
	} else if (call.placesOrder && (failure.status === 504 || failure.status === 502 || (!failure.status && failure.code))) {
		message = `Ingram Micro did not answer the order in time (${failure.status ? `HTTP ${failure.status}` : failure.code}); the order may still be processing`;
		description = 'The order was NOT sent again. Check it with Order > Get Many (filter by the customer and "Created From" now) or Order > Get before placing it again, so it is not ordered twice.';
	} else {
		switch (failure.status) {
			case 400:
				message = `Ingram Micro rejected the request: ${server ?? 'bad request'}`;
				description = `Correct what Ingram Micro names and run again (${where}).`;
				break;
			case 401:
				message = `Ingram Micro did not accept the token${server ? ` (${server})` : ''}, even after a new one`;
				description = 'Check the API username, password, subscription key and marketplace code in the credential.';
				break;
			case 403:
				message = `Ingram Micro refused ${where}${server ? `: ${server}` : ''}`;
				description = 'Your API account lacks access to this call or this customer; ask Ingram Micro to enable it.';
				break;
			case 404:
				message = call.subject ? `${call.subject} was not found in Ingram Micro` : `Ingram Micro has no ${where}`;
				description = server ? `Ingram Micro said: ${server}` : 'Check the ID.';
				break;
			case 429:
				message = `Ingram Micro rate limit reached, still refused after ${attempts} attempts`;
				description = 'Lower the number of items per run or add a Wait node.';
				break;
			default:
				if (failure.status && failure.status >= 500) {
					message = `Ingram Micro had an internal error (HTTP ${failure.status}) on ${where}`;
					description = `${server ?? (looksLikeHtml(failure.bodyText) ? 'The server answered with an HTML error page.' : 'No details were given.')} Try again later.`;
				} else if (!failure.status) {
					message = `Could not reach Ingram Micro for ${where}: ${failure.code ?? failure.message}`;
					description = 'Check the Marketplace API URL in the credential.';
				} else {
					message = `Ingram Micro answered HTTP ${failure.status} on ${where}${server ? `: ${server}` : ''}`;
					description = 'See the Ingram Micro Marketplace API documentation.';
				}
		}
		const notResent = notResentNote(failure, call.idempotent, 'Ingram Micro', 'Check with Get Many (or in the Ingram Micro marketplace) whether it exists before running again.');
		if (notResent) description = `${notResent} ${description}`;
	}
	if (correlationId) {
		message += ` (correlation ID ${correlationId})`;
		description += ` Quote correlation ID ${correlationId} to Ingram Micro support.`;
	}
	const clean: JsonObject = { message, httpCode: failure.status ? String(failure.status) : 'none' };
	if (server) clean.serverMessage = server;
	if (correlationId) clean.correlationId = correlationId;
	return new NodeApiError(context.getNode(), clean, { message, description, httpCode: failure.status ? String(failure.status) : undefined, itemIndex: itemIndexOf(context) });
}

export async function ingramRequest(this: IngramContext, call: IngramCall): Promise<unknown> {
	const credentials = await this.getCredentials(INGRAM_CREDENTIAL);
	const options = {
		method: call.method,
		baseURL: marketplaceBase(credentials.baseUrl),
		url: call.path,
		qs: call.qs,
		body: call.body,
		headers: { Accept: 'application/json' },
		json: true,
	};
	for (let attempt = 1; ; attempt++) {
		try {
			return await this.helpers.httpRequestWithAuthentication.call(this as IExecuteSingleFunctions, INGRAM_CREDENTIAL, { ...options, headers: { ...options.headers } });
		} catch (error) {
			const failure = httpFailure(error);
			const wait = retryDelay(failure, attempt, call.idempotent);
			if (wait === undefined) throw ingramError(this, failure, call, attempt);
			await sleep(wait);
		}
	}
}

/** `{data, pagination: {offset, limit, total}}`, or a bare array. */
export function readIngramList(body: unknown): { records: IDataObject[]; total?: number } {
	const parsed = parseMaybeJson(body);
	if (Array.isArray(parsed)) return { records: parsed as IDataObject[] };
	const wrapper = (parsed ?? {}) as IDataObject;
	const pagination = wrapper.pagination as IDataObject | undefined;
	return { records: Array.isArray(wrapper.data) ? (wrapper.data as IDataObject[]) : [], total: typeof pagination?.total === 'number' ? pagination.total : undefined };
}

export async function* ingramPages(this: IngramContext, path: string, qs: IDataObject, pageSize: number): AsyncGenerator<IDataObject[]> {
	for (let offset = 0; ; ) {
		const { records, total } = readIngramList(await ingramRequest.call(this, { method: 'GET', path, qs: { ...qs, offset, limit: pageSize }, idempotent: true }));
		yield records;
		offset += records.length;
		if (records.length < pageSize || records.length === 0 || (total !== undefined && offset >= total)) return;
	}
}
