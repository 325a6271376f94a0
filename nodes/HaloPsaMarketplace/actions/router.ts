/**
 * The HaloPSA node's router: the operation modules, the parameters generated from them for every
 * resource of the table, and the run of an execution (settings checked, then each item through its
 * operation).
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { runItems } from '../../shared/actions/itemLoop';
import { findOperation, operationProperties } from '../../shared/actions/operationKit';
import { requestSettings } from '../../shared/actions/requestOptions';
import { findResource, type HaloResource } from '../resources/resourceTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS, haloConnection } from '../transport/haloApi';
import { authenticateOperation } from './authenticate.operation';
import { bulkManageOperation } from './bulkManage.operation';
import type { HaloOperation } from './common';
import { deleteOperation } from './delete.operation';
import { deleteByParentOperation } from './deleteByParent.operation';
import { getOperation } from './get.operation';
import { getManyOperation } from './getMany.operation';
import { linkToTicketOperation } from './linkToTicket.operation';
import { readOperation } from './read.operation';
import { unlinkFromTicketOperation } from './unlinkFromTicket.operation';
import { upsertOperation } from './upsert.operation';
import { OPTIONS_BOX_FROM } from './versions';

/** Every operation kind; a resource offers those its table row names. */
export const operations: readonly HaloOperation[] = [
	getOperation,
	deleteOperation,
	linkToTicketOperation,
	unlinkFromTicketOperation,
	getManyOperation,
	upsertOperation,
	bulkManageOperation,
	deleteByParentOperation,
	readOperation,
	authenticateOperation,
];

/** The Operation parameter and every operation's parameters for one resource. */
export const resourceProperties = (resource: HaloResource): INodeProperties[] =>
	operationProperties(operations, resource);

export async function runHaloNode(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const resource = findResource(context.getNodeParameter('resource', 0) as string);
	const settings = requestSettings(context, DEFAULT_RATE_LIMIT_WAIT_SECONDS, OPTIONS_BOX_FROM);
	const connection = await haloConnection(context, {
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
