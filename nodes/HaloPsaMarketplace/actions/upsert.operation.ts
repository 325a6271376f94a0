/**
 * Create or Update: one record, from typed fields or JSON, checked against the seed schema before
 * it is sent.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { oneOf } from '../../shared/wording';
import { writableFields } from '../descriptions/fieldProperties';
import { answerRecords } from '../transport/haloApi';
import { recordProblems } from '../resources/recordSchema';
import {
	haloKey,
	param,
	shapeRecords,
	showFor,
	simplifyProperty,
	itemError,
	searchMethodName,
	writeOnlyValues,
	type HaloItem,
	type HaloOperation,
} from './common';
import { request } from '../../shared/transport/apiClient';
import { forVersions, pickedValue, recordPicker } from '../../shared/actions/operationKit';
import { versionAtLeast } from '../../shared/contextNode';
import { HALO_VERSIONS, ONE_BOX_PER_PANEL_FROM } from './versions';

/** The record from the item's parameters; nothing is sent when a field is wrong. */
function recordInput(item: HaloItem): IDataObject {
	const { resource } = item;
	let record: IDataObject;
	if (param<string>(item, 'inputMode', 'fields') === 'json') {
		const raw = param<unknown>(item, 'recordJson', '{}');
		if (typeof raw === 'string') {
			try {
				record = JSON.parse(raw || '{}');
			} catch (error) {
				throw itemError(
					item,
					`Record (JSON) is not valid JSON: ${(error as Error).message}`,
					'Fix the JSON in "Record (JSON)", for example {"name": "Main"}.',
				);
			}
		} else {
			record = raw as IDataObject;
		}
	} else {
		record = { ...(param<IDataObject>(item, 'fields', {}) ?? {}) };
		for (const [name, type] of resource.fields) {
			if ((type === 'array' || type === 'object') && typeof record[name] === 'string') {
				try {
					record[name] = JSON.parse(record[name] as string);
				} catch {
					throw itemError(
						item,
						`Field "${name}" is not valid JSON`,
						`Enter ${type === 'array' ? 'a JSON array such as []' : 'a JSON object such as {}'} ` +
							`in "${name}".`,
					);
				}
			}
		}
	}
	const problems = recordProblems(resource, record);
	if (problems)
		throw itemError(
			item,
			`Invalid ${resource.displayName}: ${problems}`,
			'Correct the named fields; nothing was sent to HaloPSA.',
		);
	const recordId = recordToUpdate(item);
	if (recordId !== undefined) record[resource.key] = recordId;
	return record;
}

/**
 * The key of the record to update, or undefined to create: Record to Update (From List / By ID,
 * empty creates) from ONE_BOX_PER_PANEL_FROM, Record ID to Update (0 creates) before.
 */
function recordToUpdate(item: HaloItem): number | undefined {
	const picked = versionAtLeast(item.context, ONE_BOX_PER_PANEL_FROM);
	const raw = picked
		? pickedValue(item, 'recordToUpdate', '')
		: param<unknown>(item, 'updateId', 0);
	if (raw === '' || raw === undefined || raw === null || (!picked && (raw === 0 || raw === '0')))
		return undefined;
	const recordId = haloKey(raw);
	if (recordId !== undefined) return recordId;
	const [label, create] = picked ? ['Record to Update', 'empty'] : ['Record ID to Update', '0'];
	throw itemError(
		item,
		`${label} must be a HaloPSA ID (digits only, e.g. 42) or ${create} to create, got ` +
			`${JSON.stringify(raw)}`,
		`Set "${label}" to the HaloPSA ID in plain digits (or pick the record from the list), or ` +
			`leave it ${create === 'empty' ? 'empty' : 'at 0'} to create a record; nothing was sent to ` +
			`HaloPSA.`,
	);
}

/**
 * POST of one record as Halo takes it (an array of one); an answer without a body echoes what was
 * sent.
 */
export async function saveRecord(
	item: HaloItem,
	record: IDataObject,
): Promise<INodeExecutionData[]> {
	const { resource } = item;
	const key = record[resource.key];
	const isUpdate = key !== undefined && key !== null && key !== 0;
	const answer = await request(item.context, item.connection, {
		method: 'POST',
		path: `/${resource.path}`,
		body: [record],
		idempotent: isUpdate,
		subject: isUpdate ? `${resource.displayName} ${key}` : undefined,
		sentSecrets: writeOnlyValues([record]),
	});
	const saved = answerRecords(answer);
	return shapeRecords(item, saved.length ? saved : [{ ...record, success: true }]);
}

export const upsertOperation: HaloOperation = {
	writes: true,

	option: (resource) =>
		resource.crud.includes('upsert')
			? [
					{
						name: 'Create or Update',
						value: 'upsert',
						action: `Create or update ${oneOf(resource.displayName)}`,
						description:
							'Create a new record, or update the current one if it already exists (upsert)',
					},
				]
			: [],

	properties: (resource) => [
		...forVersions(HALO_VERSIONS.before(ONE_BOX_PER_PANEL_FROM), [
			...simplifyProperty(resource, ['upsert']),
			{
				displayName: 'Record ID to Update',
				name: 'updateId',
				type: 'number',
				typeOptions: { numberPrecision: 0 },
				default: 0,
				description:
					`The ${resource.key === 'id' ? 'ID' : resource.key} of the record to update; ` +
					'0 creates a new record',
				displayOptions: showFor(resource, ['upsert']),
			},
		]),
		// The record's identity first: Halo finds the record to update by its key and nothing else.
		...forVersions(HALO_VERSIONS.from(ONE_BOX_PER_PANEL_FROM), [
			recordPicker({
				name: 'recordToUpdate',
				displayName: 'Record to Update',
				description:
					`Leave empty to create a new ${resource.displayName} record. To update one, pick it ` +
					`or enter its ID: HaloPSA finds the record by its ID` +
					`${resource.key === 'id' ? '' : ` (${resource.key})`} only, not by its other fields.`,
				displayOptions: showFor(resource, ['upsert']),
				searchListMethod: searchMethodName(resource),
				placeholder: 'e.g. 42',
				idPattern: '^\\d*$',
				idError: 'The ID is written in digits only, e.g. 42 (empty creates a record)',
				optional: true,
			}),
		]),
		{
			displayName: 'Input Mode',
			name: 'inputMode',
			type: 'options',
			options: [
				{ name: 'Fields', value: 'fields', description: 'Fill in typed fields' },
				{ name: 'JSON', value: 'json', description: 'Give the whole record as JSON' },
			],
			default: 'fields',
			displayOptions: showFor(resource, ['upsert']),
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions: showFor(resource, ['upsert'], { inputMode: ['fields'] }),
			options: writableFields(resource),
		},
		{
			displayName: 'Record (JSON)',
			name: 'recordJson',
			type: 'json',
			default: '{}',
			description:
				'The record as Halo expects it; fields are checked against the schema before sending',
			displayOptions: showFor(resource, ['upsert'], { inputMode: ['json'] }),
		},
		...forVersions(
			HALO_VERSIONS.from(ONE_BOX_PER_PANEL_FROM),
			simplifyProperty(resource, ['upsert']),
		),
	],

	async execute(item) {
		return await saveRecord(item, recordInput(item));
	},
};
