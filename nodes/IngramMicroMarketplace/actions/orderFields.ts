/**
 * What Create and Estimate of an order share: the customer, order type, subscription, PO number and
 * the product lines (MPN, quantity, the product family's own parameters), and the order body built
 * from them with the seed's product parameter rules applied before anything is sent.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { INGRAM_CREDENTIAL } from '../transport/ingramUrls';
import { ORDER_TYPES, type MarketplaceResource } from '../resources/marketplaceTable';
import { productFamilies } from '../resources/productFamilies';
import { byName } from '../../shared/wording';
import { buildProducts, type ProductEntry } from './orderInput';
import { readId, param, recordLocator, showFor, itemError, type IngramItem } from './common';

const firstOrderType = ORDER_TYPES[0];
const otherFamily = productFamilies[0].value;

/**
 * One product line: MPN, quantity, the family's own parameter fields, and a free list for any other
 * product.
 */
export function productValues(withOrderFields: boolean): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'MPN',
			name: 'mpn',
			type: 'string',
			required: true,
			default: '',
			description: 'Manufacturer part number of the product',
		},
	];
	if (withOrderFields) {
		fields.push(
			{
				displayName: 'Quantity',
				name: 'quantity',
				type: 'number',
				default: 1,
				description: 'For a change order: the change, for example 5 or -2',
			},
			{
				displayName: 'Subscription ID',
				name: 'subscriptionId',
				type: 'string',
				default: '',
				description: 'The subscription the product belongs to (change orders only)',
				// Only a change order names a subscription per product ('/' reads the node's own Order
				// Type).
				displayOptions: { show: { '/orderType': ['change'] } },
			},
		);
	}
	fields.push({
		displayName: 'Product Family',
		name: 'productFamily',
		type: 'options',
		options: productFamilies.map((f) => ({ name: f.name, value: f.value })).sort(byName),
		default: otherFamily,
		description: 'Products with their own order parameters get the right fields and checks',
	});
	const seen = new Set<string>();
	for (const family of productFamilies) {
		for (const p of family.parameters) {
			const users = productFamilies
				.filter((f) => f.parameters.some((q) => q.field === p.field))
				.map((f) => f.value);
			if (!seen.has(p.field)) {
				seen.add(p.field);
				fields.push({
					displayName: p.label,
					name: p.field,
					type: 'string',
					default: '',
					placeholder: `e.g. ${p.example}`,
					displayOptions: { show: { productFamily: users } },
				});
			}
			const unnamed = productFamilies
				.filter((f) => f.parameters.some((q) => q.field === p.field && !q.name))
				.map((f) => f.value);
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
	fields.push({
		displayName: 'Other Parameters',
		name: 'otherParameters',
		type: 'json',
		default: '[]',
		description:
			'Any further parameters as [{"name": "…", "value": "…"}] (names are case-sensitive)',
	});
	return fields;
}

export const productsProperty = (
	withOrderFields: boolean,
	displayOptions: INodeProperties['displayOptions'],
): INodeProperties => ({
	displayName: 'Products',
	name: 'products',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Product',
	default: {},
	displayOptions,
	options: [{ displayName: 'Product', name: 'product', values: productValues(withOrderFields) }],
});

/** The order parameters of one operation (Create or Estimate) of the Order resource. */
export function orderProperties(
	resource: MarketplaceResource,
	operation: string,
): INodeProperties[] {
	return [
		recordLocator('customerId', 'Customer', 'customer', showFor(resource, [operation])),
		{
			displayName: 'Order Type',
			name: 'orderType',
			type: 'options',
			options: ORDER_TYPES.map((t) => ({ name: t[0].toUpperCase() + t.slice(1), value: t })),
			default: firstOrderType,
			displayOptions: showFor(resource, [operation]),
		},
		{
			displayName: 'Subscription ID',
			name: 'orderSubscriptionId',
			type: 'string',
			required: true,
			default: '',
			description: 'The subscription to renew or cancel',
			displayOptions: showFor(resource, [operation], { orderType: ['renewal', 'cancellation'] }),
		},
		{
			displayName: 'PO Number',
			name: 'poNumber',
			type: 'string',
			default: '',
			displayOptions: showFor(resource, [operation]),
		},
		productsProperty(true, showFor(resource, [operation], { orderType: ['sales', 'change'] })),
	];
}

async function marketplaceCode(item: IngramItem): Promise<string> {
	return String(
		(await item.context.getCredentials(INGRAM_CREDENTIAL, item.itemIndex)).marketplace ?? '',
	);
}

export function productEntries(item: IngramItem): ProductEntry[] {
	return (
		(param<IDataObject>(item, 'products', {}).product as ProductEntry[] | undefined) ?? []
	).map((p) => ({ ...p }));
}

export { marketplaceCode };

/**
 * The order as Ingram Micro takes it, with what the rules corrected; nothing is sent when a rule is
 * broken.
 */
export async function orderBody(item: IngramItem) {
	const type = param<string>(item, 'orderType', 'sales');
	const built = buildProducts(productEntries(item), type, 'order', await marketplaceCode(item));
	const body: IDataObject = { customerId: readId(item, 'customerId', 'Customer'), type };
	const poNumber = String(param(item, 'poNumber', '') ?? '').trim();
	if (poNumber) body.poNumber = poNumber;
	if (type === 'renewal' || type === 'cancellation') {
		const subscriptionId = String(param(item, 'orderSubscriptionId', '') ?? '').trim();
		if (!subscriptionId)
			built.problems.push(
				`A ${type} order needs the Subscription ID it ${type === 'renewal' ? 'renews' : 'cancels'}`,
			);
		body.subscriptionId = subscriptionId;
	} else body.products = built.products;
	if (built.problems.length)
		throw itemError(
			item,
			`The order cannot be sent: ${built.problems.join('; ')}`,
			'Correct the named products and parameters; nothing was sent to Ingram Micro.',
		);
	return { body, corrections: built.corrections };
}

/** The fields of a product in an estimate, as OrderEstimationRequest documents them. */
const ESTIMATE_PRODUCT_FIELDS = ['mpn', 'name', 'quantity', 'subscriptionId'];

/**
 * An estimate as Ingram documents it (OrderEstimationRequest): `type`, `customerId` and `products`
 * of `{mpn, name, quantity, subscriptionId}` only; no purchase order number and no product
 * parameters (the node still checks them, so an estimate that passes is an order that would). A
 * renewal or cancellation names its subscription in its one product.
 */
export async function estimateBody(item: IngramItem) {
	const { body, corrections } = await orderBody(item);
	const products = Array.isArray(body.products)
		? (body.products as IDataObject[]).map((product) =>
				Object.fromEntries(
					Object.entries(product).filter(
						([key, value]) => ESTIMATE_PRODUCT_FIELDS.includes(key) && value !== undefined,
					),
				),
			)
		: [{ subscriptionId: body.subscriptionId }];
	return {
		body: { type: body.type, customerId: body.customerId, products } as IDataObject,
		corrections,
	};
}
