/**
 * The Ingram Micro Cloud Marketplace endpoints as data: the node's parameters, its transport and
 * the sandbox read this table.
 */

export interface MarketplaceFilter {
	name: string;
	label: string;
	/**
	 * `date` filters are sent as YYYY-MM-DD (subscriptions), `dateTime` as ISO date-times (orders),
	 * as the spec types them.
	 */
	type: 'string' | 'date' | 'dateTime' | 'options';
	options?: readonly string[];
	description: string;
}

export type MarketplaceOperation =
	| { value: 'getAll'; path: string; filters: readonly MarketplaceFilter[] }
	| { value: 'get'; path: string }
	| { value: 'create'; path: string }
	| { value: 'estimate'; path: string }
	| { value: 'validate'; path: string };

export interface MarketplaceResource {
	value: 'customer' | 'product' | 'order' | 'subscription' | 'parameters';
	displayName: string;
	/** What it is, for an operator: the option's description in the node. */
	summary: string;
	/** The id parameter of Get (and its "From List" label fields). */
	idParameter?: { name: string; displayName: string; labelFields: readonly string[] };
	simplify?: readonly string[];
	operations: readonly MarketplaceOperation[];
}

export const ORDER_STATUSES = [
	'submitted',
	'processing',
	'error',
	'completed',
	'cancelled',
] as const;
export const SUBSCRIPTION_STATUSES = [
	'active',
	'hold',
	'terminated',
	'removed',
	'pending',
] as const;
export const ORDER_TYPES = ['sales', 'change', 'renewal', 'cancellation'] as const;

export const marketplaceTable: readonly MarketplaceResource[] = [
	{
		value: 'customer',
		displayName: 'Customer',
		summary: 'The end customers you buy cloud services for in the marketplace',
		idParameter: {
			name: 'customerId',
			displayName: 'Customer',
			labelFields: ['name', 'externalId'],
		},
		operations: [
			{
				value: 'getAll',
				path: '/customers',
				filters: [
					{ name: 'name', label: 'Name', type: 'string', description: 'Customers with this name' },
					{
						name: 'email',
						label: 'Email',
						type: 'string',
						description: 'Customers with a contact person of this e-mail',
					},
					{
						name: 'externalId',
						label: 'External ID',
						type: 'string',
						description: 'Your own ID of the customer (for example the HaloPSA client ID)',
					},
				],
			},
			{ value: 'get', path: '/customers/{id}' },
			{ value: 'create', path: '/customers' },
		],
	},
	{
		value: 'product',
		displayName: 'Product',
		summary: 'The cloud services the marketplace sells, with their plans and parameters',
		idParameter: { name: 'productId', displayName: 'Product', labelFields: ['name', 'mpn'] },
		operations: [
			{
				value: 'getAll',
				path: '/products',
				filters: [
					{ name: 'mpn', label: 'MPN', type: 'string', description: 'Manufacturer part number' },
				],
			},
			{ value: 'get', path: '/products/{id}' },
		],
	},
	{
		value: 'order',
		displayName: 'Order',
		summary: 'Purchases, changes, renewals and cancellations of subscriptions',
		idParameter: { name: 'orderId', displayName: 'Order', labelFields: ['id', 'status', 'type'] },
		operations: [
			{
				value: 'getAll',
				path: '/orders',
				filters: [
					{
						name: 'customerId',
						label: 'Customer ID',
						type: 'string',
						description: 'Orders of this customer',
					},
					{
						name: 'status',
						label: 'Status',
						type: 'options',
						options: ORDER_STATUSES,
						description: 'Orders in this status',
					},
					{
						name: 'subscriptionId',
						label: 'Subscription ID',
						type: 'string',
						description: 'Orders of this subscription',
					},
					{
						name: 'creationTimeFrom',
						label: 'Created From',
						type: 'dateTime',
						description: 'Orders created on or after this time',
					},
					{
						name: 'creationTimeTo',
						label: 'Created To',
						type: 'dateTime',
						description: 'Orders created on or before this time',
					},
				],
			},
			{ value: 'get', path: '/orders/{id}' },
			{ value: 'create', path: '/orders' },
			{ value: 'estimate', path: '/orders/estimate' },
		],
	},
	{
		value: 'subscription',
		displayName: 'Subscription',
		summary: "A customer's cloud services as bought: plan, quantity, status, dates",
		idParameter: {
			name: 'subscriptionId',
			displayName: 'Subscription',
			labelFields: ['name', 'status'],
		},
		simplify: ['id', 'customerId', 'name', 'status', 'creationDate', 'renewalDate', 'products'],
		operations: [
			{
				value: 'getAll',
				path: '/subscriptions',
				filters: [
					{
						name: 'customerId',
						label: 'Customer ID',
						type: 'string',
						description: 'Subscriptions of this customer',
					},
					{
						name: 'status',
						label: 'Status',
						type: 'options',
						options: SUBSCRIPTION_STATUSES,
						description: 'Subscriptions in this status',
					},
					{
						name: 'creationDateFrom',
						label: 'Created From',
						type: 'date',
						description: 'Created on or after this date',
					},
					{
						name: 'creationDateTo',
						label: 'Created To',
						type: 'date',
						description: 'Created on or before this date',
					},
				],
			},
			{ value: 'get', path: '/subscriptions/{id}' },
		],
	},
	{
		value: 'parameters',
		displayName: 'Order Parameter',
		summary: 'Check the product-specific parameters of an order before placing it',
		operations: [{ value: 'validate', path: '/validation/parameters' }],
	},
];

export function findMarketplaceResource(value: string): MarketplaceResource {
	const resource = marketplaceTable.find((r) => r.value === value);
	if (!resource) throw new Error(`Unknown Ingram Micro resource "${value}"`);
	return resource;
}
