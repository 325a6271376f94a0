/** What the operation modules of the three action nodes share: parameter reading, display rules and Simplify. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

/** A row of a node's resource table, as far as these helpers need it. */
export interface TableResource {
	value: string;
	/** Fields kept by Simplify; resources without it have no Simplify switch. */
	simplify?: readonly string[];
}

/** One input item on its way through an operation. */
export interface OperationItem<R extends TableResource = TableResource> {
	context: IExecuteFunctions;
	itemIndex: number;
	resource: R;
}

export const showFor = (resource: TableResource, operation: string[], extra: Record<string, Array<string | boolean>> = {}) => ({
	show: { resource: [resource.value], operation, ...extra },
});

export function param<T>(item: OperationItem, name: string, fallback: T, options?: { extractValue: boolean }): T {
	return item.context.getNodeParameter(name, item.itemIndex, fallback, options) as T;
}

export function simplifyProperty(resource: TableResource, operations: string[]): INodeProperties[] {
	if (!resource.simplify) return [];
	return [{ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description: 'Whether to return only the main fields instead of the whole record', displayOptions: showFor(resource, operations) }];
}

/** The record as output: only the resource's main fields when the user asked for Simplify. */
export function simplified(item: OperationItem, record: IDataObject): IDataObject {
	const fields = item.resource.simplify;
	if (!fields || !param<boolean>(item, 'simplify', false)) return record;
	return Object.fromEntries(fields.filter((f) => f in record).map((f) => [f, record[f]]));
}
