/**
 * The HaloPSA contract three ways: the seeds (../shared/seeds, the specification), the sandbox's committed
 * reading of them (test/sandbox/haloContract.json), and the node's resource table. Any difference fails.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { resourceTable } from '../../nodes/HaloPsaMarketplace/resources/resourceTable';
import { haloContract, parseSeeds, type ContractFieldType } from '../sandbox/haloContract';

const SEEDS = join(__dirname, '../../../shared/seeds');
const contract = haloContract();

test('the committed contract is what the seeds say', () => {
	const files = ['000_d8a1a284ab29688f.txt', '001_de58b29b3cbe9afa.txt'].map((f) => join(SEEDS, f));
	// CI and development have the seeds beside the project; a copy of the project alone still has the committed reading.
	if (!files.every(existsSync)) return expect(contract.length).toBe(18);
	expect(parseSeeds(files.map((f) => readFileSync(f, 'utf8')).join('\n'))).toEqual(contract);
});

test('the seeds list 18 resources and 67 endpoints', () => {
	expect(contract).toHaveLength(18);
	expect(contract.reduce((n, s) => n + s.endpoints.length, 0)).toBe(67);
});

const tableType: Record<string, ContractFieldType> = {
	string: 'string',
	uuid: 'uuid',
	dateTime: 'dateTime',
	integer: 'integer',
	number: 'number',
	boolean: 'boolean',
	array: 'array',
	object: 'object',
};

describe.each(resourceTable.map((r) => [r.schema, r] as const))(
	"the node's table against the seeds: %s",
	(schema, resource) => {
		const section = contract.find((s) => s.name === schema);

		test('the schema exists, with the same fields, types and write-only marks', () => {
			expect(section).toBeDefined();
			const mine = resource.fields.map(([name, type, description]) => ({
				name,
				type: tableType[type],
				writeOnly: /\(write-only\)/i.test(description),
			}));
			expect(mine).toEqual(section!.fields);
		});

		test('every endpoint of the seeds is an operation of the node, and no other', () => {
			const base = resource.path;
			const node: string[] = [];
			if (resource.crud.includes('getAll')) node.push(`GET ${base}`);
			if (resource.crud.includes('upsert')) node.push(`POST ${base}`);
			if (resource.crud.includes('get')) node.push(`GET ${base}/{id}`);
			if (resource.crud.includes('delete')) node.push(`DELETE ${base}/{id}`);
			for (const extra of resource.extra ?? []) {
				if (extra.kind === 'read') node.push(`GET ${extra.path}`);
				if (extra.kind === 'bulkManage' || extra.kind === 'formAuth')
					node.push(`POST ${extra.path}`);
				if (extra.kind === 'deleteByParent') node.push(`DELETE ${extra.path}/{id}`);
			}
			expect(node.sort()).toEqual(section!.endpoints.map((e) => `${e.method} ${e.path}`).sort());
		});

		test('the query parameters the seeds document are offered', () => {
			const listQuery =
				section!.endpoints.find((e) => e.method === 'GET' && !e.path.includes('/'))?.query ?? [];
			const getQuery =
				section!.endpoints.find((e) => e.method === 'GET' && e.path.endsWith('{id}'))?.query ?? [];
			expect([...(resource.listQuery ?? [])].sort()).toEqual([...listQuery].sort());
			expect([...(resource.getQuery ?? [])].sort()).toEqual([...getQuery].sort());
		});
	},
);

test('no file under test/sandbox imports from nodes/: the sandboxes are a second reading of the documentation', () => {
	const { readdirSync } = jest.requireActual('fs') as typeof import('fs');
	const dir = join(__dirname, '../sandbox');
	const offenders = readdirSync(dir)
		.filter((f) => f.endsWith('.ts'))
		.filter((f) =>
			/from ['"][./]*\/nodes\/|require\(['"][./]*\/nodes\//.test(
				readFileSync(join(dir, f), 'utf8'),
			),
		);
	expect(offenders).toEqual([]);
});
