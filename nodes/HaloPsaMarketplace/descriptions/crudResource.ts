import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { HaloResource } from '../resources/resourceTable';
import { runHaloOperation } from '../transport/haloTransport';
import { viaTransport as transportRouting } from '../../shared/routing';
import { writableFields } from './fieldProperties';
import { firstOptionValue, withArticle } from '../../shared/wording';

/** Every operation runs through the transport: method and path come from the table, the rest from the parameters. */
const viaTransport = transportRouting(runHaloOperation);

export const searchMethodName = (resource: HaloResource) => `search${resource.value[0].toUpperCase()}${resource.value.slice(1)}`;

function operationOptions(resource: HaloResource): INodePropertyOptions[] {
	const noun = resource.displayName;
	const options: INodePropertyOptions[] = [];
	const path = `/${resource.path}`;
	if (resource.crud.includes('getAll'))
		options.push({ name: 'Get Many', value: 'getAll', action: `Get many ${noun} records`, description: `List ${noun} records`, routing: viaTransport('GET', path) });
	if (resource.crud.includes('get'))
		options.push({ name: 'Get', value: 'get', action: `Get ${withArticle(noun)} record`, description: `Get one ${noun} record by ID`, routing: viaTransport('GET', path) });
	if (resource.crud.includes('upsert'))
		options.push({ name: 'Create or Update', value: 'upsert', action: `Create or update ${withArticle(noun)} record`, description: 'Create a new record, or update the current one if it already exists (upsert)', routing: viaTransport('POST', path) });
	if (resource.crud.includes('delete'))
		options.push({ name: 'Delete', value: 'delete', action: `Delete ${withArticle(noun)} record`, description: `Delete one ${noun} record`, routing: viaTransport('DELETE', path) });
	for (const extra of resource.extra ?? []) {
		const method = extra.kind === 'read' ? 'GET' : extra.kind === 'deleteByParent' ? 'DELETE' : 'POST';
		const extraPath = 'path' in extra ? `/${extra.path}` : path;
		options.push({
			name: extra.name,
			value: extra.value,
			action: 'action' in extra ? extra.action : `${extra.name} ${noun}`.replace(/ record$/, ''),
			description: extra.description,
			routing: viaTransport(method, extraPath),
		});
	}
	return options.sort((a, b) => a.name.localeCompare(b.name));
}

/** The n8n description of one Halo resource, generated from its table row. */
export function crudResource(resource: HaloResource): INodeProperties[] {
	const on = (operation: string[]) => ({ show: { resource: [resource.value], operation } });
	const options = operationOptions(resource);
	const has = (value: string) => options.some((o) => o.value === value);
	const props: INodeProperties[] = [
		// Generated options: the first operation of the resource is the default.
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: firstOptionValue(options),
		},
	];

	const byId = ['get', 'delete', 'linkToTicket', 'unlinkFromTicket'].filter(has);
	if (byId.length) {
		props.push({
			displayName: `${resource.displayName} ID`,
			name: 'recordId',
			type: 'resourceLocator',
			required: true,
			default: { mode: 'list', value: '' },
			description: `The HaloPSA record to use (its ${resource.key})`,
			displayOptions: on(byId),
			modes: [
				{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: searchMethodName(resource), searchable: true } },
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 42',
					validation: [{ type: 'regex', properties: { regex: '^\\s*\\d+\\s*$', errorMessage: 'The ID is a whole number' } }],
				},
			],
		});
	}
	if (has('get') && resource.getQuery?.includes('includedetails')) {
		props.push({ displayName: 'Include Details', name: 'includeDetails', type: 'boolean', default: false, description: 'Whether to include additional detail objects', displayOptions: on(['get']) });
	}
	if (has('getAll')) {
		props.push(
			{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit', displayOptions: on(['getAll']) },
			{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, description: 'Max number of results to return', displayOptions: { show: { resource: [resource.value], operation: ['getAll'], returnAll: [false] } } },
			{
				displayName: 'Options',
				name: 'listOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: on(['getAll']),
				options: [
					...(resource.listQuery?.includes('includedetails') ? [{ displayName: 'Include Details', name: 'includedetails', type: 'boolean' as const, default: false, description: 'Whether to include additional detail objects' }] : []),
					{ displayName: 'Include Active', name: 'includeactive', type: 'boolean', default: true, description: 'Whether to include active records' },
					{ displayName: 'Include Inactive', name: 'includeinactive', type: 'boolean', default: false, description: 'Whether to include inactive records' },
					{ displayName: 'Order By', name: 'order', type: 'string', default: '', placeholder: 'e.g. name', description: 'Field to sort by' },
					{ displayName: 'Order Descending', name: 'orderdesc', type: 'boolean', default: false, description: 'Whether to sort in descending order' },
					{ displayName: 'Page Size', name: 'pageSize', type: 'number', typeOptions: { minValue: 1, maxValue: 1000 }, default: 500, description: 'Records per request when returning all' },
					{ displayName: 'Search', name: 'search', type: 'string', default: '', description: 'Text to search for' },
				],
			},
		);
	}
	if (resource.simplify && ['getAll', 'get', 'upsert'].some(has)) {
		props.push({ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description: 'Whether to return a simplified version of the response instead of the raw data', displayOptions: on(['getAll', 'get', 'upsert'].filter(has)) });
	}
	if (has('upsert')) {
		props.push(
			{ displayName: 'Record ID to Update', name: 'updateId', type: 'number', typeOptions: { numberPrecision: 0 }, default: 0, description: `The ${resource.key} of the record to update; 0 creates a new record`, displayOptions: on(['upsert']) },
			{
				displayName: 'Input Mode',
				name: 'inputMode',
				type: 'options',
				options: [
					{ name: 'Fields', value: 'fields', description: 'Fill in typed fields' },
					{ name: 'JSON', value: 'json', description: 'Give the whole record as JSON' },
				],
				default: 'fields',
				displayOptions: on(['upsert']),
			},
			{ displayName: 'Fields', name: 'fields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions: { show: { resource: [resource.value], operation: ['upsert'], inputMode: ['fields'] } }, options: writableFields(resource) },
			{ displayName: 'Record (JSON)', name: 'recordJson', type: 'json', default: '{}', description: 'The record as Halo expects it; fields are checked against the schema before sending', displayOptions: { show: { resource: [resource.value], operation: ['upsert'], inputMode: ['json'] } } },
		);
	}
	if (has('linkToTicket')) {
		props.push({ displayName: 'Ticket ID', name: 'ticketId', type: 'number', typeOptions: { numberPrecision: 0 }, required: true, default: 0, description: 'The HaloPSA ticket to link the order to', displayOptions: on(['linkToTicket']) });
	}
	if (has('bulkManage')) {
		props.push(
			{ displayName: 'The records of all input items are sent together in chunks', name: 'bulkNotice', type: 'notice', default: '', displayOptions: on(['bulkManage']) },
			{
				displayName: 'Records From',
				name: 'recordsFrom',
				type: 'options',
				default: 'items',
				// One item holding a list spares n8n's per-item work, which matters for tens of thousands of records.
				options: [
					{ name: 'Each Input Item', value: 'items', description: 'Every input item is one record' },
					{ name: 'A List in Each Item', value: 'field', description: 'Every input item holds an array of records in one field (faster for large imports)' },
				],
				displayOptions: on(['bulkManage']),
			},
			{ displayName: 'Field Holding the Records', name: 'recordsField', type: 'string', default: 'records', description: 'The field of each input item that holds the array of records', displayOptions: { show: { resource: [resource.value], operation: ['bulkManage'], recordsFrom: ['field'] } } },
			{ displayName: 'Chunk Size', name: 'chunkSize', type: 'number', typeOptions: { minValue: 1, maxValue: 1000 }, default: 100, description: 'Records sent per request', displayOptions: on(['bulkManage']) },
		);
	}
	if (has('deleteByParent')) {
		props.push({ displayName: 'Parent ID', name: 'parentId', type: 'number', typeOptions: { numberPrecision: 0 }, required: true, default: 0, description: 'The parent record whose consumption records are all deleted', displayOptions: on(['deleteByParent']) });
	}
	const reads = (resource.extra ?? []).filter((e) => e.kind === 'read').map((e) => e.value);
	if (reads.length) {
		props.push({
			displayName: 'Query Parameters',
			name: 'queryParameters',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Parameter',
			default: {},
			displayOptions: on(reads),
			options: [{ displayName: 'Parameter', name: 'parameter', values: [
				{ displayName: 'Name', name: 'name', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			] }],
		});
	}
	if (has('authenticate')) {
		props.push({
			displayName: 'Key/Value Pairs',
			name: 'authPairs',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Pair',
			default: {},
			description: 'Sent as multipart/form-data in the obj field',
			displayOptions: on(['authenticate']),
			options: [{ displayName: 'Pair', name: 'pair', values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', typeOptions: { password: true }, default: '' },
			] }],
		});
	}
	return props;
}
