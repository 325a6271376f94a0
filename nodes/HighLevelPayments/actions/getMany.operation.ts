/**
 * Get Many: one page up to Limit, or every record (Return All) through the shared pager, with the
 * list's filters checked first.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { ListFilter } from '../resources/paymentsTable';
import { dateFilter } from './paymentsInput';
import { byDisplayName } from '../../shared/wording';
import { highLevelRequest, highLevelPages, readHighLevelList } from '../transport/highLevelApi';
import {
	operationOf,
	param,
	pathOf,
	readId,
	recordLocator,
	shapeRecords,
	showFor,
	itemError,
	type HighLevelItem,
	type HighLevelOperation,
} from './common';
import {
	readLimit,
	readOutputProperties,
	returnAllProperties,
} from '../../shared/actions/operationKit';
import { HIGHLEVEL_VERSIONS, OUTPUT_FROM } from './versions';

const PAGE_SIZE = 100;

function filterProperty(filter: ListFilter): INodeProperties {
	const base = { displayName: filter.label, name: filter.name, description: filter.description };
	switch (filter.type) {
		case 'options':
			return {
				...base,
				type: 'options',
				options: filter.options!.map((o) => ({
					name: o.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()),
					value: o,
				})),
				default: filter.options![0],
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		default:
			return { ...base, type: 'string', default: '' };
	}
}

function listQuery(item: HighLevelItem, filters: readonly ListFilter[]): IDataObject {
	const given = param<IDataObject>(item, 'filters', {}) ?? {};
	const qs: IDataObject = {};
	for (const filter of filters) {
		const value = given[filter.name];
		if (value === undefined || value === '' || value === null) continue;
		if (filter.type === 'dateTime') {
			const date = dateFilter(value);
			if (date.problem)
				throw itemError(
					item,
					`Filters > ${filter.label} ${date.problem}`,
					'Enter the date as YYYY-MM-DD, or pick it in the date picker.',
				);
			qs[filter.name] = date.value;
		} else {
			qs[filter.name] = value;
		}
	}
	if (qs.startAt && qs.endAt && Date.parse(String(qs.endAt)) < Date.parse(String(qs.startAt))) {
		throw itemError(
			item,
			`Filters > End Date (${qs.endAt}) is before Start Date (${qs.startAt})`,
			'Swap the dates or correct one of them.',
		);
	}
	return qs;
}

export const getManyOperation: HighLevelOperation = {
	option: (resource) => {
		const noun = resource.displayName.toLowerCase();
		return operationOf(resource, 'list')
			? [
					{
						name: 'Get Many',
						value: 'getAll',
						action: `Get many ${noun}s`,
						description: `List ${noun}s`,
					},
				]
			: [];
	},

	properties: (resource) => {
		const list = operationOf(resource, 'list');
		if (!list) return [];
		return [
			...(resource.value === 'fulfillment' ? recordLocator(resource, ['getAll']) : []),
			...returnAllProperties(resource, ['getAll']),
			...(list.filters?.length
				? [
						{
							displayName: 'Filters',
							name: 'filters',
							type: 'collection' as const,
							placeholder: 'Add Filter',
							default: {},
							displayOptions: showFor(resource, ['getAll']),
							options: list.filters.map(filterProperty).sort(byDisplayName),
						},
					]
				: []),
			...readOutputProperties(resource, ['getAll'], HIGHLEVEL_VERSIONS, OUTPUT_FROM),
		];
	},

	async execute(item) {
		const operation = operationOf(item.resource, 'list')!;
		const limit = readLimit(item);
		const path = pathOf(item, operation);
		const qs = operation.filters ? listQuery(item, operation.filters) : {};
		const records: IDataObject[] = [];
		if (!operation.paged) {
			const answer = await highLevelRequest(item.context, item.connection, {
				method: 'GET',
				path,
				qs,
				idempotent: true,
				subject: item.resource.idParameter ? `Order ${readId(item)}` : undefined,
			});
			records.push(...readHighLevelList(answer, operation.listKey).records);
		} else {
			for await (const page of highLevelPages(
				item.context,
				item.connection,
				path,
				qs,
				Math.min(PAGE_SIZE, limit),
				operation.listKey,
			)) {
				records.push(...page);
				if (records.length >= limit) break;
			}
		}
		return shapeRecords(item, records.slice(0, limit));
	},
};
