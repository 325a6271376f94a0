import { z } from 'zod';
import { isWriteOnlyField, type FieldSpec, type FieldType, type HaloResource } from '../resources/resourceTable';

/** Zod type for one seed field type. Dates must parse; GUIDs must be GUIDs. */
const zodFor: Record<FieldType, () => z.ZodTypeAny> = {
	string: () => z.string(),
	integer: () => z.number().int(),
	number: () => z.number(),
	boolean: () => z.boolean(),
	dateTime: () => z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date-time such as 2026-01-31T12:00:00Z'),
	uuid: () => z.string().uuid(),
	array: () => z.array(z.unknown()),
	object: () => z.record(z.unknown()),
};

const expected: Record<FieldType, string> = {
	string: 'text',
	integer: 'a whole number',
	number: 'a number',
	boolean: 'true or false',
	dateTime: 'a date-time',
	uuid: 'a GUID',
	array: 'a JSON array',
	object: 'a JSON object',
};

const schemaCache = new WeakMap<HaloResource, z.ZodTypeAny>();

/** A record of this resource: known fields typed, unknown fields passed on (the seeds list "key fields" only for some). */
export function recordSchema(resource: HaloResource): z.ZodTypeAny {
	let schema = schemaCache.get(resource);
	if (!schema) {
		const shape: Record<string, z.ZodTypeAny> = {};
		for (const [name, type] of resource.fields) shape[name] = zodFor[type]().nullable().optional();
		schema = z.object(shape).passthrough();
		schemaCache.set(resource, schema);
	}
	return schema;
}

/** Checks a record; returns a sentence naming each wrong field, or undefined when it is valid. */
export function recordProblems(resource: HaloResource, record: unknown): string | undefined {
	if (!record || typeof record !== 'object' || Array.isArray(record)) return 'the record must be a JSON object';
	const result = recordSchema(resource).safeParse(record);
	if (result.success) return undefined;
	const types = new Map<string, FieldSpec>(resource.fields.map((f) => [f[0], f]));
	return result.error.issues
		.map((issue) => {
			const field = String(issue.path[0] ?? '');
			const spec = types.get(field);
			const value = (record as Record<string, unknown>)[field];
			// A write-only secret is never repeated in an error, even a wrong one.
			const got = isWriteOnlyField(field) ? `a ${Array.isArray(value) ? 'list' : typeof value}` : JSON.stringify(value);
			return spec
				? `field "${field}" must be ${expected[spec[1]]} (got ${got})`
				: `field "${field}": ${issue.message}`;
		})
		.join('; ');
}
