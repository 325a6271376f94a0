import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { authenticationProperty, highLevelCredentials } from './resources/authentication';
import { resourceOperationProperties } from '../shared/actions/operationKit';
import { requestOptionsProperty, timeoutProperty } from '../shared/actions/requestOptions';
import { resourceProperties, runHighLevelNode } from './actions/router';
import { listSearch } from './methods/listSearch';
import { paymentsTable } from './resources/paymentsTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS } from './transport/highLevelApi';

/** Resource (orders first, the default), each resource's Operation and its parameters. */
const resources = resourceOperationProperties(paymentsTable, resourceProperties, {
	defaultResource: paymentsTable[0].value,
	order: 'table',
});

export class HighLevelPayments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Payments',
		name: 'highLevelPayments',
		icon: { light: 'file:highlevel.svg', dark: 'file:highlevel.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: resources.subtitle,
		description:
			'HighLevel (LeadConnector) payments Orders API: orders, fulfillments, transactions, subscriptions and white-label providers',
		defaults: { name: 'HighLevel Payments' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: highLevelCredentials,
		properties: [
			authenticationProperty,
			...resources.properties,
			{
				displayName: 'Location ID',
				name: 'locationId',
				type: 'string',
				default: '',
				description:
					'The sub-account (altId). Leave empty to use the one in the credential or the token.',
			},
			timeoutProperty('HighLevel'),
			requestOptionsProperty(
				DEFAULT_RATE_LIMIT_WAIT_SECONDS,
				'HighLevel allows 100 requests per 10 seconds per location; the node also follows its X-RateLimit headers.',
			),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runHighLevelNode(this)];
	}
}
