/**
 * The Ingram Micro node's router: the operation modules, the parameters generated from them, and
 * the run of an execution.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runItems } from '../../shared/actions/itemLoop';
import { findOperation, operationProperties } from '../../shared/actions/operationKit';
import { requestSettings } from '../../shared/actions/requestOptions';
import { findMarketplaceResource, type MarketplaceResource } from '../resources/marketplaceTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS, ingramConnection } from '../transport/ingramApi';
import type { IngramOperation } from './common';
import { OPTIONS_BOX_FROM } from './versions';
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
export const resourceProperties = (resource: MarketplaceResource): INodeProperties[] =>
	operationProperties(
		operations,
		resource,
		resource.operations.map((o) => o.value),
	);

export async function runIngramNode(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = findMarketplaceResource(context.getNodeParameter('resource', 0) as string);
	const settings = requestSettings(context, DEFAULT_RATE_LIMIT_WAIT_SECONDS, OPTIONS_BOX_FROM);
	const connection = await ingramConnection(context, {
		itemIndex: 0,
		timeoutMs: settings.timeoutMs,
		rateLimitBudgetMs: settings.rateLimitBudgetMs,
		renewExpiredToken: true,
	});
	const value = context.getNodeParameter('operation', 0) as string;
	const operation = findOperation(context, operations, resource, value);
	return await runItems(context, operation, {
		value,
		resource,
		connection,
		concurrency: settings.concurrency,
	});
}
