import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { paymentsProperties, searchMethodName } from './descriptions/paymentsProperties';
import { paymentsSearch } from './transport/paymentsListSearch';
import { HIGHLEVEL_API_CREDENTIAL, HIGHLEVEL_API_URL, HIGHLEVEL_APP_CREDENTIAL } from './transport/highLevelUrls';

export class HighLevelPayments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Payments',
		name: 'highLevelPayments',
		icon: { light: 'file:highlevel.svg', dark: 'file:highlevel.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'HighLevel (LeadConnector) payments Orders API: orders, fulfillments, transactions, subscriptions and white-label providers',
		defaults: { name: 'HighLevel Payments' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: HIGHLEVEL_APP_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
			{ name: HIGHLEVEL_API_CREDENTIAL, required: true, displayOptions: { show: { authentication: ['apiKey'] } } },
		],
		requestDefaults: {
			baseURL: `={{($credentials.apiBaseUrl || "${HIGHLEVEL_API_URL}").trim().replace(/\\/+$/, "")}}`,
			headers: { Accept: 'application/json' },
		},
		properties: paymentsProperties,
	};

	methods = {
		listSearch: Object.fromEntries((['order', 'transaction', 'subscription'] as const).map((r) => [searchMethodName(r), paymentsSearch(r)])),
	};
}
