/**
 * The HaloPSA contract the sandbox serves, read from the seed documents by its own route (never from the
 * node's resource table): each section's endpoints (method and path), its schema's fields (name, type,
 * write-only), and the query parameters the seeds document. `parseSeeds` reads the seed text; the result is
 * committed as haloContract.json (the sandbox must run where ../shared is not beside the project), and a test
 * checks the committed file against the seeds and the node's table against the file.
 *
 * Run `node build/test/sandbox/haloContract.js <seed files…>` to print the JSON anew.
 */
import { readFileSync } from 'fs';
import committed from './haloContract.json';

export type ContractFieldType =
	| 'string'
	| 'uuid'
	| 'dateTime'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'array'
	| 'object';

export interface ContractField {
	name: string;
	type: ContractFieldType;
	writeOnly: boolean;
}

export interface ContractSection {
	/** The section's title, which is Halo's schema name. */
	name: string;
	endpoints: Array<{ method: string; path: string; query: string[] }>;
	fields: ContractField[];
}

const TYPES: Array<[string, ContractFieldType]> = [
	['string (uuid)', 'uuid'],
	['string (date-time)', 'dateTime'],
	['integer', 'integer'],
	['number', 'number'],
	['boolean', 'boolean'],
	['array', 'array'],
	['object', 'object'],
	['string', 'string'],
];

/**
 * A schema row as the seeds print it: name, type and description run together ("idintegerRecord ID"); some
 * rows name several fields of one type ("subtotal / taxtotal / totalnumberBilling amounts").
 */
function parseRows(line: string): ContractField[] {
	const names = line.split(' / ');
	// "halo_id / halo_nameinteger/stringHaloPSA entity reference": one type per name, in order.
	const paired =
		/^([a-z_][a-z0-9_]*)(integer|string|number|boolean)\/(integer|string|number|boolean)([A-Z(].*|)$/.exec(
			names[names.length - 1],
		);
	if (paired && names.length === 2) {
		const typeOf = (spelt: string) => TYPES.find(([name]) => name === spelt)![1];
		return [
			{ name: names[0], type: typeOf(paired[2]), writeOnly: false },
			{ name: paired[1], type: typeOf(paired[3]), writeOnly: false },
		];
	}
	const last = parseRow(names.pop()!);
	if (!last || !names.every((n) => /^[a-z_][a-z0-9_]*$/.test(n))) return [];
	return [...names.map((name) => ({ ...last, name })), last];
}

function parseRow(line: string): ContractField | undefined {
	for (let cut = 1; cut < line.length; cut++) {
		const name = line.slice(0, cut);
		if (!/^[a-z_][a-z0-9_]*$/.test(name)) return undefined;
		const rest = line.slice(cut);
		const type = TYPES.find(([spelt]) => rest.startsWith(spelt));
		// The description starts with a capital letter (or is empty): that tells where the type ends.
		if (type && /^($|[A-Z(])/.test(rest.slice(type[0].length)))
			return { name, type: type[1], writeOnly: /\(write-only\)/i.test(rest) };
	}
	return undefined;
}

export function parseSeeds(text: string): ContractSection[] {
	const sections: ContractSection[] = [];
	const lines = text.split(/\r?\n/).map((l) => l.trim());
	let section: ContractSection | undefined;
	let inSchema = false;
	let endpoint: ContractSection['endpoints'][number] | undefined;
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		const heading =
			/^[A-Z][A-Za-z0-9]+$/.test(line) &&
			lines[i + 1] === '' &&
			!/^(GET|POST|PUT|DELETE)$/.test(line);
		const method = /^(GET|POST|PUT|DELETE) (\/\S+)$/.exec(line);
		if (method) {
			const path = method[2].replace(/^\//, '');
			const owner = path.split('/')[0];
			if (!section || section.name.toLowerCase() !== owner.toLowerCase()) {
				section = sections.find((s) => s.name.toLowerCase() === owner.toLowerCase()) ?? {
					name: owner === 'cspinvoice' ? 'CSPInvoice' : owner,
					endpoints: [],
					fields: [],
				};
				if (!sections.includes(section)) sections.push(section);
			}
			endpoint = { method: method[1], path, query: [] };
			section.endpoints.push(endpoint);
			inSchema = false;
			continue;
		}
		if (/schema( \(key fields\))?:$/.test(line)) {
			inSchema = true;
			continue;
		}
		if (heading) {
			inSchema = false;
			endpoint = undefined;
			continue;
		}
		const query = /^([a-z_]+)(boolean|integer|string)No \(query\)/.exec(line);
		if (query && endpoint) {
			endpoint.query.push(query[1]);
			continue;
		}
		if (inSchema && section && line && line !== 'PropertyTypeDescription') {
			for (const field of parseRows(line))
				if (!section.fields.some((f) => f.name === field.name)) section.fields.push(field);
		}
	}
	return sections;
}

/** The seeds' sections, as committed beside this file. */
export function haloContract(): ContractSection[] {
	return committed as ContractSection[];
}

if (require.main === module) {
	const text = process.argv
		.slice(2)
		.map((file) => readFileSync(file, 'utf8'))
		.join('\n');
	process.stdout.write(`${JSON.stringify(parseSeeds(text), null, 1)}\n`);
}
