/**
 * Orders, estimates and parameter validations built from the node's parameters, checked before
 * anything is sent.
 */
import type { IDataObject } from 'n8n-workflow';
import {
	checkProductParameters,
	findFamily,
	type OrderParameter,
	type Purpose,
} from '../resources/productFamilies';

export interface ProductEntry extends IDataObject {
	mpn?: string;
	quantity?: number;
	subscriptionId?: string;
	productFamily?: string;
	otherParameters?: string;
}

export interface BuiltProducts {
	products: IDataObject[];
	corrections: string[];
	problems: string[];
}

function freeParameters(raw: unknown, product: string, problems: string[]): OrderParameter[] {
	if (raw === undefined || raw === null || raw === '') return [];
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			problems.push(
				`Product ${product}: Other Parameters is not valid JSON (${(error as Error).message}); ` +
					`use [{"name": "…", "value": "…"}]`,
			);
			return [];
		}
	}
	if (
		!Array.isArray(value) ||
		!value.every((p) => p && typeof p === 'object' && typeof (p as IDataObject).name === 'string')
	) {
		problems.push(
			`Product ${product}: Other Parameters must be a list like [{"name": "domain", "value": ` +
				`"contoso"}]`,
		);
		return [];
	}
	return (value as IDataObject[]).map((p) => ({
		name: String(p.name),
		value: String(p.value ?? ''),
	}));
}

/**
 * The products of an order (or of a parameter validation) with the seed's rules applied: sales
 * orders order a positive quantity, change orders name the subscription and may give a signed
 * quantity, renewal and cancellation orders carry no products.
 */
export function buildProducts(
	entries: ProductEntry[],
	orderType: string,
	purpose: Purpose | 'validation',
	marketplace: string,
): BuiltProducts {
	const corrections: string[] = [];
	const problems: string[] = [];
	if ((orderType === 'renewal' || orderType === 'cancellation') && purpose === 'order') {
		if (entries.length)
			problems.push(
				`A ${orderType} order carries no products: remove the ${entries.length} product(s) and ` +
					`set the Subscription ID of the order`,
			);
		return { products: [], corrections, problems };
	}
	if (!entries.length)
		problems.push('Products is empty: add at least one product (MPN and quantity)');
	const products = entries.map((entry, index) => {
		const mpn = String(entry.mpn ?? '').trim();
		const label = `${index + 1}${mpn ? ` (${mpn})` : ''}`;
		if (!mpn) problems.push(`Product ${label}: MPN is required`);
		const family = findFamily(String(entry.productFamily ?? 'other'));
		if (
			String(marketplace).toLowerCase() === 'nz' &&
			(family.value === 'office365' || family.value === 'office365Existing')
		) {
			problems.push(
				`Product ${label}: the credential's marketplace is NZ, where Office 365 domains must ` +
					`include .onmicrosoft.com — choose the product family "Office 365 (NZ Marketplace)"`,
			);
		}
		const check = checkProductParameters(
			family,
			entry,
			freeParameters(entry.otherParameters, label, problems),
			purpose === 'validation' ? 'validation' : 'order',
			label,
		);
		corrections.push(...check.corrections);
		problems.push(...check.problems);
		const product: IDataObject = { mpn };
		if (purpose === 'order') {
			const quantity = Number(entry.quantity);
			if (orderType === 'change') {
				if (!String(entry.subscriptionId ?? '').trim())
					problems.push(
						`Product ${label}: a change order needs the Subscription ID of the product`,
					);
				if (!Number.isInteger(quantity) || quantity === 0)
					problems.push(
						`Product ${label}: Quantity of a change order is the whole-number change (for ` +
							`example 5 or -2), got ${entry.quantity}`,
					);
			} else if (!Number.isInteger(quantity) || quantity < 1) {
				problems.push(
					`Product ${label}: Quantity must be a whole number of 1 or more, got ${entry.quantity}`,
				);
			}
			product.quantity = quantity;
			if (String(entry.subscriptionId ?? '').trim())
				product.subscriptionId = String(entry.subscriptionId).trim();
		}
		if (check.parameters.length) product.parameters = check.parameters;
		return product;
	});
	return { products, corrections, problems };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** A customer from the Create fields; problems name the field. */
export function buildCustomer(fields: IDataObject): { customer: IDataObject; problems: string[] } {
	const problems: string[] = [];
	const name = String(fields.name ?? '').trim();
	if (!name) problems.push('Name is required');
	const address =
		((fields.address as IDataObject | undefined)?.value as IDataObject | undefined) ?? {};
	const countryCode = String(address.countryCode ?? '')
		.trim()
		.toUpperCase();
	if (!/^[A-Z]{2}$/.test(countryCode))
		problems.push(
			`Country Code must be two letters such as US or DE, got "${address.countryCode ?? ''}"`,
		);
	// The Cloud Marketplace spec requires the whole address and each contact's phone number.
	for (const [part, label] of [
		['streetAddress', 'Street Address'],
		['postalCode', 'Postal Code'],
		['city', 'City'],
		['state', 'State'],
	] as const) {
		if (!String(address[part] ?? '').trim()) problems.push(`${label} is required`);
	}
	const contacts = (
		((fields.contactPersons as IDataObject | undefined)?.contact as IDataObject[] | undefined) ?? []
	).map((c, i) => {
		// The admin contact of the panel's own fields says so ("Admin Email"); others by position.
		const where = c.label ? `${String(c.label)} ` : `Other Contacts > ${i + 1} > `;
		if (!EMAIL.test(String(c.email ?? '')))
			problems.push(`${where}Email must be a valid e-mail address, got "${c.email ?? ''}"`);
		for (const [part, label] of [
			['firstName', 'First Name'],
			['lastName', 'Last Name'],
			['phoneNumber', 'Phone Number'],
		] as const)
			if (!String(c[part] ?? '').trim()) problems.push(`${where}${label} is required`);
		return {
			type: c.type ?? 'admin',
			firstName: c.firstName,
			lastName: c.lastName,
			email: c.email,
			phoneNumber: c.phoneNumber || undefined,
		};
	});
	if (!contacts.some((c) => c.type === 'admin')) problems.push('An admin contact is required');
	const customer: IDataObject = {
		name,
		address: { ...address, countryCode },
		contactPersons: contacts,
	};
	const language = String(fields.language ?? '').trim();
	if (language && !/^[a-z]{2}_[A-Z]{2}$/.test(language))
		problems.push(
			`Language must be a language and country such as en_US or de_DE, got "${language}"`,
		);
	for (const optional of ['externalId', 'language', 'taxRegId'])
		if (fields[optional]) customer[optional] = fields[optional];
	return { customer, problems };
}
