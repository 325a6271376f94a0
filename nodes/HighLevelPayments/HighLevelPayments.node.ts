import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	authenticationProperty,
	highLevelCredentials,
	locationIdProperty,
} from './descriptions/authentication';
import { resourceOperationProperties } from '../shared/actions/operationKit';
import { requestProperties } from '../shared/actions/requestOptions';
import { resourceProperties, runHighLevelNode } from './actions/router';
import { HIGHLEVEL_VERSIONS, OPTIONS_BOX_FROM } from './actions/versions';
import { listSearch } from './methods/listSearch';
import { paymentsTable } from './resources/paymentsTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS } from './transport/highLevelApi';

/** Resource (orders first, the default), each resource's Operation and its parameters. */
const resources = resourceOperationProperties(paymentsTable, resourceProperties, {
	defaultResource: paymentsTable[0].value,
});

export class HighLevelPayments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Payments',
		name: 'highLevelPayments',
		icon: { light: 'file:highlevel.svg', dark: 'file:highlevel.dark.svg' },
		group: ['transform'],
		// What each version changed: actions/versions.ts.
		version: HIGHLEVEL_VERSIONS.versions,
		defaultVersion: 1.2,
		subtitle: resources.subtitle,
		description:
			'HighLevel (LeadConnector) payments Orders API: orders, fulfillments, transactions, ' +
			'subscriptions and white-label providers',
		defaults: { name: 'HighLevel Payments' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: highLevelCredentials,
		properties: [
			authenticationProperty,
			...resources.properties,
			{ ...locationIdProperty, displayOptions: { show: { '@version': [1] } } },
			...requestProperties({
				service: 'HighLevel',
				versions: HIGHLEVEL_VERSIONS,
				oneBoxFrom: OPTIONS_BOX_FROM,
				defaultRateLimitWaitSeconds: DEFAULT_RATE_LIMIT_WAIT_SECONDS,
				rateLimitNote:
					'HighLevel allows 100 requests per 10 seconds per location; the node also follows its ' +
					'X-RateLimit headers.',
				// The credential (or its token) names the sub-account; this only overrides it.
				nodeOptions: [locationIdProperty],
			}),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runHighLevelNode(this)];
	}
}
