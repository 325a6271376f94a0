/**
 * operationKit.ts, run by n8n-core's real WorkflowExecute inside a probe node of this test: `param`
 * asks n8n once per execution for a value that holds no expression (the same for every item) and
 * per item for one that does; collections are read per item, so no item can change what another
 * gets; `pickedValue` gives a record picker's ID as n8n's extractValue would; `findOperation` names
 * an unknown operation.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { findOperation, param, pickedValue } from '../../nodes/shared/actions/operationKit';
import { CredentialStore, registerProbe, runNode } from '../harness/inProcess';

const PROBE = 'test.operationKitProbe';

/** The parameter names n8n was asked for, in order. */
let asked: string[] = [];

registerProbe(
	PROBE,
	'Operation Kit Probe',
	[
		{ displayName: 'Plain', name: 'plain', type: 'string', default: 'p' },
		{ displayName: 'Mapped', name: 'mapped', type: 'string', default: '' },
		{ displayName: 'Flag', name: 'flag', type: 'boolean', default: true },
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			default: {},
			options: [{ displayName: 'Tag', name: 'tag', type: 'string', default: '' }],
		},
		{ displayName: 'Operation', name: 'operation', type: 'string', default: 'get' },
		{ displayName: 'Fallbacks', name: 'fallbacks', type: 'boolean', default: false },
		{ displayName: 'Picks', name: 'picks', type: 'boolean', default: false },
		{
			displayName: 'Record',
			name: 'record',
			type: 'resourceLocator',
			default: { mode: 'id', value: '' },
			modes: [
				{ displayName: 'By ID', name: 'id', type: 'string' },
				{
					displayName: 'By URL',
					name: 'url',
					type: 'string',
					extractValue: { type: 'regex', regex: '\\?id=(\\d+)$' },
				},
			],
		},
	],
	async function (this: IExecuteFunctions) {
		const getNodeParameter = this.getNodeParameter.bind(this);
		// Observes the real context's reads; every value still comes from n8n.
		this.getNodeParameter = ((name: string, ...rest: unknown[]) => {
			asked.push(name);
			return (getNodeParameter as (...args: unknown[]) => unknown)(name, ...rest);
		}) as IExecuteFunctions['getNodeParameter'];
		const resource = { value: 'thing', displayName: 'Thing' };
		const operations = [{ option: () => [{ name: 'Get', value: 'get' }] }];
		findOperation(this, operations, resource, this.getNodeParameter('operation', 0) as string);
		return [
			this.getInputData().map((_, itemIndex) => {
				const item = { context: this, itemIndex, resource };
				const options = param<IDataObject>(item, 'options', {});
				const seen = { ...options };
				options.tag = `changed by item ${itemIndex}`;
				if (this.getNode().parameters.picks)
					return {
						json: { picked: pickedValue(item, 'record', '') as string },
						pairedItem: { item: itemIndex },
					};
				if (this.getNode().parameters.fallbacks)
					return {
						json: { first: param(item, 'absent', 'one'), second: param(item, 'absent', 'two') },
						pairedItem: { item: itemIndex },
					};
				return {
					json: {
						plain: param(item, 'plain', ''),
						mapped: param(item, 'mapped', ''),
						flag: param(item, 'flag', false),
						options: seen,
					},
					pairedItem: { item: itemIndex },
				};
			}),
		];
	},
);

const run = (parameters: IDataObject, count = 3) => {
	asked = [];
	return runNode({
		type: PROBE,
		parameters: parameters as never,
		store: new CredentialStore(),
		input: Array.from({ length: count }, (_, n) => ({ n })),
	});
};

test('param: a value with no expression is asked for once per execution, a mapped one per item', async () => {
	const result = await run({
		plain: 'fixed',
		mapped: '={{ "item " + $json.n }}',
		flag: false,
		options: { tag: 'original' },
	});
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => i.json)).toEqual(
		[0, 1, 2].map((n) => ({
			plain: 'fixed',
			mapped: `item ${n}`,
			flag: false,
			options: { tag: 'original' },
		})),
	);
	const count = (name: string) => asked.filter((a) => a === name).length;
	expect({
		plain: count('plain'),
		flag: count('flag'),
		mapped: count('mapped'),
		options: count('options'),
	}).toEqual({
		plain: 1,
		flag: 1,
		mapped: 3,
		// Collections are read per item: an item that changes its copy changes no other item's.
		options: 3,
	});
});

test('param: a parameter left at its default is asked for once, and gives the default', async () => {
	const result = await run({}, 2);
	expect(result.items.map((i) => i.json.plain)).toEqual(['p', 'p']);
	expect(asked.filter((a) => a === 'plain')).toHaveLength(1);
});

test('param: a parameter left out gives each read its own fallback', async () => {
	const result = await runNode({
		type: PROBE,
		parameters: { operation: 'get', fallbacks: true } as never,
		store: new CredentialStore(),
		input: [{ n: 0 }, { n: 1 }],
	});
	expect(result.items.map((i) => [i.json.first, i.json.second])).toEqual([
		['one', 'two'],
		['one', 'two'],
	]);
});

test('pickedValue: the ID of By ID as saved (asked once when it holds no expression), of By URL taken out by n8n', async () => {
	const picked = async (record: IDataObject) => {
		const result = await run({ picks: true, record });
		expect(result.error).toBeUndefined();
		return {
			ids: result.items.map((i) => i.json.picked),
			asked: asked.filter((a) => a === 'record'),
		};
	};
	expect(await picked({ __rl: true, mode: 'id', value: '7' })).toEqual({
		ids: ['7', '7', '7'],
		asked: ['record'],
	});
	expect(await picked({ __rl: true, mode: 'id', value: '={{ "r" + $json.n }}' })).toEqual({
		ids: ['r0', 'r1', 'r2'],
		asked: ['record', 'record', 'record'],
	});
	const byUrl = await picked({ __rl: true, mode: 'url', value: 'https://h.example/ticket?id=9' });
	expect(byUrl.ids).toEqual(['9', '9', '9']);
	// A link n8n's pattern does not match: named per item with the fix, not n8n's bare wording.
	const bad = await run({ picks: true, record: { __rl: true, mode: 'url', value: 'https://h/x' } });
	expect(bad.error?.message).toBe('The link in "record" is not one the node can read [item 0]');
});

test('findOperation: an operation the resource does not offer is named, with how to fix it', async () => {
	const result = await run({ operation: 'explode' }, 1);
	expect(result.error?.message).toBe('Unknown operation "explode" for Thing');
	expect(result.error?.description).toBe('Pick an operation from the list.');
});
