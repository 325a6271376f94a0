/**
 * The product-specific order parameters of Ingram Micro's "sales scenarios" page (seed 004), as
 * data. The page lost most parameter NAMES (only `domain` survives), so where a name is unknown the
 * user types it and the rule checks the value. Parameter names are case-sensitive for Ingram Micro.
 */

export type ParameterRule =
	| 'email'
	| 'domainPrefix'
	| 'onMicrosoftDomain'
	| 'office365Domain'
	| 'guid';

export interface FamilyParameter {
	/** The product entry's field holding the value. */
	field: string;
	label: string;
	/**
	 * Ingram Micro's parameter name when known; otherwise the entry's `${field}Name` field holds it.
	 */
	name?: string;
	rule: ParameterRule;
	required: boolean;
	example: string;
}

export interface ProductFamily {
	value: string;
	name: string;
	parameters: readonly FamilyParameter[];
}

const ONMICROSOFT = '.onmicrosoft.com';

export const productFamilies: readonly ProductFamily[] = [
	{ value: 'other', name: 'Other Product (Parameters Below Only)', parameters: [] },
	{
		value: 'avepoint',
		name: 'AvePoint',
		parameters: [
			{
				field: 'email1',
				label: 'First E-Mail',
				rule: 'email',
				required: true,
				example: 'admin@example.com',
			},
			{
				field: 'email2',
				label: 'Second E-Mail',
				rule: 'email',
				required: true,
				example: 'billing@example.com',
			},
		],
	},
	{
		value: 'dropbox',
		name: 'Dropbox',
		parameters: [
			{
				field: 'email1',
				label: 'Team Administrator E-Mail',
				rule: 'email',
				required: true,
				example: 'admin@example.com',
			},
		],
	},
	{
		value: 'hellosign',
		name: 'HelloSign',
		parameters: [
			{
				field: 'email1',
				label: 'Team Administrator E-Mail',
				rule: 'email',
				required: true,
				example: 'admin@example.com',
			},
		],
	},
	{
		value: 'azureLegacy',
		name: 'Azure CSP (Legacy)',
		parameters: [
			{
				field: 'domainPrefix',
				label: 'Domain Prefix (Deprecated)',
				rule: 'domainPrefix',
				required: false,
				example: 'customer1000057',
			},
			{
				field: 'domain',
				label: 'Tenant Domain',
				rule: 'onMicrosoftDomain',
				required: true,
				example: `customer1000057${ONMICROSOFT}`,
			},
		],
	},
	{
		value: 'azureNce',
		name: 'Azure CSP (New Commerce)',
		parameters: [
			{
				field: 'domain',
				label: 'Tenant Domain',
				name: 'domain',
				rule: 'onMicrosoftDomain',
				required: true,
				example: `customer1000057${ONMICROSOFT}`,
			},
		],
	},
	{
		value: 'office365',
		name: 'Office 365 (New Tenant)',
		parameters: [
			{
				field: 'domain',
				label: 'Tenant Domain',
				name: 'domain',
				rule: 'office365Domain',
				required: true,
				example: 'customer1000057',
			},
		],
	},
	{
		value: 'office365Existing',
		name: 'Office 365 (Existing Tenant)',
		parameters: [
			{
				field: 'domain',
				label: 'Tenant Domain',
				name: 'domain',
				rule: 'office365Domain',
				required: true,
				example: 'customer1000057',
			},
			{
				field: 'tenantId',
				label: 'Existing Tenant ID',
				rule: 'guid',
				required: true,
				example: '917cd03a-c81a-43ac-91ad-a3c1c3f57bcd',
			},
		],
	},
	{
		value: 'office365Nz',
		name: 'Office 365 (NZ Marketplace)',
		parameters: [
			{
				field: 'domain',
				label: 'Tenant Domain',
				name: 'domain',
				rule: 'onMicrosoftDomain',
				required: true,
				example: `customer1000057${ONMICROSOFT}`,
			},
		],
	},
];

export function findFamily(value: string): ProductFamily {
	return productFamilies.find((f) => f.value === value) ?? productFamilies[0];
}

export interface OrderParameter {
	name: string;
	value: string;
}

export interface ParameterCheck {
	parameters: OrderParameter[];
	/** What the node changed, said in its output. */
	corrections: string[];
	/** Why the product cannot be ordered as given. */
	problems: string[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** For validation calls (`validation/parameters`) as opposed to placing the order. */
export type Purpose = 'order' | 'validation';

/**
 * Applies the family's rules to one product's parameters. Returns the parameters to send (with the
 * family's fields as named parameters first, then the free list), what was corrected, and problems
 * that name the product, the parameter, the value and the rule.
 */
export function checkProductParameters(
	family: ProductFamily,
	values: Record<string, unknown>,
	freeList: OrderParameter[],
	purpose: Purpose,
	product: string,
): ParameterCheck {
	const parameters: OrderParameter[] = [];
	const corrections: string[] = [];
	const problems: string[] = [];
	const where = (p: FamilyParameter, name: string) =>
		`${family.name} product ${product}: parameter "${name}" (${p.label})`;
	for (const p of family.parameters) {
		const raw = String(values[p.field] ?? '').trim();
		const name = p.name ?? String(values[`${p.field}Name`] ?? '').trim();
		if (!raw) {
			if (p.required)
				problems.push(
					`${family.name} product ${product}: ${p.label} is required (for example ${p.example})`,
				);
			continue;
		}
		if (!name) {
			problems.push(
				`${family.name} product ${product}: the Ingram Micro parameter name for ${p.label} is ` +
					`missing — type it as Ingram Micro gave it (names are case-sensitive)`,
			);
			continue;
		}
		let value = raw;
		switch (p.rule) {
			case 'email':
				if (!EMAIL.test(value))
					problems.push(`${where(p, name)} must be a valid e-mail address, got "${value}"`);
				break;
			case 'guid':
				if (!GUID.test(value))
					problems.push(
						`${where(p, name)} must be the customer's Microsoft tenant ID, a GUID such as ` +
							`917cd03a-c81a-43ac-91ad-a3c1c3f57bcd, got "${value}"`,
					);
				break;
			case 'domainPrefix':
				if (!LABEL.test(value))
					problems.push(
						`${where(p, name)} must be a domain prefix without dots such as customer1000057, got ` +
							`"${value}"`,
					);
				break;
			case 'onMicrosoftDomain': {
				const prefix = value.toLowerCase().endsWith(ONMICROSOFT)
					? value.slice(0, -ONMICROSOFT.length)
					: undefined;
				if (prefix === undefined || !LABEL.test(prefix))
					problems.push(
						`${where(p, name)} must be the full tenant domain ending in ${ONMICROSOFT} (for ` +
							`example customer1000057${ONMICROSOFT}), got "${value}"`,
					);
				break;
			}
			case 'office365Domain': {
				// Outside NZ: the order takes the prefix only, the validation call the full domain.
				const hasSuffix = value.toLowerCase().endsWith(ONMICROSOFT);
				const prefix = hasSuffix ? value.slice(0, -ONMICROSOFT.length) : value;
				if (!LABEL.test(prefix)) {
					problems.push(
						`${where(p, name)} must be the tenant name without ${ONMICROSOFT} (for example ` +
							`customer1000057) when placing the order, got "${value}"`,
					);
					break;
				}
				if (purpose === 'order' && hasSuffix) {
					corrections.push(
						`${family.name} product ${product}: "${name}" changed from "${value}" to "${prefix}" ` +
							`— Office 365 orders outside NZ take the domain without ${ONMICROSOFT}`,
					);
				}
				if (purpose === 'validation' && !hasSuffix) {
					corrections.push(
						`${family.name} product ${product}: "${name}" sent as "${prefix}${ONMICROSOFT}" — ` +
							`parameter validation needs the full domain`,
					);
				}
				value = purpose === 'order' ? prefix : `${prefix}${ONMICROSOFT}`;
				break;
			}
		}
		parameters.push({ name, value });
	}
	for (const extra of freeList) {
		if (!extra.name) {
			problems.push(`Product ${product}: a parameter in "Other Parameters" has no name`);
			continue;
		}
		if (parameters.some((p) => p.name === extra.name)) {
			problems.push(
				`Product ${product}: parameter "${extra.name}" is given twice (once by the ` +
					`${family.name} fields, once in Other Parameters)`,
			);
			continue;
		}
		parameters.push({ name: extra.name, value: String(extra.value ?? '') });
	}
	return { parameters, corrections, problems };
}
