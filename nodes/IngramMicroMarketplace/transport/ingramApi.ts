/**
 * Ingram Micro Cloud Marketplace over the shared client: the credential's token (n8n renews it
 * through the credential's preAuthentication) and subscription key, offset/limit paging, and Ingram
 * Micro's failures with its message and X-Correlation-ID. An order whose answer was lost (504) is
 * never sent again.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import {
	apiPages,
	request,
	type ApiCall,
	type ApiConnection,
	type ApiService,
	type RequestContext,
} from '../../shared/transport/apiClient';
import {
	looksLikeHtml,
	networkFailureInWords,
	parseMaybeJson,
	type HttpFailure,
} from '../../shared/transport/failure';
import { basicAuthValue, secretValues } from '../../shared/transport/redact';
import { dropExpiredToken, dropTokenOfAnotherIssuer } from '../../shared/transport/tokens';
import { ingramTokenIssuer } from './ingramToken';
import { INGRAM_CREDENTIAL, marketplaceBase } from './ingramUrls';

/** Ingram Micro documents no rate limit: by default a 429 is waited out for a minute at most. */
export const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 60;

type CredentialContext = RequestContext & {
	getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
};

export async function ingramConnection(
	context: CredentialContext,
	options: {
		itemIndex: number;
		timeoutMs: number;
		rateLimitBudgetMs?: number;
		renewExpiredToken?: boolean;
	},
): Promise<ApiConnection> {
	const credentials = await context.getCredentials(INGRAM_CREDENTIAL, options.itemIndex);
	if (options.renewExpiredToken) dropExpiredToken(credentials);
	dropTokenOfAnotherIssuer(credentials, ingramTokenIssuer(credentials));
	return {
		service: ingramService,
		pace: { until: 0 },
		credentialType: INGRAM_CREDENTIAL,
		credentials,
		baseURL: marketplaceBase(credentials.baseUrl),
		secrets: [
			...secretValues(credentials, ['password', 'subscriptionApiKey', 'accessToken']),
			basicAuthValue(credentials.username, credentials.password),
		],
		timeoutMs: options.timeoutMs,
		rateLimitBudgetMs: options.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS * 1000,
		itemIndex: options.itemIndex,
	};
}

/**
 * "renewal" or "cancellation" for the placement of such an order, whose shape the spec does not
 * show.
 */
function renewalOrCancellation(call: ApiCall): string | undefined {
	const type = (call.body as IDataObject | undefined)?.type;
	return call.method === 'POST' &&
		/^\/orders$/.test(call.path) &&
		(type === 'renewal' || type === 'cancellation')
		? type
		: undefined;
}

/** Ingram Micro's message and X-Correlation-ID, from its error body and headers. */
function readIngramFailure(failure: HttpFailure) {
	const parsed = parseMaybeJson(failure.body) as IDataObject | undefined;
	const server =
		parsed && typeof parsed.message === 'string'
			? parsed.message
			: failure.bodyText && !looksLikeHtml(failure.bodyText)
				? failure.bodyText.slice(0, 300)
				: undefined;
	const id = failure.headers['x-correlation-id'] ?? (parsed?.correlationId as string | undefined);
	return {
		server,
		reference: id ? { label: 'correlation ID', key: 'correlationId', id: String(id) } : undefined,
	};
}

/** Ingram Micro for the shared client: its name, where its address is set, its failure texts. */
export const ingramService: ApiService = {
	name: 'Ingram Micro',
	addressSetting:
		'the Marketplace API URL in the Ingram Micro credential (for example ' +
		'https://api.cloud.im/marketplace/eu)',
	tokenUrl: (credentials) => `${marketplaceBase(credentials.baseUrl)}/token`,
	failures: {
		read: readIngramFailure,
		tokenProblem: ({ failure }) => ({
			message: failure.tokenProblem ?? 'Ingram Micro gave no token',
			description: 'Open the Ingram Micro Cloud Marketplace credential, correct it and use "Test".',
		}),
		special: [
			// An order whose answer was lost may still be processing: never placed twice.
			({ call, failure }) =>
				call.placesOrder &&
				(failure.status === 504 || failure.status === 502 || (!failure.status && failure.code))
					? {
							message:
								`Ingram Micro did not answer the order in time (` +
								`${failure.status ? `HTTP ${failure.status}` : networkFailureInWords(failure)}); ` +
								`the order may still be processing`,
							description:
								'The order was NOT sent again. Check it with Order > Get Many (filter by the ' +
								'customer and "Created From" now) or Order > Get before placing it again, so it ' +
								'is not ordered twice.',
							saysNotResent: true,
						}
					: undefined,
		],
		statuses: {
			400: ({ server, where, call }) => {
				const unspecified = renewalOrCancellation(call);
				return {
					message: `Ingram Micro rejected the request: ${server ?? 'bad request'}`,
					description:
						`Correct what Ingram Micro names and run again (${where}).` +
						(unspecified
							? ` Ingram's API specification shows no shape for ${unspecified} orders; this ` +
								`node sends the customer, the type and the subscription ID without products. If ` +
								`Ingram Micro keeps refusing it, renew or cancel the subscription in the Ingram ` +
								`Micro Cloud Marketplace portal, or lower its quantity with a change order.`
							: ''),
				};
			},
			401: ({ server }) => ({
				message:
					`Ingram Micro did not accept the token${server ? ` (${server})` : ''}, ` +
					'even after a new one',
				description:
					'Check the API username, password, subscription key and marketplace code in the ' +
					'credential.',
			}),
			403: ({ server, where }) => ({
				message: `Ingram Micro refused ${where}${server ? `: ${server}` : ''}`,
				description:
					'Your API account lacks access to this call or this customer; ask Ingram Micro to ' +
					'enable it.',
			}),
			404: ({ server, where, call }) => ({
				message: call.subject
					? `${call.subject} was not found in Ingram Micro`
					: `Ingram Micro has no ${where}`,
				description: server ? `Ingram Micro said: ${server}` : 'Check the ID.',
			}),
			429: ({ attempts }) => ({
				message: `Ingram Micro rate limit reached, still refused after ${attempts} attempts`,
				description:
					'Raise Rate Limit Wait (Seconds), lower Items in Parallel, or add a Wait node.',
			}),
		},
		checkBeforeResending:
			'Check with Get Many (or in the Ingram Micro marketplace) whether it exists before running ' +
			'again.',
	},
};

/**
 * `{data, pagination: {offset, limit, total}}` (customers, products), `{data}` alone (orders,
 * subscriptions), or a bare array.
 */
export function readIngramList(parsed: unknown): { records: IDataObject[]; total?: number } {
	if (Array.isArray(parsed)) return { records: parsed as IDataObject[] };
	const wrapper = (parsed ?? {}) as IDataObject;
	const pagination = wrapper.pagination as IDataObject | undefined;
	return {
		records: Array.isArray(wrapper.data) ? (wrapper.data as IDataObject[]) : [],
		total: typeof pagination?.total === 'number' ? pagination.total : undefined,
	};
}

/**
 * Offset/limit pages through the shared pager: to the total when there is one, never endlessly when
 * there is none.
 */
export function ingramPages(
	context: RequestContext,
	connection: ApiConnection,
	path: string,
	qs: IDataObject,
	pageSize: number,
): AsyncGenerator<IDataObject[]> {
	return apiPages(
		context,
		connection,
		{ method: 'GET', path, idempotent: true },
		{ pageSize, style: 'offset', keyOf: (record) => String(record.id ?? JSON.stringify(record)) },
		async ({ offset, size }) =>
			readIngramList(
				await request(context, connection, {
					method: 'GET',
					path,
					qs: { ...qs, offset, limit: size },
					idempotent: true,
				}),
			),
	);
}
