/**
 * Bulk Create or Update: the records of every input item (each item one record, or each item a
 * list), checked first, then sent in chunks to `/…/manage`; one report per chunk. The input is
 * read once, by the run of the first item; a chunk that may have been saved is never sent again.
 */
import { pluralOf } from '../../shared/wording';
import { wholeNumberIn } from '../../shared/numbers';
import { NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import { errorItem } from '../../shared/actions/itemLoop';
import { extraOperation, type HaloResource } from '../resources/resourceTable';
import { answerRecords } from '../transport/haloApi';
import { recordProblems } from '../resources/recordSchema';
import {
	param,
	showFor,
	itemError,
	writeOnlyValues,
	type HaloItem,
	type HaloOperation,
} from './common';
import { request } from '../../shared/transport/apiClient';
import { nodeOf } from '../../shared/contextNode';

/**
 * The records to send, as the input holds them (not copied: nothing here changes them), with the
 * input item each came from and, for a list in a field, its place in that list.
 */
interface Sources {
	records: IDataObject[];
	items: number[];
	/** Place in its item's list, when the records come from a field. */
	places?: number[];
}

function bulkRecords(item: HaloItem, inputs: INodeExecutionData[]): Sources {
	const { resource } = item;
	const records: IDataObject[] = [];
	const items: number[] = [];
	let places: number[] | undefined;
	if (param<string>(item, 'recordsFrom', 'items') === 'field') {
		const field = String(param(item, 'recordsField', 'records')).trim();
		places = [];
		for (let index = 0; index < inputs.length; index++) {
			const list = (inputs[index].json ?? {})[field];
			if (!Array.isArray(list)) {
				throw itemError(
					item,
					`No list of records in the field "${field}"`,
					'Set "Field Holding the Records" to a field that holds an array of records, or choose ' +
						'"Each Input Item" under Records From; no chunk was sent to HaloPSA.',
					index,
				);
			}
			for (let n = 0; n < list.length; n++) {
				records.push((list[n] ?? {}) as IDataObject);
				items.push(index);
				places.push(n);
			}
		}
	} else {
		for (let index = 0; index < inputs.length; index++) {
			records.push(inputs[index].json ?? {});
			items.push(index);
		}
	}
	for (let n = 0; n < records.length; n++) {
		const problems = recordProblems(resource, records[n]);
		if (problems)
			throw itemError(
				item,
				`Invalid ${resource.displayName}${places ? ` in record ${places[n]}` : ''}: ${problems}`,
				'Correct the input; no chunk was sent to HaloPSA.',
				items[n],
			);
	}
	return { records, items, places };
}

export const bulkManageOperation: HaloOperation = {
	wholeInput: true,

	option: (resource) => {
		const extra = extraOperation(resource, 'bulkManage');
		return extra
			? [
					{
						name: extra.name,
						value: extra.value,
						action: `Create or update many ${pluralOf(resource.displayName)} in chunks`,
						description: extra.description,
					},
				]
			: [];
	},

	properties: (resource: HaloResource) => {
		if (!extraOperation(resource, 'bulkManage')) return [];
		const on = showFor(resource, ['bulkManage']);
		return [
			{
				displayName: 'The records of all input items are sent together in chunks',
				name: 'bulkNotice',
				type: 'notice',
				default: '',
				displayOptions: on,
			},
			{
				displayName: 'Records From',
				name: 'recordsFrom',
				type: 'options',
				default: 'items',
				options: [
					{
						name: 'Each Input Item',
						value: 'items',
						description: 'Every input item is one record',
					},
					{
						name: 'A List in Each Item',
						value: 'field',
						description: 'Every input item holds an array of records in one field',
					},
				],
				displayOptions: on,
			},
			{
				displayName: 'Field Holding the Records',
				name: 'recordsField',
				type: 'string',
				default: 'records',
				description: 'The field of each input item that holds the array of records',
				displayOptions: showFor(resource, ['bulkManage'], { recordsFrom: ['field'] }),
			},
			{
				displayName: 'Chunk Size',
				name: 'chunkSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: 100,
				description: 'Records sent per request',
				displayOptions: on,
			},
		];
	},

	async execute(item) {
		const { resource, context } = item;
		const extra = extraOperation(resource, 'bulkManage')!;
		const chunkSize = param<number>(item, 'chunkSize', 100);
		if (wholeNumberIn(chunkSize, 1, 1000) === undefined) {
			throw itemError(
				item,
				`Chunk Size must be a whole number from 1 to 1000, got ${chunkSize}`,
				'Set Chunk Size to the number of records per request (Halo handles 100 well).',
			);
		}
		const sources = bulkRecords(item, context.getInputData());
		const unit = sources.places ? 'records' : 'items';
		const chunks = Math.ceil(sources.records.length / chunkSize);
		const reports: INodeExecutionData[] = [];
		for (let chunk = 0; chunk < chunks; chunk++) {
			const from = chunk * chunkSize;
			const batch = sources.records.slice(from, from + chunkSize);
			const to = from + batch.length - 1;
			const inputItems = [...new Set(sources.items.slice(from, to + 1))];
			const pairedItem = inputItems.map((index) => ({ item: index }));
			try {
				const answer = await request(item.context, item.connection, {
					method: 'POST',
					path: `/${extra.path}`,
					body: batch,
					idempotent: batch.every((r) => !!r[resource.key]),
					sentSecrets: writeOnlyValues(batch),
				});
				reports.push({
					json: {
						chunk: chunk + 1,
						chunks,
						firstItem: from,
						lastItem: to,
						sent: batch.length,
						saved: answerRecords(answer).length || batch.length,
						success: true,
					},
					pairedItem,
				});
			} catch (error) {
				const message =
					`Chunk ${chunk + 1} of ${chunks} (${unit} ${from}-${to}) failed: ` +
					(error as Error).message;
				if (nodeOf(context).onError === 'continueErrorOutput') {
					// An error item, so the failed chunk's report leaves by the error output.
					const detail = (error as { description?: string }).description;
					const sent = `${batch.length} records were sent in this chunk (${unit} ${from}-${to}).`;
					const failed = {
						name: 'ChunkFailed',
						message,
						description: `${detail ?? ''} ${sent}`.trim(),
					};
					reports.push(errorItem(context, failed, inputItems));
					continue;
				}
				if (context.continueOnFail()) {
					reports.push({
						json: {
							chunk: chunk + 1,
							chunks,
							firstItem: from,
							lastItem: to,
							sent: batch.length,
							success: false,
							error: message,
						},
						pairedItem,
					});
					continue;
				}
				const before =
					chunk === 0
						? 'No earlier chunk was saved.'
						: `Chunks 1-${chunk} (${unit} 0-${from - 1}) were saved.`;
				// A 5xx or a lost answer may hide a saved chunk; a 4xx (or a refused 429) did not save it.
				const httpCode = Number((error as { httpCode?: string }).httpCode);
				const unsure = !(httpCode >= 400 && httpCode < 500);
				const next = unsure
					? `Chunk ${chunk + 1} was sent once and may have been saved before the failure: ` +
						`check ${unit} ${from}-${to} in HaloPSA (Get Many) before sending them again, ` +
						`then send ${unit} ${to + 1} onwards.`
					: `Send ${unit} ${from} onwards again.`;
				throw new NodeOperationError(context.getNode(), message, {
					itemIndex: sources.items[from],
					description: `${before} ${next}`,
				});
			}
		}
		return reports;
	},
};
