/**
 * The HighLevel payments endpoints (the "Orders API" of seed 002) as data: the node's parameters,
 * its transport and the HighLevel sandbox all read this table.
 */

export type FilterType = 'string' | 'dateTime' | 'boolean' | 'options';

export interface ListFilter {
	name: string;
	label: string;
	type: FilterType;
	description: string;
	options?: readonly string[];
}

export type PaymentsOperation =
	| {
			value: 'getAll';
			kind: 'list';
			path: string;
			listKey: 'data' | 'providers';
			paged: boolean;
			filters?: readonly ListFilter[];
	  }
	| { value: 'get'; kind: 'get'; path: string }
	| { value: 'create'; kind: 'create'; path: string; body: 'whiteLabelProvider' | 'fulfillment' };

export interface PaymentsResource {
	value: 'order' | 'fulfillment' | 'transaction' | 'subscription' | 'whiteLabelProvider';
	displayName: string;
	/** What it is, for an operator: the option's description in the node. */
	summary: string;
	/**
	 * Path placeholder naming the record (or, for fulfillments, the order) an operation works on.
	 */
	idParameter?: {
		name: 'orderId' | 'transactionId' | 'subscriptionId';
		displayName: string;
		searchFrom: 'order' | 'transaction' | 'subscription';
	};
	/** Fields of a record used in "From List" labels. */
	labelFields?: readonly string[];
	simplify?: readonly string[];
	operations: readonly PaymentsOperation[];
}

const dates: ListFilter[] = [
	{
		name: 'startAt',
		label: 'Start Date',
		type: 'dateTime',
		description: 'Only records created on or after this date (YYYY-MM-DD or ISO 8601)',
	},
	{
		name: 'endAt',
		label: 'End Date',
		type: 'dateTime',
		description: 'Only records created on or before this date (YYYY-MM-DD or ISO 8601)',
	},
];
const paymentMode: ListFilter = {
	name: 'paymentMode',
	label: 'Payment Mode',
	type: 'options',
	options: ['live', 'test'],
	description: 'Live or test payments',
};
const search: ListFilter = {
	name: 'search',
	label: 'Search',
	type: 'string',
	description: 'Text to search for',
};
const contactId: ListFilter = {
	name: 'contactId',
	label: 'Contact ID',
	type: 'string',
	description: 'Only records of this contact',
};

export const paymentsTable: readonly PaymentsResource[] = [
	{
		value: 'order',
		displayName: 'Order',
		summary: 'Orders customers placed through funnels, websites, invoices and the store',
		idParameter: { name: 'orderId', displayName: 'Order', searchFrom: 'order' },
		// List rows carry contactName (a single order carries contactSnapshot): a label uses whichever
		// is there.
		labelFields: ['contactName', 'contactSnapshot.name', 'amount', 'currency', 'status'],
		// At most 10 fields (n8n's guideline). `contactName` is on list rows (a single order has
		// contactSnapshot); neither documents a payment status: `paymentStatus` is there when the
		// polling trigger put it there.
		simplify: [
			'_id',
			'status',
			'paymentStatus',
			'fulfillmentStatus',
			'amount',
			'currency',
			'contactId',
			'contactName',
			'createdAt',
			'updatedAt',
		],
		operations: [
			{
				value: 'getAll',
				kind: 'list',
				path: '/payments/orders',
				listKey: 'data',
				paged: true,
				filters: [
					{
						name: 'status',
						label: 'Status',
						type: 'string',
						description: 'Order status, for example completed or pending',
					},
					{
						name: 'paymentStatus',
						label: 'Payment Status',
						type: 'options',
						options: ['paid', 'unpaid', 'refunded', 'partially_paid'],
						description: 'Payment status of the order',
					},
					paymentMode,
					...dates,
					search,
					contactId,
					{
						name: 'funnelProductIds',
						label: 'Funnel Product IDs',
						type: 'string',
						description: 'Comma-separated funnel product IDs',
					},
					{
						name: 'sourceId',
						label: 'Source ID',
						type: 'string',
						description: 'ID of the order source (funnel, website, invoice, …)',
					},
					{
						name: 'locationId',
						label: 'Filter Location ID',
						type: 'string',
						description:
							'Location filter of the list (the sub-account itself is set by Location ID)',
					},
				],
			},
			{ value: 'get', kind: 'get', path: '/payments/orders/{orderId}' },
		],
	},
	{
		value: 'fulfillment',
		displayName: 'Order Fulfillment',
		summary: 'What was shipped for an order: items, carriers and tracking numbers',
		idParameter: { name: 'orderId', displayName: 'Order', searchFrom: 'order' },
		operations: [
			{
				value: 'getAll',
				kind: 'list',
				path: '/payments/orders/{orderId}/fulfillments',
				listKey: 'data',
				paged: false,
			},
			{
				value: 'create',
				kind: 'create',
				path: '/payments/orders/{orderId}/fulfillments',
				body: 'fulfillment',
			},
		],
	},
	{
		value: 'transaction',
		displayName: 'Transaction',
		summary: 'Payments taken for orders, invoices and subscriptions, with refunds',
		idParameter: { name: 'transactionId', displayName: 'Transaction', searchFrom: 'transaction' },
		labelFields: ['amount', 'currency', 'status', 'entityId'],
		simplify: [
			'_id',
			'status',
			'amount',
			'amountRefunded',
			'currency',
			'entityType',
			'entityId',
			'subscriptionId',
			'contactId',
			'createdAt',
		],
		operations: [
			{
				value: 'getAll',
				kind: 'list',
				path: '/payments/transactions',
				listKey: 'data',
				paged: true,
				filters: [
					paymentMode,
					...dates,
					{
						name: 'entitySourceType',
						label: 'Entity Source Type',
						type: 'string',
						description: 'Source of the payment, for example funnel or invoice',
					},
					{
						name: 'entitySourceSubType',
						label: 'Entity Source Sub-Type',
						type: 'string',
						description: 'Sub-type of the source',
					},
					search,
					{
						name: 'subscriptionId',
						label: 'Subscription ID',
						type: 'string',
						description: 'Only payments of this subscription',
					},
					{
						name: 'entityId',
						label: 'Entity ID',
						type: 'string',
						description: 'Only payments of this entity (for example an order ID)',
					},
					contactId,
					{
						name: 'locationId',
						label: 'Filter Location ID',
						type: 'string',
						description: 'Location filter of the list',
					},
				],
			},
			{ value: 'get', kind: 'get', path: '/payments/transactions/{transactionId}' },
		],
	},
	{
		value: 'subscription',
		displayName: 'Subscription',
		summary: 'Recurring payments: their status, schedule and amount',
		idParameter: {
			name: 'subscriptionId',
			displayName: 'Subscription',
			searchFrom: 'subscription',
		},
		labelFields: ['amount', 'currency', 'status', 'entityId'],
		simplify: [
			'_id',
			'status',
			'amount',
			'currency',
			'entityId',
			'subscriptionId',
			'contactId',
			'schedule',
			'canceledAt',
			'createdAt',
		],
		operations: [
			{
				value: 'getAll',
				kind: 'list',
				path: '/payments/subscriptions',
				listKey: 'data',
				paged: true,
				filters: [
					{
						name: 'entityId',
						label: 'Entity ID',
						type: 'string',
						description: 'Only subscriptions of this entity',
					},
					paymentMode,
					...dates,
					{
						name: 'entitySourceType',
						label: 'Entity Source Type',
						type: 'string',
						description: 'Source of the subscription',
					},
					search,
					contactId,
					{
						name: 'id',
						label: 'Subscription ID',
						type: 'string',
						description: 'Only this subscription',
					},
					{
						name: 'getPaymentsCollectedCount',
						label: 'Include Payments Collected Count',
						type: 'boolean',
						description: 'Whether to add how many payments each subscription has collected',
					},
				],
			},
			{ value: 'get', kind: 'get', path: '/payments/subscriptions/{subscriptionId}' },
		],
	},
	{
		value: 'whiteLabelProvider',
		displayName: 'White-Label Payment Provider',
		summary: 'A payment provider (Authorize.Net, NMI) offered under your own brand',
		operations: [
			{
				value: 'getAll',
				kind: 'list',
				path: '/payments/integrations/provider/whitelabel',
				listKey: 'providers',
				paged: true,
			},
			{
				value: 'create',
				kind: 'create',
				path: '/payments/integrations/provider/whitelabel',
				body: 'whiteLabelProvider',
			},
		],
	},
];

export function findPaymentsResource(value: string): PaymentsResource {
	const resource = paymentsTable.find((r) => r.value === value);
	if (!resource) throw new Error(`Unknown HighLevel resource "${value}"`);
	return resource;
}

export const WHITE_LABEL_PROVIDERS = ['authorize-net', 'nmi'] as const;
