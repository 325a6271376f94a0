import type { INodeProperties } from 'n8n-workflow';
import {
	isServerOnlyField,
	isWriteOnlyField,
	type FieldSpec,
	type HaloResource,
} from '../resources/resourceTable';

/**
 * Halo's field keys run words together (`thirdpartyordernumber`): each such key part, as read by a
 * person and reviewed here, rather than guessed letter by letter. A part not listed is one word.
 */
const LABEL_WORDS: Record<string, string> = {
	adobecommerce: 'Adobe Commerce',
	and: 'and',
	as: 'as',
	on: 'on',
	totalcharges: 'Total Charges',
	usagedate: 'Usage Date',
	assetgroup: 'Asset Group',
	billingcurrency: 'Billing Currency',
	billingplan: 'Billing Plan',
	chargeenddate: 'Charge End Date',
	chargestartdate: 'Charge Start Date',
	connectionname: 'Connection Name',
	creditpercentage: 'Credit Percentage',
	credittype: 'Credit Type',
	currencycode: 'Currency Code',
	currencysymbol: 'Currency Symbol',
	customerdomainname: 'Customer Domain Name',
	customerid: 'Customer ID',
	customername: 'Customer Name',
	documenttype: 'Document Type',
	effectiveenddate: 'Effective End Date',
	effectivestartdate: 'Effective Start Date',
	entitlementdescription: 'Entitlement Description',
	entitlementid: 'Entitlement ID',
	exchangecode: 'Exchange Code',
	fullname: 'Full Name',
	haloid: 'Halo ID',
	halointegrator: 'Halo Integrator',
	halointegratorenabled: 'Halo Integrator Enabled',
	haslines: 'Has Lines',
	invoicedate: 'Invoice Date',
	invoicedetails: 'Invoice Details',
	invoicenumber: 'Invoice Number',
	invoicetype: 'Invoice Type',
	isbilled: 'Is Billed',
	isfullybilled: 'Is Fully Billed',
	isimport: 'Is Import',
	jsonobj: 'JSON Object',
	lasterror: 'Last Error',
	lastsync: 'Last Sync',
	metercategory: 'Meter Category',
	meterid: 'Meter ID',
	metername: 'Meter Name',
	moduleid: 'Module ID',
	paidamount: 'Paid Amount',
	parentid: 'Parent ID',
	partnerid: 'Partner ID',
	partnername: 'Partner Name',
	pdfdownloadlink: 'PDF Download Link',
	pricingcurrency: 'Pricing Currency',
	pricingtierrangemax: 'Pricing Tier Range Max',
	pricingtierrangemin: 'Pricing Tier Range Min',
	productid: 'Product ID',
	productname: 'Product Name',
	producttitle: 'Product Title',
	sharepoint: 'SharePoint',
	shopname: 'Shop Name',
	skudescription: 'SKU Description',
	skuid: 'SKU ID',
	skuname: 'SKU Name',
	skutitle: 'SKU Title',
	sostatustoimport: 'Sales Order Status to Import',
	storefrontname: 'Storefront Name',
	subscriptionaction: 'Subscription Action',
	subscriptiondescription: 'Subscription Description',
	subscriptionenddate: 'Subscription End Date',
	subscriptionid: 'Subscription ID',
	subscriptionstartdate: 'Subscription Start Date',
	taxreceipts: 'Tax Receipts',
	taxtotal: 'Tax Total',
	tenantid: 'Tenant ID',
	termandbillingcycle: 'Term and Billing Cycle',
	termduration: 'Term Duration',
	thirdpartycreateddate: 'Third-Party Created Date',
	thirdpartycustomerid: 'Third-Party Customer ID',
	thirdpartyid: 'Third-Party ID',
	thirdpartyordernumber: 'Third-Party Order Number',
	thirdpartystatus: 'Third-Party Status',
	thirdpartystatus2: 'Third-Party Status 2',
	thirdpartyurl: 'Third-Party URL',
	to: 'to',
	toplevel: 'Top Level',
	unitofmeasure: 'Unit of Measure',
	unitprice: 'Unit Price',
};

/** Acronyms Halo uses, kept upper case. */
const UPPER = new Set(['id', 'url', 'uri', 'po', 'api', 'guid', 'sku', 'so', 'erp', 'json', 'pdf']);

/** `thirdpartyordernumber` -> `Third-Party Order Number`, `top_level_name` -> `Top Level Name`. */
export function titleCase(name: string): string {
	return name
		.replace(/^_+/, '')
		.split('_')
		.filter(Boolean)
		.map(
			(w) => LABEL_WORDS[w] ?? (UPPER.has(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)),
		)
		.join(' ');
}

/**
 * One typed input for a seed field: toggles for booleans, numbers for integers, dates, JSON for
 * arrays and objects, passwords for `new_*`.
 */
export function fieldProperty([name, type, seedText]: FieldSpec): INodeProperties {
	const displayName = titleCase(name);
	// A seed text that only repeats the label says nothing more (n8n's rules ask it left out).
	const description = seedText?.toLowerCase() === displayName.toLowerCase() ? undefined : seedText;
	const base = { displayName, name, ...(description ? { description } : {}) };
	switch (type) {
		case 'boolean':
			return { ...base, type: 'boolean', default: false };
		case 'integer':
			return { ...base, type: 'number', typeOptions: { numberPrecision: 0 }, default: 0 };
		case 'number':
			return { ...base, type: 'number', default: 0 };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'array':
			return { ...base, type: 'json', default: '[]' };
		case 'object':
			return { ...base, type: 'json', default: '{}' };
		case 'uuid':
			return {
				...base,
				type: 'string',
				default: '',
				placeholder: 'e.g. 00000000-0000-0000-0000-000000000000',
			};
		default:
			// Write-only secrets, and keys named like one (SharePoint's change_token), typed unseen.
			return isWriteOnlyField(name) || /token|secret|password/.test(name)
				? { ...base, type: 'string', typeOptions: { password: true }, default: '' }
				: { ...base, type: 'string', default: '' };
	}
}

/**
 * The fields a user may write: everything but the record key (its own parameter) and Halo's
 * `_warning`.
 */
export function writableFields(resource: HaloResource): INodeProperties[] {
	return resource.fields
		.filter(([name]) => name !== resource.key && !isServerOnlyField(name))
		.map(fieldProperty)
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
}
