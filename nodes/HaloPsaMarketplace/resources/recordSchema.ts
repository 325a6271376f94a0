import { z } from 'zod';
import { isWriteOnlyField, type FieldType, type HaloResource } from '../resources/resourceTable';

/** Zod type for one seed field type. Dates must parse; GUIDs must be GUIDs. */
const zodFor: Record<FieldType, () => z.ZodTypeAny> = {
	string: () => z.string(),
	integer: () => z.number().int(),
	number: () => z.number(),
	boolean: () => z.boolean(),
	dateTime: () =>
		z
			.string()
			.refine(
				(v) => !Number.isNaN(Date.parse(v)),
				'must be a date-time such as 2026-01-31T12:00:00Z',
			),
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

/**
 * A record of this resource: known fields typed, unknown fields passed on (the seeds list "key
 * fields" only for some).
 */
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

/**
 * Plain checks that accept only what the zod type accepts: bulk imports check 50,000 records, and
 * zod's full parse (which also builds the error messages) is kept for records that fail them. GUIDs
 * always go to zod.
 */
const plainlyValid: Record<FieldType, (value: unknown) => boolean> = {
	string: (v) => typeof v === 'string',
	integer: (v) => typeof v === 'number' && Number.isInteger(v),
	number: (v) => typeof v === 'number' && !Number.isNaN(v),
	boolean: (v) => typeof v === 'boolean',
	dateTime: (v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)),
	uuid: () => false,
	array: (v) => Array.isArray(v),
	object: (v) => Object.prototype.toString.call(v) === '[object Object]',
};

const typeCache = new WeakMap<HaloResource, Map<string, FieldType>>();

function fieldTypes(resource: HaloResource) {
	let types = typeCache.get(resource);
	if (!types) {
		types = new Map(resource.fields.map(([name, type]) => [name, type]));
		typeCache.set(resource, types);
	}
	return types;
}

/** Checks a record; returns a sentence naming each wrong field, or undefined when it is valid. */
export function recordProblems(resource: HaloResource, record: unknown): string | undefined {
	if (!record || typeof record !== 'object' || Array.isArray(record))
		return 'the record must be a JSON object';
	const types = fieldTypes(resource);
	let plain = true;
	for (const [field, value] of Object.entries(record)) {
		const type = types.get(field);
		if (type === undefined || value === null || value === undefined) continue;
		if (!plainlyValid[type](value)) {
			plain = false;
			break;
		}
	}
	if (plain) return undefined;
	const result = recordSchema(resource).safeParse(record);
	if (result.success) return undefined;
	return result.error.issues
		.map((issue) => {
			const field = String(issue.path[0] ?? '');
			const type = types.get(field);
			const value = (record as Record<string, unknown>)[field];
			// A write-only secret is never repeated in an error, even a wrong one.
			const got = isWriteOnlyField(field)
				? `a ${Array.isArray(value) ? 'list' : typeof value}`
				: JSON.stringify(value);
			return type
				? `field "${field}" must be ${expected[type]} (got ${got})`
				: `field "${field}": ${issue.message}`;
		})
		.join('; ');
}
