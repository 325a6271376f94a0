/**
 * Halo's own OpenAPI ("Halo API v2", extracted by scripts/extract-contracts.mjs) as the judge of the POST
 * bodies the HaloPSA node sends to the marketplace endpoints it documents: an array of records, each valid
 * against the endpoint's schema (`additionalProperties: false`), validated by openapi-backend. The seeds name fields this
 * 2024 copy lacks (vendor-specs/README.md lists them): those are accepted as newer, nothing else.
 */
import { openApiChecker, readExtract, violationText } from './openApi';

const document = readExtract<{
	paths: Record<string, { post: { schema: unknown } }>;
	components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}>('halopsa-marketplace.contract.json');

/** Fields the seeds document and this copy of Halo's OpenAPI lacks, by schema (vendor-specs/README.md). */
export const NEWER_FIELDS: Record<string, string[]> = {
	IngramMicroDetails: ['deactivate_missing_licenses'],
	IngramMicroResellerDetails: [
		'receive_quote_to_order',
		'sync_entities',
		'sync_entities_list',
		'bill_to_address_id',
		'order_status_invoiced',
		'order_status_shipped',
		'order_status_ordered',
		'default_assetgroup_id',
		'default_assetgroup_name',
	],
	DattoCommerceDetails: ['halo_integrator_import_list', 'halo_integrator_import_types'],
	AmazonSellerDetails: ['redirect_uri'],
};

const schemas = structuredClone(document.components.schemas);
for (const [name, fields] of Object.entries(NEWER_FIELDS))
	for (const field of fields) if (schemas[name]?.properties) schemas[name].properties![field] = {};

/** The extract as a small OpenAPI document of its POST endpoints, for the same validator as HighLevel's. */
const ready = openApiChecker(
	{
		openapi: '3.0.1',
		info: { title: 'Halo API v2 (marketplace POST bodies)', version: '2' },
		paths: Object.fromEntries(
			Object.entries(document.paths).map(([path, { post }]) => [
				path,
				{
					post: {
						operationId: path.slice(1),
						requestBody: {
							required: true,
							content: { 'application/json': { schema: post.schema } },
						},
						responses: { 200: { description: 'saved' } },
					},
					// Halo's file documents no answer schemas: a record read back is held against the record
					// schema its POST takes.
					get: {
						operationId: `read${path.slice(1)}`,
						responses: {
							200: {
								description: 'a record',
								content: {
									'application/json': {
										schema: (post.schema as { items: unknown }).items,
									},
								},
							},
						},
					},
				},
			]),
		),
		components: { schemas },
	},
	{ allErrors: true },
);

/** The endpoints (lower case, with their leading slash) whose POST body Halo's OpenAPI documents. */
export const documentedPosts = () => Object.keys(document.paths).map((path) => path.toLowerCase());

/** A POST body to `/api{path}` against Halo's schema: undefined when valid or not documented there. */
export async function haloBodyViolation(path: string, body: unknown): Promise<string | undefined> {
	const api = await ready;
	const endpoint = Object.keys(document.paths).find(
		(known) => known.toLowerCase() === path.replace(/^\/api/i, '').toLowerCase(),
	);
	if (!endpoint) return undefined;
	const result = api.validateRequest(
		{ method: 'post', path: endpoint, body, headers: { 'content-type': 'application/json' } },
		endpoint.slice(1),
	);
	if (result.valid) return undefined;
	return violationText(`POST ${path} (Halo API v2 ${endpoint})`, result.errors, '(body)');
}

/**
 * The records of a Halo answer to a GET of a documented endpoint (one record, a bare array or a
 * `{record_count, plural: [...]}` page), each against the endpoint's record schema: undefined when every
 * record holds only fields Halo's file (or the seeds, as newer) documents, of the types it gives.
 */
export async function haloAnswerViolation(
	path: string,
	answer: unknown,
): Promise<string | undefined> {
	const api = await ready;
	const base = path
		.replace(/^\/api/i, '')
		.split('/')[1]
		?.toLowerCase();
	const endpoint = Object.keys(document.paths).find(
		(known) => known.slice(1).toLowerCase() === base,
	);
	if (!endpoint || !answer || typeof answer !== 'object') return undefined;
	const list = Array.isArray(answer)
		? answer
		: Object.values(answer).find((value): value is unknown[] => Array.isArray(value));
	const records = list ?? [answer];
	const problems: string[] = [];
	for (const [index, record] of records.entries()) {
		const result = api.validateResponse(record, `read${endpoint.slice(1)}`, 200);
		if (!result.valid)
			problems.push(
				violationText(
					`GET ${path} record ${index} (Halo API v2 ${endpoint})`,
					result.errors,
					'(record)',
				),
			);
	}
	return problems.length ? problems.join('\n') : undefined;
}
