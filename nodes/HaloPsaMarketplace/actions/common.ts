/** What every HaloPSA operation module works with: the item, its resource, the call to Halo, and the shared checks and shapes. */
import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import {
	param,
	recordPicker,
	showFor,
	simplifier,
	simplifyProperty,
	type Operation,
	type OperationItem,
} from '../../shared/actions/operationKit';
import type { ApiCall, ApiConnection } from '../../shared/transport/apiClient';
import { haloRequest } from '../transport/haloApi';
import { isWriteOnlyField, withoutWriteOnly, type HaloResource } from '../resources/resourceTable';

/** One input item on its way through an operation: the item, its resource, and the run's connection to Halo. */
export interface HaloItem extends OperationItem<HaloResource> {
	connection: ApiConnection;
}

export type HaloOperation = Operation<HaloResource, HaloItem>;

export { param, showFor, simplifyProperty };

export function userError(
	item: HaloItem,
	message: string,
	description: string,
	itemIndex = item.itemIndex,
) {
	return new NodeOperationError(item.context.getNode(), message, { itemIndex, description });
}

export async function send(item: HaloItem, call: ApiCall): Promise<unknown> {
	return await haloRequest(item.context, item.connection, call);
}

/** The Halo record key the user picked (From list / By ID); a positive whole number, so no other path can be reached. */
export function readId(item: HaloItem, parameter: string, label: string): number {
	const raw = param<unknown>(item, parameter, undefined, { extractValue: true });
	const id = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim());
	if (!Number.isInteger(id) || id <= 0) {
		throw userError(
			item,
			`${label} must be a positive whole number, got ${JSON.stringify(raw ?? '')} (item ${item.itemIndex})`,
			`Set "${label}" to the HaloPSA ID of the record, or pick it from the list.`,
		);
	}
	return id;
}

/** Output items: write-only fields dropped, Simplify applied where the resource has it and the user asked. */
export function shapeRecords(item: HaloItem, records: IDataObject[]): INodeExecutionData[] {
	const shape = simplifier(item);
	return records.map((record) => ({
		json: shape(withoutWriteOnly(record ?? {})),
		pairedItem: { item: item.itemIndex },
	}));
}

export const searchMethodName = (resource: HaloResource) =>
	`search${resource.value[0].toUpperCase()}${resource.value.slice(1)}`;

/** The record picker (From list / By ID) of the operations that work on one record. */
export function recordLocator(resource: HaloResource, operations: string[]): INodeProperties {
	return recordPicker({
		name: 'recordId',
		displayName: `${resource.displayName} ID`,
		description: `The HaloPSA record to use (its ${resource.key})`,
		displayOptions: showFor(resource, operations),
		searchListMethod: searchMethodName(resource),
		placeholder: 'e.g. 42',
		idPattern: '^\\s*\\d+\\s*$',
		idError: 'The ID is a whole number',
	});
}

/** The `new_*` values a record sends: never repeated in an error, even when Halo echoes them. */
export function writeOnlyValues(records: IDataObject[]): string[] {
	const out: string[] = [];
	for (const record of records)
		for (const [key, value] of Object.entries(record ?? {}))
			if (isWriteOnlyField(key) && typeof value === 'string' && value) out.push(value);
	return out;
}
