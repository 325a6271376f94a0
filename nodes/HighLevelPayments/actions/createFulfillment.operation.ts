/**
 * Order Fulfillment Create: items and trackings (typed, or one JSON object from an expression),
 * checked before sending.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { fulfillmentSchema, inputProblems } from './paymentsInput';
import { highLevelRequest, readHighLevelRecord } from '../transport/highLevelApi';
import {
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
import type { PaymentsResource } from '../resources/paymentsTable';

/** What Fulfillment (JSON) starts with: the shape of the body, to fill in. */
const FULFILLMENT_JSON_START =
	'{\n  "items": [{ "priceId": "", "qty": 1 }],\n  "trackings": [{ "trackingNumber": "", ' +
	'"shippingCarrier": "" }],\n  "notifyCustomer": false\n}';

const EXAMPLE =
	'Give an object such as {"items": [{"priceId": "…", "qty": 1}], "trackings": ' +
	'[{"trackingNumber": "…"}]}; nothing was sent to HighLevel.';

/**
 * The JSON input mode: a JSON text or an object from an expression, read before any check of its
 * content.
 */
function fulfillmentJson(item: HighLevelItem): IDataObject {
	const raw = param<unknown>(item, 'fulfillmentJson', '{}');
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw itemError(
				item,
				`Fulfillment (JSON) is not valid JSON: ${(error as Error).message}`,
				EXAMPLE,
			);
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value))
		throw itemError(item, 'Fulfillment (JSON) must be an object with items and trackings', EXAMPLE);
	const given = value as IDataObject;
	return {
		trackings: given.trackings ?? [],
		items: given.items,
		notifyCustomer: given.notifyCustomer ?? false,
	};
}

function fulfillmentFields(item: HighLevelItem): IDataObject {
	const trackings = (
		(param<IDataObject>(item, 'trackings', {}).tracking as IDataObject[] | undefined) ?? []
	).map((t) => {
		const tracking: IDataObject = { trackingNumber: t.trackingNumber ?? '' };
		if (t.shippingCarrier) tracking.shippingCarrier = t.shippingCarrier;
		if (t.trackingUrl) tracking.trackingUrl = t.trackingUrl;
		return tracking;
	});
	const items = (
		(param<IDataObject>(item, 'items', {}).item as IDataObject[] | undefined) ?? []
	).map((i) => ({
		priceId: i.priceId,
		qty: typeof i.qty === 'string' && i.qty.trim() !== '' ? Number(i.qty) : i.qty,
	}));
	return { trackings, items, notifyCustomer: param(item, 'notifyCustomer', false) };
}

function properties(resource: PaymentsResource): INodeProperties[] {
	const on = showFor(resource, ['create']);
	// Typed fields suit a fixed shipment; JSON lets a workflow pass any number of items and trackings
	// from earlier nodes.
	const fieldsOnly = showFor(resource, ['create'], { fulfillmentInput: ['fields'] });
	return [
		...recordLocator(resource, ['create']),
		{
			displayName: 'Input Mode',
			name: 'fulfillmentInput',
			type: 'options',
			default: 'fields',
			displayOptions: on,
			options: [
				{ name: 'Fields', value: 'fields', description: 'Fill in items and trackings one by one' },
				{
					name: 'JSON',
					value: 'json',
					description:
						'Give items, trackings and Notify Customer as one JSON object (for example from an ' +
						'expression)',
				},
			],
		},
		{
			displayName: 'Fulfillment (JSON)',
			name: 'fulfillmentJson',
			type: 'json',
			default: FULFILLMENT_JSON_START,
			description:
				'Items (priceId, qty), trackings (trackingNumber, shippingCarrier, trackingUrl) and ' +
				'notifyCustomer; checked before sending',
			displayOptions: showFor(resource, ['create'], { fulfillmentInput: ['json'] }),
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
						{
							displayName: 'Price ID',
							name: 'priceId',
							type: 'string',
							default: '',
							required: true,
							description: 'The price ID of the ordered product',
						},
						{
							displayName: 'Quantity',
							name: 'qty',
							type: 'number',
							default: 1,
							required: true,
							description: 'How many were shipped (1 or more)',
						},
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
						{
							displayName: 'Shipping Carrier',
							name: 'shippingCarrier',
							type: 'string',
							default: '',
							placeholder: 'e.g. UPS',
						},
						{
							displayName: 'Tracking URL',
							name: 'trackingUrl',
							type: 'string',
							default: '',
							placeholder: 'e.g. https://carrier.example/track/1Z999',
						},
					],
				},
			],
		},
		{
			displayName: 'Notify Customer',
			name: 'notifyCustomer',
			type: 'boolean',
			default: false,
			description: 'Whether HighLevel e-mails the customer about the shipment',
			displayOptions: fieldsOnly,
		},
	];
}

export const createFulfillmentOperation: HighLevelOperation = {
	writes: true,

	option: (resource) =>
		resource.operations.some((o) => o.kind === 'create' && o.body === 'fulfillment')
			? [
					{
						name: 'Create',
						value: 'create',
						action: 'Create an order fulfillment',
						description: 'Create an order fulfillment',
					},
				]
			: [],

	properties: (resource) =>
		resource.operations.some((o) => o.kind === 'create' && o.body === 'fulfillment')
			? properties(resource)
			: [],

	async execute(item) {
		const operation = item.resource.operations.find((o) => o.kind === 'create')!;
		// Input is checked before anything is sent: bad input never reaches HighLevel.
		const body =
			param<string>(item, 'fulfillmentInput', 'fields') === 'json'
				? fulfillmentJson(item)
				: fulfillmentFields(item);
		const problems = inputProblems(fulfillmentSchema, body);
		if (problems)
			throw itemError(
				item,
				`Invalid fulfillment: ${problems}`,
				'Correct the named fields; nothing was sent to HighLevel.',
			);
		const answer = await highLevelRequest(item.context, item.connection, {
			method: 'POST',
			path: pathOf(item, operation),
			body: fulfillmentSchema.parse(body) as IDataObject,
			idempotent: false,
			subject: `Order ${readId(item)}`,
		});
		return shapeRecords(item, [readHighLevelRecord(answer)]);
	},
};
