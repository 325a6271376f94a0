import type { IDataObject, IHttpRequestHelper } from 'n8n-workflow';
import { basicAuthValue, redact } from '../../shared/transport/redact';
import {
	coalescedToken,
	CredentialTokenError,
	expiryOf,
	parseTokenAnswer,
	sendCredentialRequest,
	tokenIssuer,
	type IssuedToken,
} from '../../shared/transport/tokens';
import { marketplaceBase } from './ingramUrls';

export interface IngramCredentialData extends IDataObject {
	baseUrl: string;
	username: string;
	password: string;
	subscriptionApiKey: string;
	marketplace: string;
	accessToken: string;
}

/**
 * The token URL and API user (with the marketplace) an Ingram token is issued for (see
 * tokenIssuer).
 */
export const ingramTokenIssuer = (credentials: IDataObject) =>
	tokenIssuer(
		`${marketplaceBase(credentials.baseUrl)}/token`,
		`${String(credentials.username ?? '')} ${String(credentials.marketplace ?? '')}`,
	);

/**
 * `POST {base}/token`: Basic (API user and password), the subscription key, and the marketplace
 * code.
 */
export async function fetchIngramToken(
	this: IHttpRequestHelper,
	credentials: IngramCredentialData,
): Promise<IssuedToken> {
	const url = `${marketplaceBase(credentials.baseUrl)}/token`;
	return await coalescedToken(
		[
			url,
			credentials.username,
			credentials.password,
			credentials.subscriptionApiKey,
			credentials.marketplace,
		],
		credentials.accessToken,
		async () => {
			const response = await sendCredentialRequest.call(
				this,
				credentials,
				{
					method: 'POST',
					url,
					headers: {
						Authorization: `Basic ${basicAuthValue(credentials.username, credentials.password)}`,
						'X-Subscription-Key': credentials.subscriptionApiKey,
						'Content-Type': 'application/json',
						Accept: 'application/json',
					},
					body: JSON.stringify({ marketplace: credentials.marketplace }),
				},
				(reason) =>
					`Could not reach the Ingram Micro token URL ${url}: ${reason}. Check the Marketplace ` +
					`API URL in the credential.`,
			);
			// A token endpoint may echo the request (password, Basic string, subscription key) in its
			// error: none of it is shown.
			const fail = (text: string) =>
				new CredentialTokenError(
					redact(text, [
						credentials.password,
						credentials.subscriptionApiKey,
						basicAuthValue(credentials.username, credentials.password),
					]),
				);
			const parsed = parseTokenAnswer(response.body);
			const correlation = response.headers?.['x-correlation-id']
				? ` (correlation ID ${response.headers['x-correlation-id']})`
				: '';
			if (!parsed) {
				throw fail(
					`The Ingram Micro token URL ${url} answered HTTP ${response.statusCode} with a web ` +
						`page, not a token${correlation}. Check the Marketplace API URL (for example ` +
						`https://api.cloud.im/marketplace/eu).`,
				);
			}
			const said = parsed.message ? `: ${parsed.message}` : '';
			if (response.statusCode === 401 || response.statusCode === 403) {
				throw fail(
					`Ingram Micro refused the API credentials (HTTP ${response.statusCode}${said})` +
						`${correlation}. Check the API username, password and subscription key, and that ` +
						'the marketplace code matches your account.',
				);
			}
			if (response.statusCode >= 400 || typeof parsed.token !== 'string') {
				throw fail(
					`Ingram Micro did not issue a token (HTTP ${response.statusCode}${said})${correlation}.`,
				);
			}
			return {
				token: parsed.token,
				expiresAt: expiryOf(parsed.expiresInSeconds),
				issuer: ingramTokenIssuer(credentials),
			};
		},
	);
}
