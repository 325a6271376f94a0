/**
 * Get Many: a page of records up to Limit, or every record (Return All) through the shared pager.
 */
import { byDisplayName, pluralOf } from '../../shared/wording';
import { wholeNumberIn } from '../../shared/numbers';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { DEFAULT_PAGE_SIZE, haloPages } from '../transport/haloApi';
import { resourceTable, type HaloResource } from '../resources/resourceTable';
import { versionAtLeast } from '../../shared/contextNode';
import { HALO_VERSIONS, ONE_BOX_PER_PANEL_FROM } from './versions';
import {
	param,
	shapeRecords,
	showFor,
	haloReadOutputProperties,
	simplifier,
	itemError,
	type HaloOperation,
} from './common';
import { forVersions, readLimit, returnAllProperties } from '../../shared/actions/operationKit';

const includeDetails: INodeProperties = {
	displayName: 'Include Details',
	name: 'includedetails',
	type: 'boolean',
	default: false,
	description: 'Whether to include additional detail objects',
};

/** What Halo's list takes, passed on as given. */
const LIST_QUERY = [
	'includedetails',
	'includeactive',
	'includeinactive',
	'order',
	'orderdesc',
	'search',
];

/**
 * Get Many's own options: Halo's list query and Return All's page size (with Include Details where
 * the resource's list takes it). From ONE_BOX_PER_PANEL_FROM they are in the node's Options box,
 * Include Details shown for those resources only.
 */
export function listOptions(withIncludeDetails?: INodeProperties): INodeProperties[] {
	const options: INodeProperties[] = [
		...(withIncludeDetails ? [withIncludeDetails] : []),
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
	];
	return options.sort(byDisplayName);
}

/** The list options in the node's Options box, for every resource. */
export const listOptionsInBox = listOptions({
	...includeDetails,
	displayOptions: {
		show: {
			'/resource': resourceTable
				.filter((r) => r.listQuery?.includes('includedetails'))
				.map((r) => r.value),
		},
	},
});

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
		// Before 1.2 the list options are a box of their own, next to the node's Options box.
		...forVersions(HALO_VERSIONS.before(ONE_BOX_PER_PANEL_FROM), [
			{
				displayName: 'Options',
				name: 'listOptions',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				displayOptions: showFor(resource, ['getAll']),
				options: listOptions(
					resource.listQuery?.includes('includedetails') ? includeDetails : undefined,
				),
			},
		]),
		...haloReadOutputProperties(resource, ['getAll']),
	],

	async execute(item) {
		const limit = readLimit(item);
		const returnAll = limit === Infinity;
		const inBox = versionAtLeast(item.context, ONE_BOX_PER_PANEL_FROM);
		const options = param<IDataObject>(item, inBox ? 'requestOptions' : 'listOptions', {}) ?? {};
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
		const shape = simplifier(item);
		const qs: IDataObject = {};
		for (const key of LIST_QUERY)
			if (options[key] !== '' && options[key] !== undefined) qs[key] = options[key];
		if (!item.resource.listQuery?.includes('includedetails')) delete qs.includedetails;
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
		return shapeRecords(item, records.slice(0, limit), shape);
	},
};
