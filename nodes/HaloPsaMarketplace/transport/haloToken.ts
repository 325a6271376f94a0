import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { redact } from '../../shared/transport/redact';
import {
	coalescedToken,
	CredentialTokenError,
	expiryOf,
	parseTokenAnswer,
	sendCredentialRequest,
	tokenIssuer,
	type IssuedToken,
} from '../../shared/transport/tokens';
import { instanceUrl, tokenUrl } from './haloUrls';

export interface HaloCredentialData extends IDataObject {
	hostingType: string;
	resourceServerUrl: string;
	authServerUrl: string;
	tenant: string;
	clientId: string;
	clientSecret: string;
	scope: string;
	accessToken: string;
}

/** The token URL and client a Halo token is issued for (see tokenIssuer). */
export const haloTokenIssuer = (credentials: IDataObject) =>
	tokenIssuer(tokenUrl(credentials as HaloCredentialData), credentials.clientId);

export async function fetchHaloToken(
	this: IHttpRequestHelper,
	credentials: HaloCredentialData,
): Promise<IssuedToken> {
	const key = [
		tokenUrl(credentials),
		credentials.clientId,
		credentials.clientSecret,
		credentials.scope,
	];
	return await coalescedToken(key, credentials.accessToken, async () => {
		const { found, from } = await withAuthInfo.call(this, credentials);
		const issued = await requestToken.call(this, tokenUrl(found), found, from);
		// Bound to the credential as the user filled it in, which the discovered URL derives from.
		return { ...issued, issuer: haloTokenIssuer(credentials) };
	});
}

/**
 * A hosted credential whose Authorisation Server URL or Tenant is left empty: both are read from
 * the instance's `/api/authinfo` (which needs no token), as Halo's own PowerShell module does. An
 * instance that does not answer it leaves the credential as it is ({Resource Server URL}/auth, no
 * tenant).
 */
async function withAuthInfo(
	this: IHttpRequestHelper,
	credentials: HaloCredentialData,
): Promise<{ found: HaloCredentialData; from?: string }> {
	const needsServer = !String(credentials.authServerUrl ?? '').trim();
	const needsTenant = !String(credentials.tenant ?? '').trim();
	if (credentials.hostingType === 'onPremise' || (!needsServer && !needsTenant))
		return { found: credentials };
	const url = `${instanceUrl(String(credentials.resourceServerUrl ?? ''))}/api/authinfo`;
	const answer = await sendCredentialRequest
		.call(
			this,
			credentials,
			{ method: 'GET', url, headers: { Accept: 'application/json' } },
			() => '',
		)
		.catch(() => undefined);
	const info = answer && answer.statusCode === 200 ? parseTokenAnswer(answer.body) : undefined;
	const authUrl = typeof info?.auth_url === 'string' ? info.auth_url.trim() : '';
	const tenant = typeof info?.tenant_id === 'string' ? info.tenant_id.trim() : '';
	if (!authUrl && !tenant) return { found: credentials };
	return {
		found: {
			...credentials,
			authServerUrl: needsServer && authUrl ? authUrl : credentials.authServerUrl,
			tenant: needsTenant && tenant ? tenant : credentials.tenant,
		},
		from: url,
	};
}

async function requestToken(
	this: IHttpRequestHelper,
	url: string,
	credentials: HaloCredentialData,
	discoveredAt?: string,
): Promise<IssuedToken> {
	// Where a part of the token URL came from, when the user left it empty.
	const found = discoveredAt ? ` (the token URL as ${discoveredAt} gives it)` : '';
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: credentials.clientId ?? '',
		client_secret: credentials.clientSecret ?? '',
		scope: (credentials.scope ?? '').trim() || 'all',
	});
	// Halo's docs put the tenant in the token URL's query; some Halo clients send it as a form field,
	// and no source says which every instance reads: a hosted credential sends it in both.
	const tenant = String(credentials.tenant ?? '').trim();
	if (credentials.hostingType !== 'onPremise' && tenant) form.set('tenant', tenant);
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: form.toString(),
	};
	const response = await sendCredentialRequest.call(
		this,
		credentials,
		options,
		(reason) =>
			`Could not reach the HaloPSA token URL ${url}${found}: ${reason}. Check the ` +
			`Authorisation Server URL (hosted) or the Resource Server URL (own instance).`,
	);
	// A token endpoint may echo the form it was sent (the client secret) in its error: none of it is
	// shown.
	const fail = (text: string) => new CredentialTokenError(redact(text, [credentials.clientSecret]));
	const parsed = parseTokenAnswer(response.body);
	if (parsed === undefined) {
		throw fail(
			`The HaloPSA token URL ${url}${found} answered HTTP ${response.statusCode} with a web ` +
				'page, not a token. ' +
				'Copy the Authorisation Server URL from HaloPSA (Configuration > Integrations > Halo API ' +
				'> API Details) and check the Hosting Type.',
		);
	}
	const error = typeof parsed.error === 'string' ? parsed.error : undefined;
	if (response.statusCode >= 400 || error || typeof parsed.access_token !== 'string') {
		const detail =
			typeof parsed.error_description === 'string' ? `: ${parsed.error_description}` : '';
		if (error === 'invalid_client' || response.statusCode === 401) {
			throw fail(
				`HaloPSA rejected the client ID or client secret (invalid_client${detail}). Check the ` +
					`Client ID and Client Secret of the API application in HaloPSA (Configuration > ` +
					`Integrations > Halo API > View Applications) and that it uses Client ID and Secret ` +
					`(Services) authentication.`,
			);
		}
		if (error === 'invalid_scope') {
			throw fail(
				`HaloPSA refused the scope "${credentials.scope}" (invalid_scope${detail}). Use "all" ` +
					`or scopes the API application allows.`,
			);
		}
		throw fail(
			`HaloPSA did not issue a token (HTTP ${response.statusCode}` +
				`${error ? `, ${error}` : ''}${detail}).`,
		);
	}
	return { token: parsed.access_token, expiresAt: expiryOf(parsed.expires_in) };
}
