/**
 * Get Many: customers, products, orders or subscriptions, up to Limit or all, with the list's
 * filters checked first.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { MarketplaceFilter } from '../resources/marketplaceTable';
import { utcDateTime, writtenDate } from '../../shared/dates';
import { ingramPages } from '../transport/ingramApi';
import { byDisplayName, byName } from '../../shared/wording';
import {
	operationOf,
	param,
	shapeRecords,
	showFor,
	itemError,
	type IngramOperation,
} from './common';
import {
	readLimit,
	readOutputProperties,
	returnAllProperties,
} from '../../shared/actions/operationKit';
import { INGRAM_VERSIONS, OUTPUT_FROM } from './versions';

const PAGE_SIZE = 100;

function filterProperty(filter: MarketplaceFilter): INodeProperties {
	const base = { displayName: filter.label, name: filter.name, description: filter.description };
	if (filter.type === 'options')
		return {
			...base,
			type: 'options',
			options: filter
				.options!.map((o) => ({ name: o[0].toUpperCase() + o.slice(1), value: o }))
				.sort(byName),
			default: filter.options![0],
		};
	// An email filter shows n8n's own example address.
	const example = filter.name === 'email' ? { placeholder: 'name@email.com' } : {};
	return {
		...base,
		...example,
		type: filter.type === 'string' ? 'string' : 'dateTime',
		default: '',
	};
}

export const getManyOperation: IngramOperation = {
	option: (resource) =>
		operationOf(resource, 'getAll')
			? [
					{
						name: 'Get Many',
						value: 'getAll',
						action: `Get many ${resource.displayName.toLowerCase()}s`,
						description: `Get many ${resource.displayName.toLowerCase()}s`,
					},
				]
			: [],

	properties: (resource) => {
		const list = operationOf(resource, 'getAll');
		if (!list) return [];
		return [
			...returnAllProperties(resource, ['getAll']),
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				displayOptions: showFor(resource, ['getAll']),
				options: list.filters.map(filterProperty).sort(byDisplayName),
			},
			...readOutputProperties(resource, ['getAll'], INGRAM_VERSIONS, OUTPUT_FROM),
		];
	},

	async execute(item) {
		const operation = operationOf(item.resource, 'getAll')!;
		const limit = readLimit(item);
		const given = param<IDataObject>(item, 'filters', {}) ?? {};
		const qs: IDataObject = {};
		for (const filter of operation.filters) {
			const value = given[filter.name];
			if (value === undefined || value === '') continue;
			if (filter.type === 'dateTime' || filter.type === 'date') {
				// Subscriptions filter by date (2019-12-30), orders by date-time: as the spec types them,
				// the date as the user wrote or picked it.
				const sent = filter.type === 'date' ? writtenDate(value) : utcDateTime(value);
				if (!sent)
					throw itemError(
						item,
						`Filters > ${filter.label} must be a date, got ${JSON.stringify(value)}`,
						'Pick the date in the date picker or write it as 2026-01-31.',
					);
				qs[filter.name] = sent;
			} else qs[filter.name] = value;
		}
		const records: IDataObject[] = [];
		for await (const page of ingramPages(
			item.context,
			item.connection,
			operation.path,
			qs,
			Math.min(PAGE_SIZE, limit),
		)) {
			records.push(...page);
			if (records.length >= limit) break;
		}
		return shapeRecords(item, records.slice(0, limit));
	},
};
