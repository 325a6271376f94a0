import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import {
	apiUrlExpression,
	HIGHLEVEL_API_URL,
	HIGHLEVEL_API_VERSION,
} from '../nodes/HighLevelPayments/transport/highLevelUrls';
import { fieldText, withHeaders } from '../nodes/shared/credentialHeaders';

/**
 * A sub-account's Private Integration Token (`pit-…`): a fixed bearer token with no refresh and no
 * webhooks.
 */
export class HighLevelPaymentsApi implements ICredentialType {
	name = 'highLevelPaymentsApi';

	displayName = 'HighLevel Payments Private Integration Token API';

	documentationUrl =
		'https://help.gohighlevel.com/support/solutions/articles/155000003054-private-integrations';

	icon = { light: 'file:highlevel.svg', dark: 'file:highlevel.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Private Integration Token',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'e.g. pit-…',
			description: 'Sub-account Settings > Private Integrations; give it the payments scopes',
		},
		{
			displayName: 'Location ID',
			name: 'locationId',
			type: 'string',
			default: '',
			required: true,
			description: 'The sub-account the token belongs to (altId)',
		},
		{
			displayName: 'API Base URL',
			name: 'apiBaseUrl',
			type: 'string',
			default: HIGHLEVEL_API_URL,
			description: 'Change only for a HighLevel sandbox or proxy',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return withHeaders(requestOptions, {
			Authorization: `Bearer ${fieldText(credentials.apiKey)}`,
			Version: HIGHLEVEL_API_VERSION,
		});
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{${apiUrlExpression('$credentials.apiBaseUrl')}}}`,
			url: '/payments/orders',
			// payments.json: the order list takes altId, not altType.
			qs: { altId: '={{$credentials.locationId}}', limit: 1 },
		},
	};
}
