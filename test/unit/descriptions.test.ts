/**
 * The wording rules of n8n's UX guidelines that can be read off the nodes' and credentials' descriptions:
 * every placeholder of a value is an example ("e.g. …"; for an email n8n's "name@email.com");
 * collections keep n8n's "Add …" buttons; HaloPSA's
 * field labels are words, not API keys with a capital letter.
 */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { HaloPsaMarketplaceOAuth2Api } from '../../credentials/HaloPsaMarketplaceOAuth2Api.credentials';
import { HighLevelPaymentsApi } from '../../credentials/HighLevelPaymentsApi.credentials';
import { HighLevelPaymentsOAuth2Api } from '../../credentials/HighLevelPaymentsOAuth2Api.credentials';
import { IngramMicroMarketplaceApi } from '../../credentials/IngramMicroMarketplaceApi.credentials';
import { HaloPsaMarketplace } from '../../nodes/HaloPsaMarketplace/HaloPsaMarketplace.node';
import { titleCase } from '../../nodes/HaloPsaMarketplace/descriptions/fieldProperties';
import { resourceTable } from '../../nodes/HaloPsaMarketplace/resources/resourceTable';
import { paymentsTable } from '../../nodes/HighLevelPayments/resources/paymentsTable';
import { marketplaceTable } from '../../nodes/IngramMicroMarketplace/resources/marketplaceTable';
import { HaloPsaMarketplaceTrigger } from '../../nodes/HaloPsaMarketplaceTrigger/HaloPsaMarketplaceTrigger.node';
import { HighLevelPayments } from '../../nodes/HighLevelPayments/HighLevelPayments.node';
import { HighLevelPaymentsPollingTrigger } from '../../nodes/HighLevelPaymentsPollingTrigger/HighLevelPaymentsPollingTrigger.node';
import { HighLevelPaymentsTrigger } from '../../nodes/HighLevelPaymentsTrigger/HighLevelPaymentsTrigger.node';
import { IngramMicroMarketplace } from '../../nodes/IngramMicroMarketplace/IngramMicroMarketplace.node';

const nodes: INodeTypeDescription[] = [
	new HaloPsaMarketplace().description,
	new HaloPsaMarketplaceTrigger().description,
	new HighLevelPayments().description,
	new HighLevelPaymentsTrigger().description,
	new HighLevelPaymentsPollingTrigger().description,
	new IngramMicroMarketplace().description,
];
const credentials = [
	new HaloPsaMarketplaceOAuth2Api(),
	new HighLevelPaymentsApi(),
	new HighLevelPaymentsOAuth2Api(),
	new IngramMicroMarketplaceApi(),
];

/** Every property with the path a user would follow to it, nested options and modes included. */
function* walk(properties: readonly unknown[], path: string): Generator<[string, INodeProperties]> {
	for (const raw of properties) {
		const property = raw as INodeProperties & { values?: unknown[]; modes?: unknown[] };
		const here = `${path} > ${property.displayName ?? property.name}`;
		yield [here, property];
		for (const nested of [property.options, property.values, property.modes])
			if (Array.isArray(nested)) yield* walk(nested, here);
	}
}

const placeholders = [
	...nodes.flatMap((node) => [...walk(node.properties, node.displayName)]),
	...credentials.flatMap((credential) => [...walk(credential.properties, credential.displayName)]),
]
	.filter(([, p]) => typeof p.placeholder === 'string' && p.placeholder !== '')
	.map(([path, p]) => [path, p.type, p.placeholder as string] as const);

test('there are placeholders to check', () => {
	expect(placeholders.length).toBeGreaterThan(20);
});

test.each(placeholders)('%s (%s): %j', (_path, type, placeholder) => {
	if (type === 'collection' || type === 'fixedCollection') expect(placeholder).toMatch(/^Add /);
	// n8n's lint rule asks a field named email for its own example, word for word.
	else if (placeholder !== 'name@email.com') expect(placeholder).toMatch(/^e\.g\. \S/);
});

/**
 * Every word of every HaloPSA field label is a word a person reads, from this reviewed list: a field key
 * that runs words together (`thirdpartyordernumber`) and is not in the node's table of words shows up
 * here as one long unknown word.
 */
const LABEL_VOCABULARY = new Set(
	`API Access Account Action Address Addresses Adobe Allow Amazon Amount App Application Asset Auth
	Authorized Auto Azure Backordered Bill Billed Billing Buyer Canceled Category Change Changes Charge Charges
	Client Code Commerce Company Connection Correlation Country Create Created Credit Currency Customer Cycle
	Date Deactivate Default Deleted Delivered Delivery Description Details Disconnect Document Domain Download
	Duration ERP Effective Enabled End Endpoint Entities Entitlement Environment Error Exchange Expiry Field From
	Folder Full Fully GUID Graph Group Halo Has Hold ID Import Inactive Info Integration Integrator Invoice
	Invoiced Is Item Items JSON Key Last Level Licenses Lines Link Linked Links List Mappings Mark Market
	Marketplace Max Measure Meter Method Microsoft Min Missing Module Name New Number Object Order Ordered PDF
	PO Paid Parent Partner Party Password Path Percentage Plan Price Pricing Processing Product Products
	Publisher Purchase Quantity Quote Range Receipts Receive Redirect Refresh Region Reseller SKU Sales Secret
	Segment SharePoint Sharing Shipped Shop Signature Site Start State Status Storefront Subscribed Subscription
	Subtotal Supplier Symbol Sync Tags Tax Tenant Term Third Ticket Tickets Tier Title Token Top Total Type
	Types URI URL Unit Unlink Update Updated Usage Use Username Verifier Warning Webhook and as from of on to`.split(
		/\s+/,
	),
);

const haloFieldLabels = [
	...new Set(resourceTable.flatMap((resource) => resource.fields.map(([name]) => titleCase(name)))),
];

test('HaloPSA field labels are there to check', () => {
	expect(haloFieldLabels.length).toBeGreaterThan(150);
	expect(haloFieldLabels).toEqual(
		expect.arrayContaining([
			'Third-Party Order Number',
			'JSON Object',
			'Module ID',
			'Adobe Commerce Billing Address',
		]),
	);
});

test.each(haloFieldLabels)('HaloPSA field label %j reads as words', (label) => {
	const unknown = label
		.split(/[\s-]+/)
		.filter((word) => !/^\d+$/.test(word) && !LABEL_VOCABULARY.has(word));
	expect(unknown).toEqual([]);
});

/** The Resource and Watch options of every node, with their descriptions. */
const resourceOptions = nodes.flatMap((node) =>
	node.properties
		.filter((p) => (p.name === 'resource' || p.name === 'watch') && Array.isArray(p.options))
		.flatMap((p) =>
			(p.options as Array<{ name: string; description?: string }>).map(
				(o) => [`${node.displayName} > ${p.displayName} > ${o.name}`, o.description ?? ''] as const,
			),
		),
);

test('there are resource and watch options to check', () => {
	expect(resourceOptions.length).toBeGreaterThan(25);
});

test.each(resourceOptions)('%s says what it is for an operator, not an API path', (_path, text) => {
	expect(text).not.toBe('');
	expect(text).not.toMatch(/\/[A-Za-z]+(Details|Order|Data)\b|^(Poll )?HaloPSA \//);
});

test.each(
	[...resourceTable, ...paymentsTable, ...marketplaceTable].map(
		(r) => [r.value, (r as { simplify?: readonly string[] }).simplify ?? []] as const,
	),
)("%s: Simplify keeps at most 10 fields (n8n's guideline)", (_value, fields) => {
	expect(fields.length).toBeLessThanOrEqual(10);
});

/** Every Operation option's action (what n8n's node creator lists) of the three action nodes. */
const actions = nodes
	.filter((node) => !node.group.includes('trigger'))
	.flatMap((node) =>
		node.properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) =>
				(p.options as Array<{ name: string; action?: string }>).map((o) => o.action ?? ''),
			),
	);

test('there are actions to check', () => {
	expect(new Set(actions).size).toBeGreaterThan(80);
});

test.each([...new Set(actions)])("action %j follows n8n's action wording", (action) => {
	// A verb first, then what it acts on in sentence case; no trailing "record" on countable things.
	expect(action).toMatch(
		/^(Get|Get many|Create|Create or update|Create or update many|Delete|Delete all|Send|Link|Unlink|Estimate|Validate) \S/,
	);
	expect(action).not.toMatch(/ (a|an) \S+ (Integration|Order|Invoice|Mapping) record$/);
	expect(action).not.toMatch(/\s{2}|\.$/);
	if (/(Consumption Data|Pricing)/.test(action))
		expect(action).toMatch(/ records?( in chunks| of a parent)?$/);
});

test('the HighLevel scopes show whole in the credential (a field of three rows)', () => {
	const scope = new HighLevelPaymentsOAuth2Api().properties.find((p) => p.name === 'scope')!;
	expect(String(scope.default).split(' ')).toHaveLength(6);
	expect(scope.typeOptions?.rows).toBeGreaterThanOrEqual(2);
});

test('required fields of Ingram Micro Customer > Create come first, in the order a person fills them', () => {
	const create = new IngramMicroMarketplace().description.properties.filter(
		(p) =>
			p.displayOptions?.show?.operation?.includes('create') &&
			p.displayOptions?.show?.resource?.includes('customer') &&
			(p.displayOptions?.show?.['@version'] as number[] | undefined)?.includes(1.1),
	);
	const names = create.map((p) => p.name);
	expect(names.slice(0, 2)).toEqual(['customerName', 'customerLanguage']);
	expect(names.indexOf('addressStreet')).toBeLessThan(names.indexOf('adminEmail'));
	expect(names[names.length - 1]).toBe('customerFields');
	const required = create.filter((p) => p.required).map((p) => p.name);
	expect(required).toEqual([
		'customerName',
		'addressStreet',
		'addressCity',
		'addressState',
		'addressPostalCode',
		'addressCountryCode',
		'adminFirstName',
		'adminLastName',
		'adminEmail',
		'adminPhoneNumber',
	]);
});

test('what Ingram Micro requires of an order is marked required where it is shown', () => {
	const ingram = new IngramMicroMarketplace().description.properties;
	const products = ingram.find((p) => p.name === 'products' && p.displayOptions?.show?.operation)!;
	const productValues = (products.options as Array<{ values: INodeProperties[] }>)[0].values;
	expect(productValues.find((p) => p.name === 'mpn')?.required).toBe(true);
	const subscription = ingram.find((p) => p.name === 'orderSubscriptionId')!;
	expect(subscription.required).toBe(true);
	expect(subscription.displayOptions?.show?.orderType).toEqual(['renewal', 'cancellation']);
});
