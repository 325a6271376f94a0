/**
 * The one rule for every count, size, limit and time the nodes read from a parameter: a whole
 * number from `min` to `max`, given as a number (an expression that gives text, NaN or a fraction
 * is refused by the caller, with the parameter's name and how to fix it).
 */
export function wholeNumberIn(
	value: unknown,
	min: number,
	max = Number.MAX_SAFE_INTEGER,
): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
		? value
		: undefined;
}
