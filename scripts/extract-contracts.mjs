// Extracts the vendor contracts the contract tier checks against, from ../shared/vendor-specs (not in a
// user's clone): HighLevel's OpenAPI of the Payments API and of OAuth 2.0 (GoHighLevel/highlevel-api-docs,
// payments.json and oauth.json, CC0 1.0), and the marketplace POST bodies of Halo's own OpenAPI, "Halo API v2" as Halo instances serve it
// (covenanttechnologysolutions/halopsa-rest, generator/spec/swagger.json, MIT). Kept: the paths, methods, parameters, request bodies, response schemas and components;
// dropped: examples, which no check reads. Deterministic, so a test
// re-derives it and fails on any difference.
// Usage: node scripts/extract-contracts.mjs [--check]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vendor = join(root, '..', 'shared', 'vendor-specs');

const PROSE = new Set(['example', 'examples', 'x-codeSamples']);

/** The value without prose; property maps keep every property, whatever its name. */
function withoutProse(value, underProperties = false) {
	if (Array.isArray(value)) return value.map((v) => withoutProse(v));
	if (!value || typeof value !== 'object') return value;
	const out = {};
	// Error bodies point at a shared file HighLevel's repository keeps beside the specs, which was not copied:
	// they stay objects, unchecked (the contract tier checks requests and the answers of successful calls).
	if (typeof value.$ref === 'string' && !value.$ref.startsWith('#')) return { type: 'object' };
	for (const key of Object.keys(value).sort()) {
		if (!underProperties && PROSE.has(key)) continue;
		out[key] = withoutProse(value[key], !underProperties && key === 'properties');
	}
	return out;
}

/** The marketplace endpoints Halo's own OpenAPI ("Halo API v2", 2024 copy) documents with a JSON POST body. */
const HALO_POSTS = [
	'/AdobeCommerceDetails',
	'/AmazonSellerDetails',
	'/DattoCommerceDetails',
	'/EcommerceOrder',
	'/IngramMicroDetails',
	'/IngramMicroResellerDetails',
	'/ShopifyDetails',
	'/StreamOneIonDetails',
	'/SynnexDetails',
	'/TechDataResellerDetails',
];

/** Those endpoints' POST body schemas, and the component schemas they reach, from Halo's 3.6 MB document. */
function haloPosts(spec) {
	const paths = {};
	const schemas = {};
	const reach = (value) => {
		if (Array.isArray(value)) return value.forEach(reach);
		if (!value || typeof value !== 'object') return;
		if (typeof value.$ref === 'string') {
			const name = value.$ref.split('/').pop();
			if (!schemas[name]) {
				schemas[name] = spec.components.schemas[name];
				reach(schemas[name]);
			}
		}
		Object.values(value).forEach(reach);
	};
	for (const path of HALO_POSTS) {
		const schema = spec.paths[path].post.requestBody.content['application/json'].schema;
		paths[path] = { post: { schema } };
		reach(schema);
	}
	return { paths, components: { schemas } };
}

export const EXTRACTS = [
	{
		source: 'highlevel/payments.json',
		target: 'test/contract/highlevel-payments.contract.json',
		licence: 'CC0 1.0 (GoHighLevel/highlevel-api-docs)',
	},
	{
		source: 'highlevel/oauth.json',
		target: 'test/contract/highlevel-oauth.contract.json',
		licence: 'CC0 1.0 (GoHighLevel/highlevel-api-docs)',
	},
	{
		source: 'halopsa/swagger.json',
		target: 'test/contract/halopsa-marketplace.contract.json',
		licence: 'MIT (covenanttechnologysolutions/halopsa-rest, generator/spec/swagger.json)',
		select: haloPosts,
	},
];

export function extract(entry) {
	const whole = JSON.parse(readFileSync(join(vendor, entry.source), 'utf8'));
	const spec = entry.select ? entry.select(whole) : whole;
	return `${JSON.stringify(
		{
			'x-extracted-from': `shared/vendor-specs/${entry.source}`,
			'x-licence': entry.licence,
			...withoutProse(spec),
		},
		null,
		'\t',
	)}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	if (!existsSync(vendor)) {
		console.error(`no ${vendor}: the committed extracts are used as they are`);
		process.exit(0);
	}
	const check = process.argv.includes('--check');
	let stale = 0;
	for (const entry of EXTRACTS) {
		const text = extract(entry);
		const path = join(root, entry.target);
		if (check) {
			if (!existsSync(path) || readFileSync(path, 'utf8') !== text) {
				console.error(
					`${entry.target} differs from ${entry.source}: run node scripts/extract-contracts.mjs`,
				);
				stale++;
			}
		} else writeFileSync(path, text);
	}
	process.exit(stale ? 1 : 0);
}
