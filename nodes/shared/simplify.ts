import type { IDataObject } from 'n8n-workflow';

/**
 * Simplify, as the action nodes and the triggers apply it: only the resource's main fields, in the
 * order the resource lists them; the whole record when the resource names none or the user did not
 * ask.
 */
export function simplifyRecord(
	record: IDataObject,
	fields: readonly string[] | undefined,
	simplify: boolean,
): IDataObject {
	if (!simplify || !fields) return record;
	const out: IDataObject = {};
	for (const field of fields) if (field in record) out[field] = record[field];
	return out;
}
