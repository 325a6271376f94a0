/**
 * The HighLevel Payments node's router: the operation modules, the parameters generated from them,
 * and the run of an execution.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runItems } from '../../shared/actions/itemLoop';
import { findOperation, operationProperties } from '../../shared/actions/operationKit';
import { requestSettings } from '../../shared/actions/requestOptions';
import { findPaymentsResource, type PaymentsResource } from '../resources/paymentsTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS, highLevelConnection } from '../transport/highLevelApi';
import type { HighLevelOperation } from './common';
import { createFulfillmentOperation } from './createFulfillment.operation';
import { createWhiteLabelProviderOperation } from './createWhiteLabelProvider.operation';
import { getOperation } from './get.operation';
import { getManyOperation } from './getMany.operation';
import { OPTIONS_BOX_FROM } from './versions';

export const operations: readonly HighLevelOperation[] = [
	getManyOperation,
	getOperation,
	createFulfillmentOperation,
	createWhiteLabelProviderOperation,
];

/**
 * The Operation parameter and every operation's parameters for one resource, in the table's order.
 */
export const resourceProperties = (resource: PaymentsResource): INodeProperties[] =>
	operationProperties(
		operations,
		resource,
		resource.operations.map((o) => o.value),
	);

export async function runHighLevelNode(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = findPaymentsResource(context.getNodeParameter('resource', 0) as string);
	const settings = requestSettings(context, DEFAULT_RATE_LIMIT_WAIT_SECONDS, OPTIONS_BOX_FROM);
	const connection = await highLevelConnection(context, {
		itemIndex: 0,
		timeoutMs: settings.timeoutMs,
		rateLimitBudgetMs: settings.rateLimitBudgetMs,
		authentication: context.getNodeParameter('authentication', 0, 'oAuth2'),
		// The Location ID override: in the Options box (1.1 on) or on its own (1).
		locationId: settings.options.locationId ?? context.getNodeParameter('locationId', 0, ''),
	});
	// Items after the first share what it learnt (the token's location): the connection object is
	// shared.
	const value = context.getNodeParameter('operation', 0) as string;
	const operation = findOperation(context, operations, resource, value);
	return await runItems(context, operation, {
		value,
		resource,
		connection,
		concurrency: settings.concurrency,
	});
}
