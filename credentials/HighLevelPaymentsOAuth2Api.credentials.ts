import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import {
	HIGHLEVEL_API_URL,
	HIGHLEVEL_API_VERSION,
	HIGHLEVEL_AUTHORIZE_URL,
	HIGHLEVEL_WHITE_LABEL_AUTHORIZE_URL,
	PAYMENTS_SCOPES,
} from '../nodes/HighLevelPayments/transport/highLevelUrls';

/**
 * HighLevel payments over OAuth 2.0: a marketplace app's authorization code (standard or white-label
 * authorize page), or client credentials as Halo Service Solutions uses. n8n keeps the token in the
 * credential and refreshes it after a 401. The location (`altId`) comes from the token's `locationId`
 * unless set here.
 */
export class HighLevelPaymentsOAuth2Api implements ICredentialType {
	name = 'highLevelPaymentsOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'HighLevel Payments OAuth2 API';

	documentationUrl = 'https://marketplace.gohighlevel.com/docs/Authorization/OAuth2.0';

	icon = { light: 'file:highlevel.svg', dark: 'file:highlevel.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code (Marketplace App)', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization Page',
			name: 'authorizePage',
			type: 'options',
			displayOptions: { show: { grantType: ['authorizationCode'] } },
			options: [
				{ name: 'Standard (marketplace.gohighlevel.com)', value: 'standard' },
				{ name: 'White-Label (marketplace.leadconnectorhq.com)', value: 'whiteLabel' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'standard',
		},
		{
			displayName: 'Custom Authorization URL',
			name: 'customAuthUrl',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode'], authorizePage: ['custom'] } },
			default: '',
			placeholder: 'https://marketplace.example.com/oauth/chooselocation',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: HIGHLEVEL_API_URL,
			description: 'Change only for a HighLevel sandbox or proxy; the token is fetched from {API Base URL}/oauth/token',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{$self.authorizePage === "custom" ? $self.customAuthUrl : $self.authorizePage === "whiteLabel" ? "${HIGHLEVEL_WHITE_LABEL_AUTHORIZE_URL}" : "${HIGHLEVEL_AUTHORIZE_URL}"}}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{($self.apiBaseUrl || "${HIGHLEVEL_API_URL}").trim().replace(/\\/+$/, "")}}/oauth/token`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: PAYMENTS_SCOPES.join(' '),
			description: 'Space-separated. The six payments scopes cover every operation of the node and trigger.',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			description: 'The sub-account (altId). Leave empty to use the location the token was issued for.',
		},
		{ displayName: 'Auth URI Query Parameters', name: 'authQueryParameters', type: 'hidden', default: '' },
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		// HighLevel issues sub-account (Location) tokens when asked with user_type.
		{ displayName: 'Send Additional Body Properties', name: 'sendAdditionalBodyProperties', type: 'hidden', default: true },
		{ displayName: 'Additional Body Properties', name: 'additionalBodyProperties', type: 'hidden', default: '{"user_type":"Location"}' },
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{($credentials.apiBaseUrl || "${HIGHLEVEL_API_URL}").trim().replace(/\\/+$/, "")}}`,
			url: '/payments/orders',
			headers: { Version: HIGHLEVEL_API_VERSION },
			qs: { altId: '={{$credentials.locationId || $credentials.oauthTokenData?.locationId}}', altType: 'location', limit: 1 },
		},
	};
}
