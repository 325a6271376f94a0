/**
 * HaloPSA over the shared client: where calls go (the credential's Resource Server URL + /api),
 * what must never be shown (client secret, token), how Halo pages (`pageinate`, `page_size`,
 * 1-based `page_no`) and answers lists (a bare array or `{record_count, <plural>: [...]}`), and
 * Halo's failures in words a user can act on.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';
import {
	apiPages,
	request,
	type ApiConnection,
	type ApiService,
	type RequestContext,
} from '../../shared/transport/apiClient';
import { looksLikeHtml, parseMaybeJson, type HttpFailure } from '../../shared/transport/failure';
import { secretValues } from '../../shared/transport/redact';
import { credentialWindow } from '../../shared/transport/requestWindow';
import { dropExpiredToken, dropTokenOfAnotherIssuer } from '../../shared/transport/tokens';
import { haloTokenIssuer } from './haloToken';
import type { HaloResource } from '../resources/resourceTable';
import { apiBaseUrl, tokenUrl } from './haloUrls';

export const HALO_CREDENTIAL = 'haloPsaMarketplaceOAuth2Api';

/** Halo pages of this size are fetched by Return All unless the user picks another. */
export const DEFAULT_PAGE_SIZE = 500;

/**
 * Hosted Halo counts 300 requests per rolling 5 minutes: by default a 429 is waited out for one
 * whole window and a bit.
 */
export const DEFAULT_RATE_LIMIT_WAIT_SECONDS = 330;

/**
 * Hosted Halo's documented window: 300 requests per rolling 5 minutes (the credential may set
 * another).
 */
export const DEFAULT_REQUEST_WINDOW = { requests: 300, seconds: 300 };

export interface HaloConnectionOptions {
	itemIndex: number;
	timeoutMs: number;
	rateLimitBudgetMs?: number;
	/** The first call of an execution renews a token whose stored expiry has passed. */
	renewExpiredToken?: boolean;
}

/** The credential, the API base URL, and the values no error may show. */
export async function haloConnection(
	context: RequestContext & {
		getCredentials(type: string, itemIndex?: number): Promise<ICredentialDataDecryptedObject>;
	},
	options: HaloConnectionOptions,
): Promise<ApiConnection> {
	const credentials = await context.getCredentials(HALO_CREDENTIAL, options.itemIndex);
	if (options.renewExpiredToken) dropExpiredToken(credentials);
	dropTokenOfAnotherIssuer(credentials, haloTokenIssuer(credentials));
	const baseURL = apiBaseUrl(String(credentials.resourceServerUrl ?? ''));
	const credentialId = context.getNode().credentials?.[HALO_CREDENTIAL]?.id ?? '';
	return {
		service: haloService,
		pace: { until: 0 },
		credentialType: HALO_CREDENTIAL,
		credentials,
		baseURL,
		window: credentialWindow(
			`${HALO_CREDENTIAL} ${credentialId} ${baseURL}`,
			credentials.requestsPerWindow,
			credentials.windowSeconds,
			DEFAULT_REQUEST_WINDOW,
		),
		secrets: secretValues(credentials, ['clientSecret', 'accessToken']),
		timeoutMs: options.timeoutMs,
		rateLimitBudgetMs: options.rateLimitBudgetMs ?? DEFAULT_RATE_LIMIT_WAIT_SECONDS * 1000,
		itemIndex: options.itemIndex,
	};
}

/**
 * The server's own words from any of Halo's error shapes: plain text, {Message}, {ClassName,
 * Message}, {error}, field-keyed.
 */
export function haloMessage(failure: HttpFailure): string | undefined {
	const text = failure.bodyText?.trim();
	if (!text) return undefined;
	if (looksLikeHtml(text)) return undefined;
	const parsed = parseMaybeJson(failure.body) as Record<string, unknown> | string | undefined;
	if (parsed === undefined) return text.slice(0, 500);
	if (typeof parsed === 'string') return parsed;
	if (Array.isArray(parsed)) return parsed.map(String).join('; ');
	for (const key of ['Message', 'message', 'error_description', 'error', 'title', 'detail']) {
		const value = parsed[key];
		if (typeof value === 'string' && value) return value;
	}
	const fieldMessages = Object.entries(parsed)
		.filter(([, value]) => Array.isArray(value) || typeof value === 'string')
		.map(([field, value]) => `${field}: ${Array.isArray(value) ? value.join(', ') : value}`);
	return fieldMessages.length ? fieldMessages.join('; ') : text.slice(0, 500);
}

/** HaloPSA for the shared client: its name, where its address is set, its failure texts. */
export const haloService: ApiService = {
	name: 'HaloPSA',
	addressSetting:
		'the Resource Server URL in the HaloPSA Marketplace credential (for example ' +
		'https://acme.halopsa.com)',
	tokenUrl: (credentials) => tokenUrl(credentials as unknown as Parameters<typeof tokenUrl>[0]),
	failures: {
		read: (failure) => ({ server: haloMessage(failure) }),
		pathPrefix: '/api',
		tokenProblem: ({ failure }) => ({
			message: failure.tokenProblem ?? 'HaloPSA gave no token',
			description:
				'Open the HaloPSA Marketplace credential, correct it and use "Test" to check it.',
		}),
		statuses: {
			400: ({ server, where }) => ({
				message: `HaloPSA refused the request: ${server ?? 'bad request'}`,
				description:
					`Halo validated ${where} and answered 400. Correct the field it names (for ` +
					`example a mandatory field) and run again.`,
			}),
			401: () => ({
				message: 'HaloPSA did not accept the access token, even after fetching a new one',
				description:
					'Check the credential: Client ID, Client Secret, Tenant and that the API application ' +
					'is active in HaloPSA.',
			}),
			403: ({ server, where }) => ({
				message: `HaloPSA refused permission for ${where}`,
				description:
					`The API application (or the agent it logs in as) lacks the permission this call ` +
					`needs${server ? ` (${server})` : ''}. In HaloPSA open Configuration > Integrations > ` +
					`Halo API > the application's Permissions and allow this area, or use scope "all".`,
			}),
			404: ({ call, where }) => ({
				message: call.subject
					? `${call.subject} was not found in HaloPSA`
					: `HaloPSA has no ${where}`,
				description: call.subject
					? 'Check the ID: the record may have been deleted, or it belongs to another tenant.'
					: 'Check the Resource Server URL in the credential.',
			}),
			429: ({ server, attempts }) => ({
				message: `HaloPSA rate limit reached, still refused after ${attempts} attempts`,
				description:
					`${server ?? 'Too many requests'}. Hosted Halo allows about 300 requests per ` +
					`5 minutes: raise Rate Limit Wait (Seconds) so the node waits for the window to free ` +
					`up, lower Items in Parallel, lower Requests per Window in the credential to what ` +
					`your instance allows, or schedule the workflow less often.`,
			}),
		},
		checkBeforeResending:
			'Check with Get Many (or in HaloPSA) whether the record exists before running again.',
	},
};

/** A list answer in either shape Halo uses: a bare array, or `{record_count, <plural>: [...]}`. */
export function readList(
	parsed: unknown,
	resource: Pick<HaloResource, 'plural'>,
): { records: IDataObject[]; total?: number } {
	if (Array.isArray(parsed)) return { records: parsed as IDataObject[] };
	if (parsed && typeof parsed === 'object') {
		const wrapper = parsed as IDataObject;
		const named = Object.keys(wrapper).find(
			(k) => k.toLowerCase() === resource.plural.toLowerCase(),
		);
		const arrayKey = named ?? Object.keys(wrapper).find((k) => Array.isArray(wrapper[k]));
		const total = typeof wrapper.record_count === 'number' ? wrapper.record_count : undefined;
		if (arrayKey) return { records: wrapper[arrayKey] as IDataObject[], total };
		if (total === 0) return { records: [], total };
		return { records: [wrapper] };
	}
	return { records: [] };
}

/**
 * The records of a write's answer: an object, an array, or nothing (Halo documents only "200 OK").
 */
export function answerRecords(parsed: unknown): IDataObject[] {
	if (Array.isArray(parsed)) return parsed as IDataObject[];
	if (parsed && typeof parsed === 'object') return [parsed as IDataObject];
	return [];
}

/**
 * A Halo list, page by page, through the shared pager: ends at `record_count`, at a short page when
 * no count says more, or when a server that ignores paging answers records already received; a
 * server that caps `page_size` is read in its own page size.
 */
export function haloPages(
	context: RequestContext,
	connection: ApiConnection,
	resource: HaloResource,
	qs: IDataObject,
	pageSize: number,
): AsyncGenerator<IDataObject[]> {
	const path = `/${resource.path}`;
	return apiPages(
		context,
		connection,
		{ method: 'GET', path, idempotent: true },
		{
			pageSize,
			style: 'pageNumber',
			keyOf: (record) => String(record[resource.key] ?? JSON.stringify(record)),
		},
		async ({ pageNo, size }) =>
			readList(
				await request(context, connection, {
					method: 'GET',
					path,
					qs: { ...qs, pageinate: true, page_size: size, page_no: pageNo },
					idempotent: true,
				}),
				resource,
			),
	);
}
