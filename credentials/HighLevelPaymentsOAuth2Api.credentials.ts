import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';
import {
	apiUrlExpression,
	HIGHLEVEL_API_URL,
	HIGHLEVEL_API_VERSION,
	HIGHLEVEL_AUTHORIZE_URL,
	HIGHLEVEL_OLDER_AUTHORIZE_URL,
	HIGHLEVEL_OLDER_WHITE_LABEL_AUTHORIZE_URL,
	HIGHLEVEL_WHITE_LABEL_AUTHORIZE_URL,
	PAYMENTS_SCOPES,
} from '../nodes/HighLevelPayments/transport/highLevelUrls';

/**
 * HighLevel payments over OAuth 2.0. HighLevel documents the authorization-code grant of a
 * marketplace app for its v2 API, so that is the path offered first; the client-credentials grant
 * appears in the token call's enum without saying which apps may use it or which location its token
 * carries, so it is kept for apps HighLevel issued it to. n8n keeps the token in the credential and
 * refreshes it after a 401. The location (`altId`) comes from the token's `locationId` unless set
 * here.
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
			description:
				'Authorization Code: connect a HighLevel marketplace app (the path HighLevel documents). ' +
				'Client Credentials: only if HighLevel enabled that grant for your app.',
		},
		{
			displayName:
				'HighLevel documents the authorization-code grant for its v2 API. Use client credentials ' +
				'only if HighLevel enabled them for your app; it may answer unsupported_grant_type, and ' +
				'its tokens may name no location: then set Location ID below.',
			name: 'clientCredentialsNotice',
			type: 'notice',
			default: '',
			displayOptions: { show: { grantType: ['clientCredentials'] } },
		},
		{
			displayName: 'Authorization Page',
			name: 'authorizePage',
			type: 'options',
			displayOptions: { show: { grantType: ['authorizationCode'] } },
			options: [
				{
					name: 'Standard (marketplace.gohighlevel.com/v2/oauth/chooselocation)',
					value: 'standard',
				},
				{
					name: 'White-Label (marketplace.leadconnectorhq.com/v2/oauth/chooselocation)',
					value: 'whiteLabel',
				},
				{
					name: 'Standard, Older Path (marketplace.gohighlevel.com/oauth/chooselocation)',
					value: 'standardOlder',
				},
				{
					name: 'White-Label, Older Path (marketplace.leadconnectorhq.com/oauth/chooselocation)',
					value: 'whiteLabelOlder',
				},
				{ name: 'Custom', value: 'custom' },
			],
			default: 'standard',
			description:
				"The page where the sub-account is chosen: HighLevel's docs name the /v2 path; its SDK " +
				'opens the older one',
		},
		{
			displayName: 'Custom Authorization URL',
			name: 'customAuthUrl',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode'], authorizePage: ['custom'] } },
			default: '',
			placeholder: 'e.g. https://marketplace.example.com/v2/oauth/chooselocation',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: HIGHLEVEL_API_URL,
			description:
				'Change only for a HighLevel sandbox or proxy; the token is fetched from {API Base ' +
				'URL}/oauth/token',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default:
				`={{$self.authorizePage === "custom" ? $self.customAuthUrl : ({ whiteLabel: ` +
				`"${HIGHLEVEL_WHITE_LABEL_AUTHORIZE_URL}", standardOlder: ` +
				`"${HIGHLEVEL_OLDER_AUTHORIZE_URL}", whiteLabelOlder: ` +
				`"${HIGHLEVEL_OLDER_WHITE_LABEL_AUTHORIZE_URL}" })[$self.authorizePage] || ` +
				`"${HIGHLEVEL_AUTHORIZE_URL}"}}`,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{${apiUrlExpression('$self.apiBaseUrl')}}}/oauth/token`,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			// Three rows: the six scopes show whole instead of cut off in a one-line field.
			typeOptions: { rows: 3 },
			default: PAYMENTS_SCOPES.join(' '),
			description:
				'Space-separated. The six payments scopes cover every operation of the node and trigger.',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			description:
				'The sub-account (altId). Leave empty to use the location the token was issued for; an ' +
				'app installed at agency level needs it (or Location ID in the node), and its token is ' +
				'exchanged for this sub-account.',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{ displayName: 'Authentication', name: 'authentication', type: 'hidden', default: 'body' },
		// HighLevel issues sub-account (Location) tokens when asked with user_type. n8n adds these body
		// fields to the client-credentials token request only, not to the code exchange or a refresh.
		{
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'hidden',
			default: true,
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'hidden',
			default: '{"user_type":"Location"}',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${apiUrlExpression('$credentials.apiBaseUrl')}}}`,
			url: '/payments/orders',
			headers: { Version: HIGHLEVEL_API_VERSION },
			qs: {
				// payments.json: the order list takes altId, not altType.
				altId: '={{$credentials.locationId || $credentials.oauthTokenData?.locationId}}',
				limit: 1,
			},
		},
	};
}
