/**
 * The item loop (nodes/shared/actions/itemLoop.ts) run by n8n-core's real WorkflowExecute, inside a
 * probe node of this test whose items succeed or fail as its parameters say: output order and paired
 * items, reads a few at a time (in groups) with the first item alone, writes one at a time that stop
 * at the first failure and report what was and was not written, and the two "Continue" outputs.
 */
import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';
import { runItems } from '../../nodes/shared/actions/itemLoop';
import { CredentialStore, registerProbe, runNode } from '../harness/inProcess';

const PROBE = 'test.itemLoopProbe';

/** What the probe saw: when each item started and ended, by index. */
let timeline: string[] = [];
let running = 0;
let mostAtOnce = 0;

registerProbe(
	PROBE,
	'Item Loop Probe',
	[
		{ displayName: 'Writes', name: 'writes', type: 'boolean', default: false },
		{ displayName: 'Fail At', name: 'failAt', type: 'number', default: -1 },
		{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 4 },
	],
	async function (this: IExecuteFunctions) {
		const failAt = this.getNodeParameter('failAt', 0) as number;
		const writes = this.getNodeParameter('writes', 0) as boolean;
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		const count = this.getInputData().length;
		const operation = {
			writes,
			execute: async ({ itemIndex }: { itemIndex: number }) => {
				timeline.push(`start ${itemIndex}`);
				running++;
				mostAtOnce = Math.max(mostAtOnce, running);
				// Later items finish sooner, so order comes from the loop, not from timing.
				await new Promise((r) => setTimeout(r, 5 * (count - itemIndex)));
				running--;
				timeline.push(`end ${itemIndex}`);
				if (itemIndex === failAt)
					throw new NodeOperationError(this.getNode(), `item ${itemIndex} failed`, {
						itemIndex,
						description: 'Because the probe says so.',
					});
				return [{ json: { id: 100 + itemIndex }, pairedItem: { item: itemIndex } }];
			},
		};
		const output = await runItems(this, operation, {
			value: 'probe',
			resource: 'probe',
			connection: { itemIndex: 0 },
			concurrency,
		});
		return [output];
	},
);

const input = (count: number) => Array.from({ length: count }, (_, n) => ({ n }));
const run = (
	parameters: Record<string, unknown>,
	count: number,
	onError?: 'continueRegularOutput' | 'continueErrorOutput',
) => {
	timeline = [];
	running = 0;
	mostAtOnce = 0;
	return runNode({
		type: PROBE,
		parameters: parameters as never,
		store: new CredentialStore(),
		input: input(count),
		onError,
	});
};

test('reads: outputs in input order with their paired items; the first item alone, then a few at a time', async () => {
	const result = await run({ concurrency: 3 }, 8);
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => i.json.id)).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
	expect(result.items.map((i) => i.pairedItem)).toEqual(
		Array.from({ length: 8 }, (_, item) => ({ item })),
	);
	expect(timeline.slice(0, 2)).toEqual(['start 0', 'end 0']);
	expect(mostAtOnce).toBe(3);
});

test('no input, no calls', async () => {
	const result = await run({}, 0);
	expect(result.items).toEqual([]);
	expect(timeline).toEqual([]);
});

test('writes: one at a time in input order, stopping at the first failure, which names what was written and what was not sent', async () => {
	const result = await run({ writes: true, failAt: 2, concurrency: 4 }, 5);
	expect(mostAtOnce).toBe(1);
	expect(timeline).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
	expect(result.error?.message).toBe('item 2 failed');
	expect(result.error?.description).toBe(
		'Because the probe says so. Written before this failure: item 0 (ID 100); item 1 (ID 101). Not sent: items 3-4. Run the workflow again for the items from 2 on, not for those written.',
	);
});

test('reads that fail stop the node unless it continues', async () => {
	const result = await run({ failAt: 1 }, 3);
	expect(result.error?.message).toBe('item 1 failed');
});

test('"Continue (using regular output)": the failed item becomes { error, description } in its place', async () => {
	const result = await run({ failAt: 1 }, 3, 'continueRegularOutput');
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => i.json)).toEqual([
		{ id: 100 },
		{ error: 'item 1 failed', description: 'Because the probe says so.' },
		{ id: 102 },
	]);
	expect(result.items[1].pairedItem).toEqual({ item: 1 });
});

test('"Continue (using error output)": n8n routes the failed item to the error output with its details', async () => {
	const result = await run({ writes: true, failAt: 1 }, 3, 'continueErrorOutput');
	expect(result.error).toBeUndefined();
	expect(result.items.map((i) => i.json.id)).toEqual([100, 102]);
	expect(result.errorItems).toHaveLength(1);
	expect(result.errorItems[0].json).toMatchObject({
		error: 'item 1 failed',
		details: 'Because the probe says so.',
	});
});
