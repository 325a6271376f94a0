/**
 * The sandbox's own view of HaloPSA's resources, built from its reading of the seeds (haloContract.json),
 * never from the node: where each resource lives, its key, its fields and which are write-only, which extra
 * endpoints it has, and Halo's own checks of a written record.
 */
import { haloContract, type ContractField, type ContractSection } from './haloContract';

export interface SandboxResource {
	/** Halo's schema name (the seeds' section title). */
	schema: string;
	/** The name tests use for the resource: the schema in lower camel case (EcommerceOrder -> ecommerceOrder). */
	value: string;
	/** Path under /api, as the seeds spell it. */
	path: string;
	/** Halo's record key: `haloid` where the schema has one (CSP invoices, whose `id` is Microsoft's), else `id`. */
	key: string;
	/** The list wrapper's array name: Halo's is undocumented; the sandbox uses the schema in lower case. */
	plural: string;
	fields: ContractField[];
	/** Whether the seeds list `GET /X` and `GET /X/{id}` (the plain records endpoints). */
	records: boolean;
	/** The other endpoints: `manage` (bulk), `Parent/{id}` (delete by parent), reads, the Adobe auth form. */
	extras: Array<{
		kind: 'bulkManage' | 'deleteByParent' | 'read' | 'formAuth';
		method: string;
		path: string;
	}>;
}

const lowerCamel = (name: string) =>
	name.replace(/^[A-Z]+(?=[A-Z][a-z])|^[A-Z]/, (head) => head.toLowerCase());

function toResource(section: ContractSection): SandboxResource {
	const root = section.endpoints[0].path.split('/')[0];
	const extras: SandboxResource['extras'] = [];
	for (const endpoint of section.endpoints) {
		const rest = endpoint.path.split('/').slice(1);
		if (!rest.length || (rest.length === 1 && rest[0] === '{id}')) continue;
		if (rest[0].toLowerCase() === 'manage')
			extras.push({ kind: 'bulkManage', method: endpoint.method, path: endpoint.path });
		else if (rest[0].toLowerCase() === 'parent')
			extras.push({
				kind: 'deleteByParent',
				method: endpoint.method,
				path: endpoint.path.replace(/\/\{id\}$/, ''),
			});
		else if (endpoint.method === 'POST')
			extras.push({ kind: 'formAuth', method: endpoint.method, path: endpoint.path });
		else extras.push({ kind: 'read', method: endpoint.method, path: endpoint.path });
	}
	const hasList = section.endpoints.some((e) => e.method === 'GET' && e.path === root);
	const hasGet = section.endpoints.some((e) => e.method === 'GET' && e.path === `${root}/{id}`);
	// A resource whose only GET is its status (Adobe Commerce's integration) answers it as a read.
	if (hasList && !hasGet && !section.endpoints.some((e) => e.method === 'POST' && e.path === root))
		extras.push({ kind: 'read', method: 'GET', path: root });
	return {
		schema: section.name,
		value: lowerCamel(section.name),
		path: root,
		key: section.fields.some((f) => f.name === 'haloid') ? 'haloid' : 'id',
		plural: section.name.toLowerCase(),
		fields: section.fields,
		records: hasList && hasGet,
		extras,
	};
}

export const sandboxResources: readonly SandboxResource[] = haloContract().map(toResource);

export const isWriteOnly = (resource: SandboxResource, field: string) =>
	resource.fields.some((f) => f.name === field && f.writeOnly);

const checks: Record<ContractField['type'], [(v: unknown) => boolean, string]> = {
	string: [(v) => typeof v === 'string', 'text'],
	uuid: [
		(v) =>
			typeof v === 'string' &&
			/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
		'a GUID',
	],
	dateTime: [(v) => typeof v === 'string' && !Number.isNaN(Date.parse(v)), 'a date-time'],
	integer: [(v) => typeof v === 'number' && Number.isInteger(v), 'a whole number'],
	number: [(v) => typeof v === 'number' && Number.isFinite(v), 'a number'],
	boolean: [(v) => typeof v === 'boolean', 'true or false'],
	array: [(v) => Array.isArray(v), 'an array'],
	object: [(v) => !!v && typeof v === 'object' && !Array.isArray(v), 'an object'],
};

/** Halo's validation of a written record, worded as its plain-text 400s are; undefined when it is valid. */
export function recordRefusal(resource: SandboxResource, record: unknown): string | undefined {
	if (!record || typeof record !== 'object' || Array.isArray(record))
		return 'Each record must be an object';
	for (const [name, value] of Object.entries(record)) {
		const field = resource.fields.find((f) => f.name === name);
		if (!field || value === null || value === undefined) continue;
		const [ok, expected] = checks[field.type];
		if (!ok(value)) return `The value of ${name} is not valid: ${expected} expected`;
	}
	return undefined;
}
