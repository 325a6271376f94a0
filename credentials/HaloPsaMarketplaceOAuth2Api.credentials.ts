import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import {
	fetchHaloToken,
	haloTokenIssuer,
	type HaloCredentialData,
} from '../nodes/HaloPsaMarketplace/transport/haloToken';
import { API_BASE_URL_EXPRESSION } from '../nodes/HaloPsaMarketplace/transport/haloUrls';
import { bearerIfIssuedFor, storedToken, withHeaders } from '../nodes/shared/credentialHeaders';

/**
 * OAuth 2.0 client credentials for HaloPSA. The access token is an expirable hidden property: n8n
 * calls preAuthentication when it is empty or after a 401, stores the result in the credential and
 * reuses it across items and executions until Halo refuses it.
 */
export class HaloPsaMarketplaceOAuth2Api implements ICredentialType {
	name = 'haloPsaMarketplaceOAuth2Api';

	displayName = 'HaloPSA Marketplace OAuth2 API';

	documentationUrl = 'https://halopsa.com/apidoc/info';

	icon = { light: 'file:halopsa.svg', dark: 'file:halopsa.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Hosting Type',
			name: 'hostingType',
			type: 'options',
			options: [
				{ name: 'Hosted by Halo', value: 'hosted' },
				{ name: 'Own Instance / On-Premise', value: 'onPremise' },
			],
			default: 'hosted',
			description:
				'Hosted by Halo uses the authorisation server and tenant shown in HaloPSA; own instance ' +
				'uses {instance}/auth/token',
		},
		{
			displayName: 'Resource Server URL',
			name: 'resourceServerUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://acme.halopsa.com',
			required: true,
			description:
				'Your HaloPSA address, with or without /api (Configuration > Integrations > Halo API > ' +
				'API Details)',
		},
		{
			displayName: 'Authorisation Server URL',
			name: 'authServerUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://acme.halopsa.com/auth',
			description: 'As shown in HaloPSA under API Details. Empty means {Resource Server URL}/auth.',
			displayOptions: { show: { hostingType: ['hosted'] } },
		},
		{
			displayName: 'Tenant',
			name: 'tenant',
			type: 'string',
			default: '',
			placeholder: 'e.g. acme',
			description: 'The tenant shown in HaloPSA under API Details (hosted instances only)',
			displayOptions: { show: { hostingType: ['hosted'] } },
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				'Of a HaloPSA API application (Configuration > Integrations > HaloPSA API > View ' +
				'Applications) using Client ID and Secret (Services). It can be the same application as ' +
				"n8n's built-in HaloPSA credential uses.",
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'all',
			description: 'Space-separated scopes the API application may use',
		},
		{
			displayName: 'Requests per Window',
			name: 'requestsPerWindow',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 300,
			description:
				'How many requests HaloPSA accepts per rolling window (hosted Halo: 300 per 5 minutes). ' +
				'The nodes space their calls to stay within it, per n8n process. 0 turns this pacing ' +
				'off; a 429 is still waited out.',
		},
		{
			displayName: 'Window (Seconds)',
			name: 'windowSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description: 'The length of that rolling window',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Access Expires At',
			name: 'accessExpiresAt',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Access Token Issuer',
			name: 'accessTokenIssuer',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		// The expiry is saved beside the token, so an execution renews an expired token once before its
		// calls.
		const issued = await fetchHaloToken.call(this, credentials as HaloCredentialData);
		return storedToken(issued);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withHeaders(requestOptions, {
			Authorization: bearerIfIssuedFor(credentials, haloTokenIssuer(credentials)),
		});
	}

	// Agent/me needs a valid token and no particular permission: it proves the token and one API
	// call.
	test: ICredentialTestRequest = {
		request: {
			baseURL: API_BASE_URL_EXPRESSION,
			url: '/Agent/me',
		},
	};
}
