/**
 * The item loop of the three action nodes: each input item runs its operation, outputs come back in
 * input order with their paired item, and a failed item becomes an error item when the node
 * continues on fail. Reads run a few at a time (never all at once, so a large input does not flood
 * an API's rate limit); the first item runs alone, so that when the stored token has expired that
 * one call renews it and the others use the new one. Writes run one at a time, in input order, and
 * stop at the first failure: the error then names every item already written (with its new ID) and
 * every item not sent, so no write goes unreported.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { nodeOf } from '../contextNode';

export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 20;

type ItemFailure = Error & { description?: string | null };

/**
 * The item of a failed input item under "Continue". n8n sends an item to the error output
 * ("Continue (using error output)") when its JSON holds `error` and nothing but `message` and
 * `details` beside it, and then merges the failed input item into it; an `error` set on the item
 * itself would also route it, but n8n then cuts its JSON down to the message. So there the
 * description travels as `details`; under "Continue (using regular output)" the item stays `{
 * error, description }`.
 */
export function errorItem(
	context: IExecuteFunctions,
	error: ItemFailure,
	itemIndex: number | number[],
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const toErrorOutput = nodeOf(context).onError === 'continueErrorOutput';
	if (error.description) json[toErrorOutput ? 'details' : 'description'] = error.description;
	const pairedItem = Array.isArray(itemIndex)
		? itemIndex.map((item) => ({ item }))
		: { item: itemIndex };
	return { json, pairedItem };
}

/** The ID a written record came back with, as each API names it. */
function writtenId(output: INodeExecutionData[] | undefined): string | undefined {
	const ids = (output ?? [])
		.map(({ json }) => json.id ?? json._id)
		.filter((id) => id !== undefined && id !== null && id !== '');
	return ids.length ? ids.map(String).join(', ') : undefined;
}

const itemRange = (from: number, to: number) =>
	from === to ? `item ${from}` : `items ${from}-${to}`;

/** Adds to a write's error what was written before it and what was not sent after it. */
function reportWrites(
	failure: ItemFailure,
	results: INodeExecutionData[][],
	failedIndex: number,
	count: number,
) {
	const written = Array.from({ length: failedIndex }, (_, index) => {
		const id = writtenId(results[index]);
		return `item ${index}${id ? ` (ID ${id})` : ''}`;
	});
	const parts = [
		written.length
			? `Written before this failure: ${written.join('; ')}.`
			: 'No item was written before this failure.',
		failedIndex + 1 < count
			? `Not sent: ${itemRange(failedIndex + 1, count - 1)}. Run the workflow again for the ` +
				`items from ${failedIndex} on, not for those written.`
			: '',
	].filter(Boolean);
	failure.description = [failure.description, ...parts].filter(Boolean).join(' ');
}

/** What the loop runs each item through: an operation module of a node. */
export interface ItemOperation<I> {
	execute(item: I, operation: string): Promise<INodeExecutionData[]>;
	/** Runs once with every input item (bulk manage) rather than once per item. */
	wholeInput?: boolean;
	/**
	 * Changes something at the API: one item at a time, in order, stopping at the first failure.
	 */
	writes?: boolean;
}

/**
 * The item an operation gets: the run's context, the item's index, the resource, the connection.
 */
export interface LoopItem<R, C> {
	context: IExecuteFunctions;
	itemIndex: number;
	resource: R;
	connection: C;
}

/**
 * Every input item through the operation, in batches (the first item alone, then `concurrency` at
 * a time; writes one by one), each item with the run's connection. The connection object is shared
 * by the items (its pace, the token n8n renews into its credential); only the item index differs.
 * Each call is awaited here, by the loop itself, so a stack trace shows the whole path from n8n's
 * engine to its HTTP helper.
 */
export async function runItems<R, C extends { itemIndex: number }>(
	context: IExecuteFunctions,
	operation: ItemOperation<LoopItem<R, C>>,
	run: { value: string; resource: R; connection: C; concurrency: number },
): Promise<INodeExecutionData[]> {
	const count = context.getInputData().length;
	const { value, resource, connection } = run;
	const itemOf = (itemIndex: number): LoopItem<R, C> => ({
		context,
		itemIndex,
		resource,
		connection: itemIndex === 0 ? connection : { ...connection, itemIndex },
	});
	if (count === 0) return [];
	if (operation.wholeInput) return await operation.execute(itemOf(0), value);
	const results: INodeExecutionData[][] = new Array(count);
	const batchSize = operation.writes ? 1 : Math.max(1, run.concurrency);
	for (let first = 0; first < count; first = first === 0 ? 1 : first + batchSize) {
		const batch = Array.from(
			{ length: first === 0 ? 1 : Math.min(batchSize, count - first) },
			(_, offset) => first + offset,
		);
		const settled = await Promise.allSettled(
			batch.map((itemIndex) => operation.execute(itemOf(itemIndex), value)),
		);
		for (const [offset, outcome] of settled.entries()) {
			const itemIndex = first + offset;
			if (outcome.status === 'fulfilled') {
				results[itemIndex] = outcome.value;
				continue;
			}
			const failure = outcome.reason as ItemFailure;
			if (!context.continueOnFail()) {
				// With one item there is nothing else to report.
				if (operation.writes && count > 1) reportWrites(failure, results, itemIndex, count);
				throw failure;
			}
			results[itemIndex] = [errorItem(context, failure, itemIndex)];
		}
	}
	return results.flat();
}
