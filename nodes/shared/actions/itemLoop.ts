/**
 * The item loop of the three action nodes: each input item runs its operation, a few at a time (never all at
 * once, so a large input does not flood an API's rate limit), outputs come back in input order with their
 * paired item, and a failed item becomes an error item when the node continues on fail. The first item
 * runs alone: when the stored token has expired, that one call renews it and the others use the new one.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 20;

export type ItemRun = (itemIndex: number) => Promise<INodeExecutionData[]>;

/** The error item of an item that failed under "Continue (using error output)" or "Continue". */
export function errorItem(
	error: Error & { description?: string },
	itemIndex: number,
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	return { json, pairedItem: { item: itemIndex } };
}

export async function runItems(
	context: IExecuteFunctions,
	count: number,
	run: ItemRun,
	concurrency: number,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[][] = new Array(count);
	let failure: Error | undefined;
	const runOne = async (itemIndex: number) => {
		try {
			results[itemIndex] = await run(itemIndex);
		} catch (error) {
			if (!context.continueOnFail()) {
				failure ??= error as Error;
				return;
			}
			results[itemIndex] = [errorItem(error as Error, itemIndex)];
		}
	};
	if (count === 0) return [];
	await runOne(0);
	let next = 1;
	const worker = async () => {
		while (!failure && next < count) await runOne(next++);
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count - 1) }, worker));
	if (failure) throw failure;
	return results.flat();
}
