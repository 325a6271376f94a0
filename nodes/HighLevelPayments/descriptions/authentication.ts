/** The two ways in to HighLevel, offered the same by the node and the polling trigger. */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';
import { HIGHLEVEL_API_CREDENTIAL, HIGHLEVEL_APP_CREDENTIAL } from '../transport/highLevelUrls';

export const highLevelCredentials: INodeCredentialDescription[] = [
	{
		name: HIGHLEVEL_APP_CREDENTIAL,
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
	{
		name: HIGHLEVEL_API_CREDENTIAL,
		required: true,
		displayOptions: { show: { authentication: ['apiKey'] } },
	},
];

export const authenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	options: [
		{ name: 'OAuth2 (Marketplace App or Client Credentials)', value: 'oAuth2' },
		{ name: 'Private Integration Token', value: 'apiKey' },
	],
	default: 'oAuth2',
};

/**
 * The sub-account override of the action node (in its Options box from version 1.1) and of the
 * polling trigger.
 */
export const locationIdProperty: INodeProperties = {
	displayName: 'Location ID',
	name: 'locationId',
	type: 'string',
	default: '',
	description:
		'The sub-account (altId). Leave empty to use the one in the credential or the token.',
};
