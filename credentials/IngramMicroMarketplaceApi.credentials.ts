import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import {
	fetchIngramToken,
	ingramTokenIssuer,
	type IngramCredentialData,
} from '../nodes/IngramMicroMarketplace/transport/ingramToken';
import {
	INGRAM_DEFAULT_BASE,
	MARKETPLACE_BASE_EXPRESSION,
} from '../nodes/IngramMicroMarketplace/transport/ingramUrls';
import {
	bearerIfIssuedFor,
	fieldText,
	storedToken,
	withHeaders,
} from '../nodes/shared/credentialHeaders';

/**
 * Ingram Micro Cloud Marketplace API: a token from `POST {base}/token` (Basic user/password, the
 * subscription key, the marketplace code), kept in the credential and renewed when Ingram Micro
 * answers 401 (it expires after `expiresInSeconds`). Every call also carries the subscription key.
 */
export class IngramMicroMarketplaceApi implements ICredentialType {
	name = 'ingramMicroMarketplaceApi';

	displayName = 'Ingram Micro Cloud Marketplace API';

	documentationUrl = 'https://apidocs.cloud.im/1.6/';

	icon = { light: 'file:ingram.svg', dark: 'file:ingram.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Marketplace API URL',
			name: 'baseUrl',
			type: 'string',
			default: INGRAM_DEFAULT_BASE,
			placeholder: 'e.g. https://api.cloud.im/marketplace/eu',
			description:
				'Includes your region: …/marketplace/eu, …/marketplace/na, or the lab ' +
				'https://api-lab.cloud.im/marketplace/dev',
		},
		{ displayName: 'API Username', name: 'username', type: 'string', default: '', required: true },
		{
			displayName: 'API Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Subscription Key',
			name: 'subscriptionApiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as X-Subscription-Key with every call',
		},
		{
			displayName: 'Marketplace Code',
			name: 'marketplace',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. us',
			description: 'Your marketplace, for example us, ca, se, br, eu or nz',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{ displayName: 'Access Expires At', name: 'accessExpiresAt', type: 'hidden', default: '' },
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
		const issued = await fetchIngramToken.call(this, credentials as IngramCredentialData);
		return storedToken(issued);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withHeaders(requestOptions, {
			Authorization: bearerIfIssuedFor(credentials, ingramTokenIssuer(credentials)),
			'X-Subscription-Key': fieldText(credentials.subscriptionApiKey),
		});
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: MARKETPLACE_BASE_EXPRESSION,
			url: '/customers',
			qs: { limit: 1 },
		},
	};
}
