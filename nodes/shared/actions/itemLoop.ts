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

export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 20;

export type ItemRun = (itemIndex: number) => Promise<INodeExecutionData[]>;

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
	const toErrorOutput = context.getNode().onError === 'continueErrorOutput';
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

export async function runItems(
	context: IExecuteFunctions,
	count: number,
	run: ItemRun,
	options: { concurrency: number; writes: boolean },
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(count);
	let failure: ItemFailure | undefined;
	let failedIndex = -1;
	const runOne = async (itemIndex: number) => {
		try {
			results[itemIndex] = await run(itemIndex);
		} catch (error) {
			if (!context.continueOnFail()) {
				if (!failure) [failure, failedIndex] = [error as ItemFailure, itemIndex];
				return;
			}
			results[itemIndex] = [errorItem(context, error as ItemFailure, itemIndex)];
		}
	};
	if (count === 0) return [];
	await runOne(0);
	let next = 1;
	const worker = async () => {
		while (!failure && next < count) await runOne(next++);
	};
	const concurrency = options.writes ? 1 : options.concurrency;
	await Promise.all(Array.from({ length: Math.min(concurrency, count - 1) }, worker));
	if (failure) {
		// With one item there is nothing else to report.
		if (options.writes && count > 1) reportWrites(failure, results, failedIndex, count);
		throw failure;
	}
	return results.flat();
}
