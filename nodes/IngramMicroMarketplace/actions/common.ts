/**
 * What every Ingram Micro operation module works with: the item, its resource, the call, and the
 * shared checks and shapes.
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
import type { ApiConnection } from '../../shared/transport/apiClient';
import type { MarketplaceOperation, MarketplaceResource } from '../resources/marketplaceTable';

/**
 * One input item on its way through an operation: the item, its resource, and the run's connection.
 */
export interface IngramItem extends OperationItem<MarketplaceResource> {
	connection: ApiConnection;
}

export type IngramOperation = Operation<MarketplaceResource, IngramItem>;

export { itemError, param, showFor, simplifyProperty };

export const operationOf = <V extends MarketplaceOperation['value']>(
	resource: MarketplaceResource,
	value: V,
) =>
	resource.operations.find(
		(o): o is Extract<MarketplaceOperation, { value: V }> => o.value === value,
	);

/**
 * Ingram Micro IDs (CUS-1234-5678, SUB-…) are letters, digits, `-` and `_`: nothing else can reach
 * another endpoint (".", "..", "/").
 */
export const INGRAM_ID = /^[A-Za-z0-9_-]+$/;

export function readId(item: IngramItem, parameter: string, label: string): string {
	const raw = pickedValue(item, parameter, '');
	const id = String(raw ?? '').trim();
	if (!INGRAM_ID.test(id))
		throw itemError(
			item,
			`${label} must be an Ingram Micro ID (letters, digits, - and _), got ` +
				`${JSON.stringify(raw ?? '')}`,
			`Pick the ${label.toLowerCase()} from the list or paste its ID; nothing was sent to ` +
				`Ingram Micro.`,
		);
	return id;
}

export function shapeRecords(
	item: IngramItem,
	records: IDataObject[],
	extra: IDataObject = {},
): INodeExecutionData[] {
	const shape = simplifier(item);
	return records.map((record) => ({
		json: { ...shape(record), ...extra },
		pairedItem: { item: item.itemIndex },
	}));
}

export const searchMethodName = (resource: string) =>
	`search${resource[0].toUpperCase()}${resource.slice(1)}s`;

export const recordLocator = (
	name: string,
	displayName: string,
	searchFrom: string,
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties =>
	recordPicker({
		name,
		displayName,
		displayOptions,
		searchListMethod: searchMethodName(searchFrom),
		placeholder: 'e.g. CUS-1234-5678',
		idPattern: '^\\s*[A-Za-z0-9_-]+\\s*$',
		idError: 'An Ingram Micro ID has only letters, digits, - and _',
	});

/** The answer as a record (an empty object when Ingram Micro sent none). */
export const recordOf = (parsed: unknown): IDataObject =>
	(parsed && typeof parsed === 'object' ? parsed : {}) as IDataObject;
