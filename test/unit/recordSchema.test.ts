/**
 * The plain pre-check of records (the fast path of bulk imports) must never accept what the zod schema
 * rejects: for tricky values of every field type, recordProblems agrees with zod's own verdict.
 */
import {
	recordProblems,
	recordSchema,
} from '../../nodes/HaloPsaMarketplace/resources/recordSchema';
import {
	resourceTable,
	type FieldType,
} from '../../nodes/HaloPsaMarketplace/resources/resourceTable';

const tricky: unknown[] = [
	'text',
	'',
	'2026-01-31T12:00:00Z',
	'2026-13-45',
	'00000000-0000-4000-8000-000000000001',
	'not-a-guid',
	0,
	1,
	-2,
	1.5,
	Number.NaN,
	Number.POSITIVE_INFINITY,
	true,
	false,
	[],
	[1],
	{},
	{ a: 1 },
	new Date(0),
	null,
];

test.each(
	resourceTable.flatMap((resource) =>
		[...new Map(resource.fields.map(([name, type]) => [type, name])).entries()].map(
			([type, name]) => [resource.value, type, name] as [string, FieldType, string],
		),
	),
)('%s: a %s field (%s) is judged as zod judges it', (resourceValue, _type, field) => {
	const resource = resourceTable.find((r) => r.value === resourceValue)!;
	for (const value of tricky) {
		const record = { [field]: value };
		const zodAccepts = recordSchema(resource).safeParse(record).success;
		expect({ value, accepted: recordProblems(resource, record) === undefined }).toEqual({
			value,
			accepted: zodAccepts,
		});
	}
});
