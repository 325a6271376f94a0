/**
 * What every HighLevel Payments operation module works with: the item, its resource, the call, and
 * the shared checks and shapes.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import {
	itemError,
	param,
	pickedValue,
	recordPicker,
	showFor,
	simplifier,
	simplifyProperty,
	type Operation,
	type OperationItem,
} from '../../shared/actions/operationKit';
import type { HighLevelConnection } from '../transport/highLevelApi';
import type { PaymentsOperation, PaymentsResource } from '../resources/paymentsTable';

/**
 * One input item on its way through an operation: the item, its resource, and the run's connection.
 */
export interface HighLevelItem extends OperationItem<PaymentsResource> {
	connection: HighLevelConnection;
}

export type HighLevelOperation = Operation<PaymentsResource, HighLevelItem>;

export { itemError, param, showFor, simplifyProperty };

export const operationOf = <K extends PaymentsOperation['kind']>(
	resource: PaymentsResource,
	kind: K,
) => resource.operations.find((o): o is Extract<PaymentsOperation, { kind: K }> => o.kind === kind);

/**
 * HighLevel IDs are opaque strings of letters, digits, `-` and `_`: nothing else can reach another
 * endpoint (".", "..", "/").
 */
export const HIGHLEVEL_ID = /^[A-Za-z0-9_-]+$/;

/** The record (or parent order) ID from its resource locator. */
export function readId(item: HighLevelItem): string {
	const parameter = item.resource.idParameter!;
	const raw = pickedValue(item, parameter.name, '');
	const id = String(raw ?? '').trim();
	if (!HIGHLEVEL_ID.test(id)) {
		throw itemError(
			item,
			`${parameter.displayName} must be a HighLevel ID (letters, digits, - and _), got ` +
				`${JSON.stringify(raw ?? '')}`,
			`Pick the ${parameter.displayName.toLowerCase()} from the list, or paste its ID (for ` +
				`example 65f0c3…); nothing was sent to HighLevel.`,
		);
	}
	return id;
}

/** The operation's path with the record ID put in. */
export function pathOf(item: HighLevelItem, operation: PaymentsOperation): string {
	return operation.path.includes('{')
		? operation.path.replace(/\{\w+\}/, encodeURIComponent(readId(item)))
		: operation.path;
}

export function shapeRecords(item: HighLevelItem, records: IDataObject[]): INodeExecutionData[] {
	const shape = simplifier(item);
	return records.map((record) => ({ json: shape(record), pairedItem: { item: item.itemIndex } }));
}

export const searchMethodName = (from: string) => `search${from[0].toUpperCase()}${from.slice(1)}s`;

/**
 * The record picker (From list / By ID) of the operations that work on one record or on an order's
 * fulfillments.
 */
export function recordLocator(resource: PaymentsResource, operations: string[]): INodeProperties[] {
	const id = resource.idParameter;
	if (!id) return [];
	return [
		recordPicker({
			name: id.name,
			displayName: id.displayName,
			description:
				resource.value === 'fulfillment'
					? 'The order whose fulfillments to read or create'
					: `The ${id.displayName.toLowerCase()} to get`,
			displayOptions: showFor(resource, operations),
			searchListMethod: searchMethodName(id.searchFrom),
			placeholder: 'e.g. 65f0c3a1b2c4d5e6f7a8b9c0',
			idPattern: '^\\s*[A-Za-z0-9_-]+\\s*$',
			idError: 'A HighLevel ID has only letters, digits, - and _',
		}),
	];
}
