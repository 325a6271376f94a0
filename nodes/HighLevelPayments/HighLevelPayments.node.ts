import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { subtitleOf } from '../shared/wording';
import { authenticationProperty, highLevelCredentials } from './resources/authentication';
import { resourceParameter } from '../shared/actions/operationKit';
import { requestOptionsProperty, timeoutProperty } from '../shared/actions/requestOptions';
import { resourceProperties, runHighLevelNode } from './actions/router';
import { listSearch } from './methods/listSearch';
import { paymentsTable } from './resources/paymentsTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS } from './transport/highLevelApi';

/** Orders come first in the table and are the default resource. */
const resourceOptions = paymentsTable.map((r) => ({
	name: r.displayName,
	value: r.value,
	description: r.summary,
}));
const defaultResource = paymentsTable[0].value;

/** Every resource's Operation parameter and its operations' parameters, built once. */
const operationParameters = paymentsTable.flatMap(resourceProperties);

export class HighLevelPayments implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Payments',
		name: 'highLevelPayments',
		icon: { light: 'file:highlevel.svg', dark: 'file:highlevel.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(resourceOptions, operationParameters),
		description:
			'HighLevel (LeadConnector) payments Orders API: orders, fulfillments, transactions, subscriptions and white-label providers',
		defaults: { name: 'HighLevel Payments' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: highLevelCredentials,
		properties: [
			authenticationProperty,
			resourceParameter(resourceOptions, defaultResource),
			...operationParameters,
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
