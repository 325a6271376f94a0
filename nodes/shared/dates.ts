/**
 * Dates a user picked or typed, sent as written: never through the machine's time zone. n8n's date
 * picker gives `2026-01-31T00:00:00` with no zone; read as local time and converted to UTC it would
 * become the 30th on a machine east of UTC.
 */

const LEADING_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The calendar date at the start of the text (`2026-01-31` of `2026-01-31T23:00:00+05:00`), if it
 * is one.
 */
export function writtenDate(value: unknown): string | undefined {
	const date = LEADING_DATE.exec(String(value ?? '').trim())?.[1];
	return date && !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? date : undefined;
}

/**
 * A date and time as ISO 8601 in UTC: one with a zone is converted, one without (the picker's) is
 * taken as UTC, a date alone is its midnight UTC; undefined when the text is no date.
 */
export function utcDateTime(value: unknown): string | undefined {
	const text = String(value ?? '')
		.trim()
		.replace(' ', 'T');
	if (!writtenDate(text)) return undefined;
	const time = Date.parse(ZONE.test(text) || !text.includes('T') ? text : `${text}Z`);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
