/** The Ingram Micro Marketplace node's parameters, generated from the endpoint table and the product families. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { viaTransport } from '../../shared/routing';
import { marketplaceTable, ORDER_TYPES, type MarketplaceFilter, type MarketplaceResource } from '../resources/marketplaceTable';
import { productFamilies } from '../resources/productFamilies';
import { runIngramOperation } from '../transport/runIngramOperation';
import { firstOptionValue, withArticle } from '../../shared/wording';

const route = viaTransport(runIngramOperation);
export const searchMethodName = (resource: string) => `search${resource[0].toUpperCase()}${resource.slice(1)}s`;

const NAMES: Record<string, [string, string]> = {
	getAll: ['Get Many', 'GET'],
	get: ['Get', 'GET'],
	create: ['Create', 'POST'],
	estimate: ['Estimate', 'POST'],
	validate: ['Validate', 'POST'],
};

function operationOptions(resource: MarketplaceResource): INodePropertyOptions[] {
	const noun = resource.displayName.toLowerCase();
	return resource.operations.map((o) => {
		const [name, method] = NAMES[o.value];
		const action = o.value === 'getAll' ? `Get many ${noun}s` : o.value === 'estimate' ? 'Estimate an order' : o.value === 'validate' ? 'Validate order parameters' : `${name} ${withArticle(noun)}`;
		return { name, value: o.value, action, description: action, routing: route(method, o.path) };
	});
}

function filterProperty(filter: MarketplaceFilter): INodeProperties {
	const base = { displayName: filter.label, name: filter.name, description: filter.description };
	if (filter.type === 'options') return { ...base, type: 'options', options: filter.options!.map((o) => ({ name: o[0].toUpperCase() + o.slice(1), value: o })), default: filter.options![0] };
	return { ...base, type: filter.type, default: '' };
}

const locator = (name: string, displayName: string, searchFrom: string, displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
	displayName: `${displayName} ID`,
	name,
	type: 'resourceLocator',
	required: true,
	default: { mode: 'list', value: '' },
	displayOptions,
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: searchMethodName(searchFrom), searchable: true } },
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. CUS-1234-5678' },
	],
});

/** One product line: MPN, quantity, the family's own parameter fields, and a free list for any other product. */
function productValues(withOrderFields: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [{ displayName: 'MPN', name: 'mpn', type: 'string', default: '', description: 'Manufacturer part number of the product' }];
	if (withOrderFields) {
		fields.push(
			{ displayName: 'Quantity', name: 'quantity', type: 'number', default: 1, description: 'For a change order: the change, for example 5 or -2' },
			{ displayName: 'Subscription ID', name: 'subscriptionId', type: 'string', default: '', description: 'Required for change orders: the subscription the product belongs to' },
		);
	}
	fields.push({
		displayName: 'Product Family',
		name: 'productFamily',
		type: 'options',
		options: productFamilies.map((f) => ({ name: f.name, value: f.value })),
		// Generated from the family table; "other" is its first entry.
		default: 'other',
		description: 'Products with their own order parameters get the right fields and checks',
	});
	const seen = new Set<string>();
	for (const family of productFamilies) {
		for (const p of family.parameters) {
			const users = productFamilies.filter((f) => f.parameters.some((q) => q.field === p.field)).map((f) => f.value);
			if (!seen.has(p.field)) {
				seen.add(p.field);
				fields.push({ displayName: p.label, name: p.field, type: 'string', default: '', placeholder: p.example, displayOptions: { show: { productFamily: users } } });
			}
			const unnamed = productFamilies.filter((f) => f.parameters.some((q) => q.field === p.field && !q.name)).map((f) => f.value);
			if (unnamed.length && !seen.has(`${p.field}Name`)) {
				seen.add(`${p.field}Name`);
				fields.push({
					displayName: `${p.label} Parameter Name`,
					name: `${p.field}Name`,
					type: 'string',
					default: '',
					description: 'The parameter name Ingram Micro gave you for this value (case-sensitive)',
					displayOptions: { show: { productFamily: unnamed } },
				});
			}
		}
	}
	fields.push({ displayName: 'Other Parameters', name: 'otherParameters', type: 'json', default: '[]', description: 'Any further parameters as [{"name": "…", "value": "…"}] (names are case-sensitive)' });
	return fields;
}

const productsProperty = (withOrderFields: boolean, displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
	displayName: 'Products',
	name: 'products',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Product',
	default: {},
	displayOptions,
	options: [{ displayName: 'Product', name: 'product', values: productValues(withOrderFields) }],
});

function resourceProperties(resource: MarketplaceResource): INodeProperties[] {
	const show = (operation: string[], extra: Record<string, Array<string | boolean>> = {}) => ({ show: { resource: [resource.value], operation, ...extra } });
	const options = operationOptions(resource);
	const props: INodeProperties[] = [
		// Generated options: the first operation of the resource is the default.
		{ displayName: 'Operation', name: 'operation', type: 'options', noDataExpression: true, displayOptions: { show: { resource: [resource.value] } }, options, default: firstOptionValue(options) },
	];
	const has = (value: string) => resource.operations.find((o) => o.value === value);
	if (resource.idParameter && has('get')) props.push(locator(resource.idParameter.name, resource.idParameter.displayName, resource.value, show(['get'])));
	const list = has('getAll');
	if (list && list.value === 'getAll') {
		props.push(
			{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit', displayOptions: show(['getAll']) },
			{ displayName: 'Limit', name: 'limit', type: 'number', typeOptions: { minValue: 1 }, default: 50, description: 'Max number of results to return', displayOptions: show(['getAll'], { returnAll: [false] }) },
			{ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, displayOptions: show(['getAll']), options: list.filters.map(filterProperty) },
		);
	}
	if (resource.simplify) props.push({ displayName: 'Simplify', name: 'simplify', type: 'boolean', default: true, description: 'Whether to return only the main fields instead of the whole record', displayOptions: show(['getAll', 'get']) });
	if (resource.value === 'order') {
		props.push(
			locator('customerId', 'Customer', 'customer', show(['create', 'estimate'])),
			// Generated from the order types; sales is the first.
			{ displayName: 'Order Type', name: 'orderType', type: 'options', options: ORDER_TYPES.map((t) => ({ name: t[0].toUpperCase() + t.slice(1), value: t })), default: 'sales', displayOptions: show(['create', 'estimate']) },
			{ displayName: 'Subscription ID', name: 'orderSubscriptionId', type: 'string', default: '', description: 'The subscription to renew or cancel', displayOptions: show(['create', 'estimate'], { orderType: ['renewal', 'cancellation'] }) },
			{ displayName: 'PO Number', name: 'poNumber', type: 'string', default: '', displayOptions: show(['create', 'estimate']) },
			productsProperty(true, show(['create', 'estimate'], { orderType: ['sales', 'change'] })),
		);
	}
	if (resource.value === 'parameters') props.push(locator('customerId', 'Customer', 'customer', show(['validate'])), productsProperty(false, show(['validate'])));
	if (resource.value === 'customer') props.push(customerFields(show(['create'])));
	return props;
}

function customerFields(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Customer',
		name: 'customerFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'fixedCollection',
				default: {},
				options: [
					{
						displayName: 'Address',
						name: 'value',
						values: [
							{ displayName: 'Street Address', name: 'streetAddress', type: 'string', default: '' },
							{ displayName: 'Address Extension', name: 'addressExtension', type: 'string', default: '' },
							{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
							{ displayName: 'City', name: 'city', type: 'string', default: '' },
							{ displayName: 'State', name: 'state', type: 'string', default: '' },
							{ displayName: 'Country Code', name: 'countryCode', type: 'string', default: '', placeholder: 'US' },
						],
					},
				],
			},
			{
				displayName: 'Contact Persons',
				name: 'contactPersons',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Contact',
						name: 'contact',
						values: [
							{ displayName: 'Email', name: 'email', type: 'string', placeholder: 'name@email.com', default: '' },
							{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
							{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
							{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '' },
							{ displayName: 'Type', name: 'type', type: 'options', options: [{ name: 'Admin', value: 'admin' }, { name: 'Billing', value: 'billing' }, { name: 'Technical', value: 'technical' }], default: 'admin' },
						],
					},
				],
			},
			{ displayName: 'External ID', name: 'externalId', type: 'string', default: '', description: 'Your own ID, for example the HaloPSA client ID' },
			{ displayName: 'Language', name: 'language', type: 'string', default: '', placeholder: 'en' },
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Tax Registration ID', name: 'taxRegId', type: 'string', default: '' },
		],
	};
}

export const marketplaceProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: marketplaceTable.map((r) => ({ name: r.displayName, value: r.value })),
		// Generated from the table; customers come first.
		default: 'customer',
	},
	...marketplaceTable.flatMap(resourceProperties),
];
