/**
 * Get Many: a page of records up to Limit, or every record (Return All) through the shared pager.
 */
import { pluralOf } from '../../shared/wording';
import { wholeNumberIn } from '../../shared/numbers';
import type { IDataObject } from 'n8n-workflow';
import { DEFAULT_PAGE_SIZE, haloPages } from '../transport/haloApi';
import type { HaloResource } from '../resources/resourceTable';
import {
	param,
	shapeRecords,
	showFor,
	simplifyProperty,
	itemError,
	type HaloOperation,
} from './common';
import { readLimit, returnAllProperties } from '../../shared/actions/operationKit';

export const getManyOperation: HaloOperation = {
	option: (resource) =>
		resource.crud.includes('getAll')
			? [
					{
						name: 'Get Many',
						value: 'getAll',
						action: `Get many ${pluralOf(resource.displayName)}`,
						description: `List ${resource.displayName} records`,
					},
				]
			: [],

	properties: (resource: HaloResource) => [
		...returnAllProperties(resource, ['getAll']),
		{
			displayName: 'Options',
			name: 'listOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: showFor(resource, ['getAll']),
			options: [
				...(resource.listQuery?.includes('includedetails')
					? [
							{
								displayName: 'Include Details',
								name: 'includedetails',
								type: 'boolean' as const,
								default: false,
								description: 'Whether to include additional detail objects',
							},
						]
					: []),
				{
					displayName: 'Include Active',
					name: 'includeactive',
					type: 'boolean',
					default: true,
					description: 'Whether to include active records',
				},
				{
					displayName: 'Include Inactive',
					name: 'includeinactive',
					type: 'boolean',
					default: false,
					description: 'Whether to include inactive records',
				},
				{
					displayName: 'Order By',
					name: 'order',
					type: 'string',
					default: '',
					placeholder: 'e.g. name',
					description: 'Field to sort by',
				},
				{
					displayName: 'Order Descending',
					name: 'orderdesc',
					type: 'boolean',
					default: false,
					description: 'Whether to sort in descending order',
				},
				{
					displayName: 'Page Size',
					name: 'pageSize',
					type: 'number',
					typeOptions: { minValue: 1, maxValue: 1000 },
					default: DEFAULT_PAGE_SIZE,
					description: 'Records per request when returning all',
				},
				{
					displayName: 'Search',
					name: 'search',
					type: 'string',
					default: '',
					description: 'Text to search for',
				},
			],
		},
		...simplifyProperty(resource, ['getAll']),
	],

	async execute(item) {
		const limit = readLimit(item);
		const returnAll = limit === Infinity;
		const options = param<IDataObject>(item, 'listOptions', {}) ?? {};
		const pageSize = returnAll
			? Number(options.pageSize ?? DEFAULT_PAGE_SIZE)
			: Math.min(limit, 1000);
		if (wholeNumberIn(pageSize, 1, 1000) === undefined) {
			throw itemError(
				item,
				`Options > Page Size must be a whole number from 1 to 1000, got ${options.pageSize}`,
				'Set Page Size to the number of records per request (500 suits most instances).',
			);
		}
		const qs: IDataObject = {};
		for (const [key, value] of Object.entries(options))
			if (key !== 'pageSize' && value !== '' && value !== undefined) qs[key] = value;
		const records: IDataObject[] = [];
		for await (const page of haloPages(
			item.context,
			item.connection,
			item.resource,
			qs,
			pageSize,
		)) {
			records.push(...page);
			if (records.length >= limit) break;
		}
		return shapeRecords(item, records.slice(0, limit));
	},
};
