/**
 * The skeleton the two polling triggers share (HaloPSA and HighLevel): what to watch and which
 * events, the item an emission becomes, and how a poll ends. A manual test shows the changes found
 * or, when there are none, an example, and keeps no state; a scheduled poll commits its state only
 * after every request succeeded, so a failed poll leaves the cursor where it was.
 */
import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';
import type { Emission } from './windowCursor';

export type Poll = INodeExecutionData[][] | null;

/** The entry of a trigger's table the Watch parameter names. */
export function watchedEntry<T>(context: IPollFunctions, watch: string, entry: T | undefined): T {
	if (entry) return entry;
	throw new NodeOperationError(context.getNode(), `Unknown Watch value "${watch}"`, {
		description: 'Pick what to watch from the list.',
	});
}

/** The events picked in an Events parameter; at least one. */
export function selectedEvents(context: IPollFunctions, parameter: string): Set<string> {
	const events = context.getNodeParameter(parameter, []) as string[];
	if (!events.length) {
		throw new NodeOperationError(context.getNode(), 'No event is selected in "Events"', {
			description: 'Pick at least one event the trigger should start the workflow for.',
		});
	}
	return new Set(events);
}

/**
 * The item of one emission: the event, what changed, the record under the trigger's key (as the
 * caller shaped it), anything the watch adds, and `example: true` on a manual test's example.
 */
export function emissionItem(
	emission: Emission,
	outputKey: string,
	record: IDataObject,
	options: { details?: IDataObject; example?: boolean } = {},
): INodeExecutionData {
	const json: IDataObject = { event: emission.event };
	if (emission.changedFields) json.changedFields = emission.changedFields;
	if (emission.changes) json.changes = emission.changes as IDataObject;
	json[outputKey] = record;
	Object.assign(json, options.details ?? {});
	if (options.example) json.example = true;
	return { json };
}

/** The end of a poll: items, or on a manual test with none an example; state kept only when due. */
export async function finishPoll(
	context: IPollFunctions,
	items: INodeExecutionData[],
	ending: {
		example: () => INodeExecutionData[] | Promise<INodeExecutionData[]>;
		commit: () => void;
	},
): Promise<Poll> {
	if (context.getMode() === 'manual') {
		if (items.length) return [items];
		const example = await ending.example();
		return example.length ? [example] : null;
	}
	ending.commit();
	return items.length ? [items] : null;
}
