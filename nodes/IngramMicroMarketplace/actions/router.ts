/**
 * The Ingram Micro node's router: the operation modules, the parameters generated from them, and
 * the run of an execution.
 */
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { operationMap, runOperation } from '../../shared/actions/operationKit';
import { requestSettings } from '../../shared/actions/requestOptions';
import { firstOptionValue } from '../../shared/wording';
import { findMarketplaceResource, type MarketplaceResource } from '../resources/marketplaceTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS, ingramConnection } from '../transport/ingramApi';
import type { IngramOperation } from './common';
import { createCustomerOperation } from './createCustomer.operation';
import { createOrderOperation } from './createOrder.operation';
import { estimateOrderOperation } from './estimateOrder.operation';
import { getOperation } from './get.operation';
import { getManyOperation } from './getMany.operation';
import { validateParametersOperation } from './validateParameters.operation';

export const operations: readonly IngramOperation[] = [
	getOperation,
	getManyOperation,
	createCustomerOperation,
	createOrderOperation,
	estimateOrderOperation,
	validateParametersOperation,
];

/**
 * The Operation parameter and every operation's parameters for one resource, in the table's order.
 */
export function resourceProperties(resource: MarketplaceResource): INodeProperties[] {
	const offered = operationMap(operations, resource);
	const options: INodePropertyOptions[] = resource.operations.flatMap((o) => {
		const entry = offered.get(o.value);
		return entry ? [entry.option] : [];
	});
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: firstOptionValue(options),
		},
		...operations.flatMap((operation) => operation.properties(resource)),
	];
}

export async function runIngramNode(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = findMarketplaceResource(context.getNodeParameter('resource', 0) as string);
	const settings = requestSettings(context, DEFAULT_RATE_LIMIT_WAIT_SECONDS);
	const connection = await ingramConnection(context, {
		itemIndex: 0,
		timeoutMs: settings.timeoutMs,
		rateLimitBudgetMs: settings.rateLimitBudgetMs,
		renewExpiredToken: true,
	});
	return await runOperation(context, {
		resource,
		operationValue: context.getNodeParameter('operation', 0) as string,
		operations,
		connection,
		concurrency: settings.concurrency,
	});
}
