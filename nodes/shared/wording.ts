import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * "a Pax8 Integration", "an order", "an E-Commerce Order": the article an action name needs before
 * a noun.
 */
export const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/**
 * The default of a generated options parameter: its first option (the list is built from a table).
 */
export const firstOptionValue = (options: Array<{ value: string | number | boolean }>) =>
	options[0].value as string;

/**
 * A node's canvas subtitle from the names a user reads ("Get Many: E-Commerce Order"), not the
 * parameter values ("getAll: ecommerceOrder"). n8n evaluates the subtitle as an expression, so the
 * names travel in it as two small maps; a value the maps lack shows as it is.
 */
export function subtitleOf(
	resources: ReadonlyArray<{ name: string; value: string }>,
	properties: readonly INodeProperties[],
): string {
	const operations: Record<string, string> = {};
	for (const property of properties)
		if (property.name === 'operation')
			for (const option of (property.options ?? []) as INodePropertyOptions[])
				operations[String(option.value)] ??= option.name;
	const resourceNames = Object.fromEntries(resources.map((r) => [r.value, r.name]));
	const named = (map: Record<string, string>, parameter: string) =>
		`(${JSON.stringify(map)}[$parameter["${parameter}"]] || $parameter["${parameter}"])`;
	return `={{${named(operations, 'operation')} + ": " + ${named(resourceNames, 'resource')}}}`;
}

/** Names of things counted in records rather than by themselves ("Consumption Data", "Pricing"). */
const uncountable = /(Data|Pricing)$/;

/**
 * One of a resource in n8n's action wording ("Get an E-Commerce Order"); an uncountable name is
 * counted in records ("Get a Microsoft CSP Consumption Data record").
 */
export const oneOf = (noun: string) =>
	uncountable.test(noun) ? `${withArticle(noun)} record` : withArticle(noun);

/**
 * Many of a resource in n8n's action wording ("Get many E-Commerce Orders"); an uncountable name is
 * counted in records.
 */
export const pluralOf = (noun: string) =>
	uncountable.test(noun) ? `${noun} records` : /s$/.test(noun) ? noun : `${noun}s`;

/** n8n's rules list options A to Z by name, and a collection's fields by display name. */
export const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
export const byDisplayName = (a: { displayName: string }, b: { displayName: string }) =>
	a.displayName.localeCompare(b.displayName);
