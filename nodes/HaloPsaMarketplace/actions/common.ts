/**
 * What every HaloPSA operation module works with: the item, its resource, the call to Halo, and the
 * shared checks and shapes.
 */
import { type IDataObject, type INodeExecutionData, type INodeProperties } from 'n8n-workflow';
import {
	itemError,
	param,
	pickedValue,
	readOutputProperties,
	recordPicker,
	showFor,
	simplifier,
	simplifyProperty,
	type Operation,
	type OperationItem,
} from '../../shared/actions/operationKit';
import type { ApiConnection } from '../../shared/transport/apiClient';
import { titleCase } from '../descriptions/fieldProperties';
import {
	isWriteOnlyField,
	WRITE_ONLY_FIELDS,
	withoutWriteOnly,
	type HaloResource,
} from '../resources/resourceTable';
import { HALO_VERSIONS, ONE_BOX_PER_PANEL_FROM } from './versions';

/**
 * One input item on its way through an operation: the item, its resource, and the run's connection
 * to Halo.
 */
export interface HaloItem extends OperationItem<HaloResource> {
	connection: ApiConnection;
}

export type HaloOperation = Operation<HaloResource, HaloItem>;

export { itemError, param, showFor, simplifier, simplifyProperty };

/**
 * How a read outputs its records: Simplify before 1.2; from 1.2 Output (Simplified, Raw or the
 * fields picked from the resource's own, write-only ones excepted).
 */
export const haloReadOutputProperties = (resource: HaloResource, operations: string[]) =>
	readOutputProperties(
		resource,
		operations,
		HALO_VERSIONS,
		ONE_BOX_PER_PANEL_FROM,
		resource.fields
			.filter(([name]) => !isWriteOnlyField(name))
			.map(([name]) => ({ name: titleCase(name), value: name })),
	);

/**
 * A Halo key as written: plain decimal digits (no sign, spaces, exponent, hex, octal or binary
 * form) of a positive safe integer, or that number. Anything else is undefined, so "0x10" never
 * becomes record 16.
 */
export function haloKey(raw: unknown): number | undefined {
	const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw : '';
	if (!/^[0-9]+$/.test(text)) return undefined;
	const id = Number(text);
	return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** The Halo record key the user picked (From list / By ID) or typed; see haloKey. */
export function readId(item: HaloItem, parameter: string, label: string): number {
	const raw = readPicked(item, parameter, label);
	const id = haloKey(raw);
	if (id === undefined) {
		throw itemError(
			item,
			`${label} must be a HaloPSA ID (digits only, e.g. 42), got ${JSON.stringify(raw ?? '')}`,
			`Set "${label}" to the HaloPSA ID of the record, written in plain digits with no spaces, ` +
				`sign or other notation, or pick it from the list. Nothing was sent to HaloPSA.`,
		);
	}
	return id;
}

/** The value picked; a link typed By URL that holds no ID is named, with the fix. */
function readPicked(item: HaloItem, parameter: string, label: string): unknown {
	return pickedValue(item, parameter, undefined, (link) =>
		itemError(
			item,
			`${label} must be a HaloPSA link ending in id= and the ID, got ${JSON.stringify(link)}`,
			`Copy the link from the record's page in HaloPSA (e.g. ${TICKET_URL_EXAMPLE}), ` +
				`or pick the record from the list. Nothing was sent to HaloPSA.`,
		),
	);
}

/**
 * A ticket's link in Halo's agent app: the tenant's address, then /ticket?id= or /tickets?id= and
 * the ticket number, other query keys allowed around id. Both paths are in use in public
 * integrations and no Halo document here settles one, so both are taken (api-facts' UNSURE rule).
 */
export const TICKET_URL_PATTERN =
	'^https?://[^\\s?#]+/tickets?\\?(?:[^#\\s]*&)?id=(\\d+)(?:[&#]\\S*)?$';
export const TICKET_URL_EXAMPLE = 'https://acme.halopsa.com/ticket?id=1001';

/**
 * Output items: write-only fields dropped, Simplify applied where the resource has it and the user
 * asked.
 */
export function shapeRecords(
	item: HaloItem,
	records: IDataObject[],
	shape = simplifier(item),
): INodeExecutionData[] {
	return records.map((record) => ({
		json: shape(withoutWriteOnly(record ?? {})),
		pairedItem: { item: item.itemIndex },
	}));
}

export const searchMethodName = (resource: Pick<HaloResource, 'value'>) =>
	`search${resource.value[0].toUpperCase()}${resource.value.slice(1)}`;

/** The record picker (From list / By ID) of the operations on one record, named after it. */
export function recordLocator(resource: HaloResource, operations: string[]): INodeProperties {
	return recordPicker({
		name: 'recordId',
		displayName: resource.displayName,
		description: `The HaloPSA record to use (its ${resource.key === 'id' ? 'ID' : resource.key})`,
		displayOptions: showFor(resource, operations),
		searchListMethod: searchMethodName(resource),
		placeholder: 'e.g. 42',
		idPattern: '^\\d+$',
		idError: 'The ID is written in digits only, e.g. 42',
	});
}

/** The `new_*` values a record sends: never repeated in an error, even when Halo echoes them. */
export function writeOnlyValues(records: IDataObject[]): string[] {
	const out: string[] = [];
	// The few write-only names looked up in each record, not each record's every field.
	for (const record of records)
		for (const key of WRITE_ONLY_FIELDS) {
			const value = record?.[key];
			if (typeof value === 'string' && value) out.push(value);
		}
	return out;
}
