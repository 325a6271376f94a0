/** "a Pax8 Integration", "an order", "an E-Commerce Order": the article an action name needs before a noun. */
export const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
