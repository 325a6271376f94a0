/**
 * Every HaloPSA "Marketplace & Distribution" resource as data (seeds 000 and 001): its route and
 * behaviour here, one row a resource; its fields in fieldSchemas.ts. The node's parameters and its
 * calls are generated from this table, so a path, key or field is written exactly once.
 */
import { fieldSchemas } from './fieldSchemas';

export type FieldType =
	| 'string'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'dateTime'
	| 'uuid'
	| 'array'
	| 'object';

/** [name, type, description] as listed in the seed schema. */
export type FieldSpec = readonly [name: string, type: FieldType, description: string];

/** The standard Halo CRUD operations a resource exposes. */
export type CrudOperation = 'getAll' | 'get' | 'upsert' | 'delete';

/** Operations that are not plain CRUD, each with its own method and path. */
export type ExtraOperation =
	| { kind: 'bulkManage'; value: 'bulkManage'; path: string; name: string; description: string }
	| {
			kind: 'deleteByParent';
			value: 'deleteByParent';
			path: string;
			name: string;
			description: string;
	  }
	| { kind: 'read'; value: string; path: string; name: string; description: string; action: string }
	| { kind: 'formAuth'; value: 'authenticate'; path: string; name: string; description: string }
	| { kind: 'linkTicket'; value: 'linkToTicket'; name: string; description: string }
	| { kind: 'unlinkTicket'; value: 'unlinkFromTicket'; name: string; description: string };

/**
 * Field names of an integration's HaloIntegrator sync state, for the integration-health trigger.
 */
export interface SyncStateFields {
	enabled: string;
	lastSync: string;
	lastError?: string;
}

export interface HaloResource {
	/** n8n option value of the resource. */
	value: string;
	/** Name shown in the Resource dropdown: vendor first, so the list reads naturally. */
	displayName: string;
	/**
	 * What the resource is, for an operator: the Resource option's and the trigger's description.
	 */
	summary: string;
	/** Halo's schema name, as in the seeds. */
	schema: string;
	/** Path under /api, spelt as Halo documents it (Halo routes case-insensitively). */
	path: string;
	/** The field holding Halo's own record key: `id` everywhere except CSP invoices (`haloid`). */
	key: string;
	/** Field used as the label of a record in "From List" pickers. */
	labelField: string;
	/** Fields shown after the label in pickers, so look-alike records can be told apart. */
	pickerDetails?: readonly string[];
	/** Plural used by list answers in wrapper form (`{record_count, <plural>: [...]}`). */
	plural: string;
	crud: readonly CrudOperation[];
	extra?: readonly ExtraOperation[];
	/** Query parameters Halo documents on the list and single GET. */
	listQuery?: readonly string[];
	getQuery?: readonly string[];
	/** Fields kept by Simplify. Resources with ten fields or fewer have none. */
	simplify?: readonly string[];
	sync?: SyncStateFields;
	fields: readonly FieldSpec[];
}

const routes: ReadonlyArray<Omit<HaloResource, 'fields'>> = [
	{
		value: 'pax8Details',
		displayName: 'Pax8 Integration',
		summary: "Halo's connection to Pax8: the account, its sync settings and the last sync's result",
		schema: 'Pax8Details',
		path: 'Pax8Details',
		key: 'id',
		labelField: 'tenant',
		plural: 'pax8details',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		simplify: [
			'id',
			'tenant',
			'url',
			'environment',
			'integrator_enabled',
			'integrator_last_sync',
			'integrator_last_sync_error',
			'top_level_name',
		],
		sync: {
			enabled: 'integrator_enabled',
			lastSync: 'integrator_last_sync',
			lastError: 'integrator_last_sync_error',
		},
	},
	{
		value: 'ingramMicroDetails',
		displayName: 'Ingram Micro Integration',
		summary:
			"Halo's connection to Ingram Micro Cloud Marketplace: account, sync settings, last sync",
		schema: 'IngramMicroDetails',
		path: 'IngramMicroDetails',
		key: 'id',
		labelField: 'name',
		plural: 'ingrammicrodetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		getQuery: ['includedetails'],
		simplify: [
			'id',
			'name',
			'marketplace',
			'username',
			'halointegrator',
			'halointegrator_lastsync',
			'halointegrator_lasterror',
			'top_level_name',
		],
		sync: {
			enabled: 'halointegrator',
			lastSync: 'halointegrator_lastsync',
			lastError: 'halointegrator_lasterror',
		},
	},
	{
		value: 'ingramMicroReseller',
		displayName: 'Ingram Micro Reseller',
		summary: 'Ingram Micro reseller orders and quotes as Halo reads them from Ingram Micro',
		schema: 'IngramMicroReseller',
		path: 'IngramMicroReseller',
		key: 'id',
		labelField: 'name',
		plural: 'ingrammicroreseller',
		crud: [],
		extra: [
			{
				kind: 'read',
				value: 'getReseller',
				path: 'IngramMicroReseller/Get',
				name: 'Get',
				action: 'Get Ingram Micro reseller information',
				description: 'Retrieve Ingram Micro reseller information',
			},
			{
				kind: 'read',
				value: 'getQuote',
				path: 'IngramMicroReseller/GetQuote',
				name: 'Get Quote',
				action: 'Get an Ingram Micro quote',
				description: 'Retrieve a quote from Ingram Micro',
			},
		],
	},
	{
		value: 'ingramMicroResellerDetails',
		displayName: 'Ingram Micro Reseller Integration',
		summary: "Halo's connection to Ingram Micro's reseller (distribution) API and how it syncs",
		schema: 'IngramMicroResellerDetails',
		path: 'IngramMicroResellerDetails',
		key: 'id',
		labelField: 'name',
		plural: 'ingrammicroresellerdetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		simplify: [
			'id',
			'name',
			'customer_number',
			'country_code',
			'company_id',
			'receive_order_status_updated',
			'auto_create_purchase_order',
		],
	},
	{
		value: 'synnexDetails',
		displayName: 'TD Synnex Integration',
		summary: "Halo's connection to TD Synnex: account, sync settings, last sync",
		schema: 'SynnexDetails',
		path: 'SynnexDetails',
		key: 'id',
		labelField: 'name',
		plural: 'synnexdetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		getQuery: ['includedetails'],
		simplify: [
			'id',
			'name',
			'client_id',
			'application_region',
			'halointegrator',
			'halointegrator_lastsync',
			'halointegrator_lasterror',
			'top_level_name',
		],
		sync: {
			enabled: 'halointegrator',
			lastSync: 'halointegrator_lastsync',
			lastError: 'halointegrator_lasterror',
		},
	},
	{
		value: 'arrowSphereDetails',
		displayName: 'Arrow Sphere Integration',
		summary: "Halo's connection to Arrow Sphere: account, sync settings, last sync",
		schema: 'ArrowSphereDetails',
		path: 'ArrowSphereDetails',
		key: 'id',
		labelField: 'name',
		plural: 'arrowspheredetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		simplify: [
			'id',
			'name',
			'url',
			'halo_integrator',
			'halo_integrator_last_sync',
			'halo_integrator_error',
			'top_level_name',
		],
		sync: {
			enabled: 'halo_integrator',
			lastSync: 'halo_integrator_last_sync',
			lastError: 'halo_integrator_error',
		},
	},
	{
		value: 'streamOneIonDetails',
		displayName: 'TD Synnex StreamOne Ion Integration',
		summary: "Halo's connection to TD Synnex StreamOne Ion: account, sync settings, last sync",
		schema: 'StreamOneIonDetails',
		path: 'StreamOneIonDetails',
		key: 'id',
		labelField: 'name',
		plural: 'streamoneiondetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		simplify: [
			'id',
			'name',
			'account_id',
			'halointegrator',
			'halointegrator_lastsync',
			'halointegrator_lasterror',
			'top_level_name',
		],
		sync: {
			enabled: 'halointegrator',
			lastSync: 'halointegrator_lastsync',
			lastError: 'halointegrator_lasterror',
		},
	},
	{
		value: 'techDataResellerDetails',
		displayName: 'TD Synnex (Tech Data) Reseller Integration',
		summary: "Halo's connection to TD Synnex's (Tech Data) reseller API",
		schema: 'TechDataResellerDetails',
		path: 'TechDataResellerDetails',
		key: 'id',
		labelField: 'name',
		plural: 'techdataresellerdetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		simplify: ['id', 'name', 'client_id', 'type', 'region', 'api_to_use', 'customer_number'],
	},
	{
		value: 'dattoCommerceDetails',
		displayName: 'Datto Commerce Integration',
		summary: "Halo's connection to Datto Commerce (quotes, orders and products): account and sync",
		schema: 'DattoCommerceDetails',
		path: 'DattoCommerceDetails',
		key: 'id',
		labelField: 'url',
		plural: 'dattocommercedetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		listQuery: ['includedetails'],
		getQuery: ['includedetails'],
		simplify: [
			'id',
			'url',
			'halointegratorenabled',
			'halointegrator_lastsync',
			'halointegrator_lasterror',
			'item_group_name',
			'sostatustoimport',
		],
		sync: {
			enabled: 'halointegratorenabled',
			lastSync: 'halointegrator_lastsync',
			lastError: 'halointegrator_lasterror',
		},
	},
	{
		value: 'adobeCommerceDetails',
		displayName: 'Adobe Commerce Integration',
		summary:
			"Halo's connection to an Adobe Commerce (Magento) shop: store, sync settings, last sync",
		schema: 'AdobeCommerceDetails',
		path: 'AdobeCommerceDetails',
		key: 'id',
		labelField: 'connectionname',
		plural: 'adobecommercedetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		sync: { enabled: 'enabled', lastSync: 'integrator_last_sync' },
	},
	{
		value: 'adobeCommerceIntegration',
		displayName: 'Adobe Commerce Authorisation',
		summary: 'The OAuth handshake that lets Halo reach an Adobe Commerce shop, and its status',
		schema: 'AdobeCommerceIntegration',
		path: 'AdobeCommerceIntegration',
		key: 'id',
		labelField: 'id',
		plural: 'adobecommerceintegration',
		crud: [],
		extra: [
			{
				kind: 'read',
				value: 'getStatus',
				path: 'AdobeCommerceIntegration',
				name: 'Get Status',
				action: 'Get the Adobe Commerce integration status',
				description: 'Get the Adobe Commerce integration status',
			},
			{
				kind: 'formAuth',
				value: 'authenticate',
				path: 'AdobeCommerceIntegration/auth',
				name: 'Authenticate',
				description: 'Send the OAuth handshake key/value pairs to Adobe Commerce',
			},
		],
	},
	{
		value: 'cspConsumptionData',
		displayName: 'Microsoft CSP Consumption Data',
		summary: 'Microsoft CSP consumption lines of an invoice: partner, customer, SKU and quantity',
		schema: 'CSPConsumptionData',
		path: 'CSPConsumptionData',
		key: 'id',
		labelField: 'productname',
		plural: 'cspconsumptiondata',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		extra: [
			{
				kind: 'bulkManage',
				value: 'bulkManage',
				path: 'CSPConsumptionData/manage',
				name: 'Bulk Create or Update',
				description: 'Create or update many consumption records in chunks',
			},
			{
				kind: 'deleteByParent',
				value: 'deleteByParent',
				path: 'CSPConsumptionData/Parent',
				name: 'Delete All of Parent',
				description: 'Delete every consumption record of a parent record',
			},
		],
		simplify: [
			'id',
			'customername',
			'productname',
			'subscriptionid',
			'quantity',
			'unitprice',
			'total',
			'billingcurrency',
			'usagedate',
			'isbilled',
		],
	},
	{
		value: 'cspInvoice',
		displayName: 'Microsoft CSP Invoice',
		summary: 'Microsoft CSP invoices as Halo imported them from Partner Center',
		schema: 'CSPInvoice',
		path: 'cspinvoice',
		key: 'haloid',
		labelField: 'id',
		plural: 'cspinvoices',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		simplify: [
			'haloid',
			'id',
			'tenantid',
			'client_id',
			'invoicedate',
			'totalcharges',
			'paidamount',
			'currencycode',
			'isbilled',
			'isfullybilled',
		],
	},
	{
		value: 'cspSubscriptionPricing',
		displayName: 'Microsoft CSP Subscription Pricing',
		summary: 'The Microsoft CSP price list: products, SKUs, terms and billing plans',
		schema: 'CSPSubscriptionPricing',
		path: 'CSPSubscriptionPricing',
		key: 'id',
		labelField: 'producttitle',
		plural: 'cspsubscriptionpricing',
		crud: [],
		extra: [
			{
				kind: 'bulkManage',
				value: 'bulkManage',
				path: 'CSPSubscriptionPricing/manage',
				name: 'Bulk Create or Update',
				description: 'Create or update many subscription prices in chunks',
			},
		],
	},
	{
		value: 'microsoftSubscriptionMapping',
		displayName: 'Microsoft Subscription Mapping',
		summary: 'Links between Halo records and Microsoft tenants and subscriptions (CSP, Azure)',
		schema: 'MicrosoftSubscriptionMapping',
		path: 'MicrosoftSubscriptionMapping',
		key: 'id',
		labelField: 'fullname',
		plural: 'microsoftsubscriptionmappings',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		simplify: [
			'id',
			'fullname',
			'halo_id',
			'halo_name',
			'microsoft_id',
			'microsoft_name',
			'subscription_id',
			'subscription_expiry',
			'subscribed',
			'type',
		],
	},
	{
		value: 'amazonSellerDetails',
		displayName: 'Amazon Seller Integration',
		summary: "Halo's connection to an Amazon Seller account: region, sync settings, last sync",
		schema: 'AmazonSellerDetails',
		path: 'AmazonSellerDetails',
		key: 'id',
		labelField: 'storefrontname',
		plural: 'amazonsellerdetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		simplify: ['id', 'storefrontname', 'authorized', 'enabled', 'endpoint', 'marketplace'],
	},
	{
		value: 'shopifyDetails',
		displayName: 'Shopify Integration',
		summary: "Halo's connection to a Shopify shop: store, sync settings, last sync",
		schema: 'ShopifyDetails',
		path: 'ShopifyDetails',
		key: 'id',
		labelField: 'shopname',
		plural: 'shopifydetails',
		crud: ['getAll', 'get', 'upsert', 'delete'],
	},
	{
		value: 'ecommerceOrder',
		displayName: 'E-Commerce Order',
		summary:
			'Orders Halo received from shops and marketplaces (Shopify, Amazon, HighLevel …), and ' +
			'their tickets',
		schema: 'EcommerceOrder',
		path: 'EcommerceOrder',
		key: 'id',
		labelField: 'thirdpartyordernumber',
		pickerDetails: ['shop_name', 'thirdpartystatus'],
		plural: 'orders',
		crud: ['getAll', 'get', 'upsert', 'delete'],
		extra: [
			{
				kind: 'linkTicket',
				value: 'linkToTicket',
				name: 'Link to Ticket',
				description: 'Link an order to a HaloPSA ticket',
			},
			{
				kind: 'unlinkTicket',
				value: 'unlinkFromTicket',
				name: 'Unlink From Ticket',
				description: 'Remove the link between an order and its ticket',
			},
		],
		simplify: [
			'id',
			'thirdpartyordernumber',
			'thirdpartyid',
			'thirdpartystatus',
			'thirdpartystatus2',
			'thirdpartycreateddate',
			'integration_name',
			'shop_name',
			'ticket_id',
		],
	},
];

/** Each resource with the fields of its Halo schema (fieldSchemas.ts). */
export const resourceTable: readonly HaloResource[] = routes.map((route) => ({
	...route,
	fields: fieldSchemas[route.schema],
}));

export type ExtraOperationValue = ExtraOperation['value'];

/** The resource's extra operation with this value, when it has one. */
export function extraOperation<V extends ExtraOperationValue>(
	resource: HaloResource,
	value: V,
): Extract<ExtraOperation, { value: V }> | undefined {
	return resource.extra?.find((e) => e.value === value) as
		| Extract<ExtraOperation, { value: V }>
		| undefined;
}

/** The resource's extra operations of one kind (several reads, for example). */
export function extraOperationsOf<K extends ExtraOperation['kind']>(
	resource: HaloResource,
	kind: K,
): Array<Extract<ExtraOperation, { kind: K }>> {
	return (resource.extra ?? []).filter(
		(e): e is Extract<ExtraOperation, { kind: K }> => e.kind === kind,
	);
}

/** What a "From List" picker reads of the records it lists. */
export type PickedRecords = Pick<
	HaloResource,
	'value' | 'path' | 'key' | 'labelField' | 'plural' | 'pickerDetails'
>;

/**
 * Halo's tickets: not a resource of this node, the records Link to Ticket's picker lists (Halo API
 * v2: `GET /Tickets`, searched, at most 100 a page).
 */
export const haloTickets: PickedRecords = {
	value: 'ticket',
	path: 'Tickets',
	key: 'id',
	labelField: 'summary',
	plural: 'tickets',
	pickerDetails: ['client_name'],
};

export function findResource(value: string): HaloResource {
	const resource = resourceTable.find((r) => r.value === value);
	if (!resource) throw new Error(`Unknown HaloPSA resource "${value}"`);
	return resource;
}

/**
 * Fields that Halo accepts on write but never returns: the ones the seeds mark "(write-only)"
 * (secrets such as new_client_secret). Booleans that merely start with `new_` (new_method) are
 * ordinary data.
 */
export const WRITE_ONLY_FIELDS: ReadonlySet<string> = new Set(
	resourceTable.flatMap((r) =>
		r.fields
			.filter(([, , description]) => /\(write-only\)/i.test(description))
			.map(([name]) => name),
	),
);
export const isWriteOnlyField = (name: string) => WRITE_ONLY_FIELDS.has(name);

/** Halo never returns write-only fields; an answer that echoes one must not carry it into n8n. */
export function withoutWriteOnly<T extends Record<string, unknown>>(record: T): T {
	// Most records carry no write-only field: hand them on as they are instead of copying 50,000
	// objects.
	let clean = true;
	for (const key in record) {
		if (isWriteOnlyField(key)) {
			clean = false;
			break;
		}
	}
	if (clean) return record;
	const out: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) if (!isWriteOnlyField(key)) out[key] = value;
	return out as T;
}

/** Fields written by Halo only. */
export const isServerOnlyField = (name: string) => name === '_warning';
