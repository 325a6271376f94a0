/**
 * Halo's own OpenAPI ("Halo API v2", extracted by scripts/extract-contracts.mjs) as the judge of the POST
 * bodies the HaloPSA node sends to the marketplace endpoints it documents: an array of records, each valid
 * against the endpoint's schema (`additionalProperties: false`), validated by openapi-backend. The seeds name fields this
 * 2024 copy lacks (vendor-specs/README.md lists them): those are accepted as newer, nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiChecker, violationText } from './openApi';

const document = JSON.parse(
	readFileSync(join(__dirname, 'halopsa-marketplace.contract.json'), 'utf8'),
) as {
	paths: Record<string, { post: { schema: unknown } }>;
	components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

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
