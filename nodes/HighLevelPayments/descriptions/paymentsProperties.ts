/** The HighLevel Payments node's parameters, generated from the payments table. */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { viaTransport } from '../../shared/routing';
import { paymentsTable, WHITE_LABEL_PROVIDERS, type ListFilter, type PaymentsOperation, type PaymentsResource } from '../resources/paymentsTable';
import { runPaymentsOperation } from '../transport/runPaymentsOperation';
import { firstOptionValue, withArticle } from '../../shared/wording';

const route = viaTransport(runPaymentsOperation);

export const searchMethodName = (from: string) => `search${from[0].toUpperCase()}${from.slice(1)}s`;

function operationOption(resource: PaymentsResource, operation: PaymentsOperation): INodePropertyOptions {
	const noun = resource.displayName.toLowerCase();
	switch (operation.kind) {
		case 'list':
			return { name: 'Get Many', value: 'getAll', action: `Get many ${noun}s`, description: `List ${noun}s`, routing: route('GET', operation.path) };
		case 'get':
			return { name: 'Get', value: 'get', action: `Get ${withArticle(noun)}`, description: `Get one ${noun} by ID`, routing: route('GET', operation.path) };
		case 'create':
			return { name: 'Create', value: 'create', action: `Create ${withArticle(noun)}`, description: `Create ${withArticle(noun)}`, routing: route('POST', operation.path) };
	}
}

function filterProperty(filter: ListFilter): INodeProperties {
	const base = { displayName: filter.label, name: filter.name, description: filter.description };
	switch (filter.type) {
		case 'options':
			return { ...base, type: 'options', options: filter.options!.map((o) => ({ name: o.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase()), value: o })), default: filter.options![0] };
		case 'boolean':
			return { ...base, type: 'boolean', default: false, description: filter.description };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		default:
			return { ...base, type: 'string', default: '' };
	}
}

function resourceProperties(resource: PaymentsResource): INodeProperties[] {
	const show = (operation: string[]) => ({ show: { resource: [resource.value], operation } });
	const options = resource.operations.map((o) => operationOption(resource, o));
	const has = (value: string) => resource.operations.find((o) => o.value === value);
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
	const id = resource.idParameter;
	if (id) {
		const needsId = resource.value === 'fulfillment' ? ['getAll', 'create'] : ['get'];
		props.push({
			displayName: `${id.displayName} ID`,
			name: id.name,
			type: 'resourceLocator',
			required: true,
			default: { mode: 'list', value: '' },
			description: resource.value === 'fulfillment' ? 'The order whose fulfillments to read or create' : `The ${id.displayName.toLowerCase()} to get`,
			displayOptions: show(needsId),
			modes: [
				{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: searchMethodName(id.searchFrom), searchable: true } },
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 65f0c3a1b2c4d5e6f7a8b9c0',
					validation: [{ type: 'regex', properties: { regex: '^\\s*[^\\s/?#]+\\s*$', errorMessage: 'A HighLevel ID has no spaces or slashes' } }],
				},
			],
		});
	}
	const list = has('getAll');
	if (list) {
		props.push(
			{ displayName: 'Return All', name: 'returnAll', type: 'boolean', default: false, description: 'Whether to return all results or only up to a given limit', displayOptions: show(['getAll']) },
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
				displayOptions: { show: { resource: [resource.value], operation: ['getAll'], returnAll: [false] } },
			},
		);
		if (list.kind === 'list' && list.filters?.length) {
			props.push({ displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, displayOptions: show(['getAll']), options: list.filters.map(filterProperty) });
		}
	}
	if (resource.simplify) {
		props.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return only the main fields instead of the whole record',
			displayOptions: show(['getAll', 'get']),
		});
	}
	if (resource.value === 'fulfillment') props.push(...fulfillmentFields(show(['create'])));
	if (resource.value === 'whiteLabelProvider') props.push(...whiteLabelFields(show(['create'])));
	return props;
}

function fulfillmentFields(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	const show = displayOptions!.show!;
	// Typed fields suit a fixed shipment; JSON lets a workflow pass any number of items and trackings from earlier nodes.
	const fieldsOnly = { show: { ...show, fulfillmentInput: ['fields'] } };
	return [
		{
			displayName: 'Input Mode',
			name: 'fulfillmentInput',
			type: 'options',
			default: 'fields',
			displayOptions,
			options: [
				{ name: 'Fields', value: 'fields', description: 'Fill in items and trackings one by one' },
				{ name: 'JSON', value: 'json', description: 'Give items, trackings and Notify Customer as one JSON object (for example from an expression)' },
			],
		},
		{
			displayName: 'Fulfillment (JSON)',
			name: 'fulfillmentJson',
			type: 'json',
			default: '{\n  "items": [{ "priceId": "", "qty": 1 }],\n  "trackings": [{ "trackingNumber": "", "shippingCarrier": "" }],\n  "notifyCustomer": false\n}',
			description: 'Items (priceId, qty), trackings (trackingNumber, shippingCarrier, trackingUrl) and notifyCustomer; checked before sending',
			displayOptions: { show: { ...show, fulfillmentInput: ['json'] } },
		},
		{
			displayName: 'Items',
			name: 'items',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Item',
			required: true,
			default: {},
			description: 'The order items this fulfillment ships',
			displayOptions: fieldsOnly,
			options: [
				{
					displayName: 'Item',
					name: 'item',
					values: [
						{ displayName: 'Price ID', name: 'priceId', type: 'string', default: '', required: true, description: 'The price ID of the ordered product' },
						{ displayName: 'Quantity', name: 'qty', type: 'number', default: 1, required: true, description: 'How many were shipped (1 or more)' },
					],
				},
			],
		},
		{
			displayName: 'Trackings',
			name: 'trackings',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Tracking',
			default: {},
			displayOptions: fieldsOnly,
			options: [
				{
					displayName: 'Tracking',
					name: 'tracking',
					values: [
						{ displayName: 'Tracking Number', name: 'trackingNumber', type: 'string', default: '' },
						{ displayName: 'Shipping Carrier', name: 'shippingCarrier', type: 'string', default: '', placeholder: 'UPS' },
						{ displayName: 'Tracking URL', name: 'trackingUrl', type: 'string', default: '', placeholder: 'https://carrier.example/track/1Z999' },
					],
				},
			],
		},
		{ displayName: 'Notify Customer', name: 'notifyCustomer', type: 'boolean', default: false, description: 'Whether HighLevel e-mails the customer about the shipment', displayOptions: fieldsOnly },
	];
}

function whiteLabelFields(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{ displayName: 'Unique Name', name: 'uniqueName', type: 'string', required: true, default: '', placeholder: 'acme-pay', description: 'Lower-case letters and hyphens, starting and ending with a letter', displayOptions },
		{ displayName: 'Title', name: 'title', type: 'string', required: true, default: '', displayOptions },
		{
			displayName: 'Provider',
			name: 'provider',
			type: 'options',
			required: true,
			options: WHITE_LABEL_PROVIDERS.map((p) => ({ name: p === 'nmi' ? 'NMI' : 'Authorize.Net', value: p })),
			// Generated from the table; Authorize.Net is its first provider.
			default: 'authorize-net',
			displayOptions,
		},
		{ displayName: 'Description', name: 'description', type: 'string', required: true, default: '', displayOptions },
		{ displayName: 'Image URL', name: 'imageUrl', type: 'string', required: true, default: '', placeholder: 'https://example.com/logo.png', description: 'Logo shown to customers (https only)', displayOptions },
	];
}

export const paymentsProperties: INodeProperties[] = [
	{
		displayName: 'Authentication',
		name: 'authentication',
		type: 'options',
		options: [
			{ name: 'OAuth2 (Marketplace App or Client Credentials)', value: 'oAuth2' },
			{ name: 'Private Integration Token', value: 'apiKey' },
		],
		default: 'oAuth2',
	},
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: paymentsTable.map((r) => ({ name: r.displayName, value: r.value })),
		// Generated from the table; orders come first.
		default: 'order',
	},
	...paymentsTable.flatMap(resourceProperties),
	{
		displayName: 'Location ID',
		name: 'locationId',
		type: 'string',
		default: '',
		description: 'The sub-account (altId). Leave empty to use the one in the credential or the token.',
	},
];
