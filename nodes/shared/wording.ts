/** "a Pax8 Integration", "an order", "an E-Commerce Order": the article an action name needs before a noun. */
export const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;

/** The default of a generated options parameter: its first option (the list is built from a table). */
export const firstOptionValue = (options: Array<{ value: string | number | boolean }>) =>
	options[0].value as string;
