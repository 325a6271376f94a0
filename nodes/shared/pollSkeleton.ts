/**
 * The skeleton the two polling triggers share (HaloPSA and HighLevel): what to watch and which
 * events, the item an emission becomes, and how a poll ends. A manual test shows the changes found
 * or, when there are none, an example, and keeps no state; a scheduled poll commits its state only
 * after every request of every watch succeeded, so a failed poll leaves every cursor as it was.
 */
import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';
import { versionAtLeast } from './contextNode';
import { checkedPollState, type Emission } from './pollCursor';

export type Poll = INodeExecutionData[][] | null;

/**
 * From this trigger version on, one Events parameter lists every event of every watch: n8n's node
 * creator lists the options of a trigger's first Event(s) parameter only, and a Watch parameter
 * in front of per-watch Events hid all but the first watch's events there.
 */
export const ALL_EVENTS_FROM = 1.1;
export const TRIGGER_VERSIONS = [1, ALL_EVENTS_FROM];

/** The canvas subtitle: the events picked, or in version 1 the watch. */
export const TRIGGER_SUBTITLE =
	'={{ ($parameter["events"] || []).join(", ") || $parameter["watch"] }}';

/** What a trigger's table row must have: the watch's value and the events it can emit. */
interface Watchable {
	value: string;
	events: ReadonlyArray<{ value: string }>;
}

/** One watch a poll reads: its table row, the events picked of it and its own stored state. */
export interface WatchPoll<T> {
	watch: T;
	selected: Set<string>;
	state: IDataObject;
}

/** The watches of one poll, and how their states are kept once every one of them succeeded. */
export interface WatchPolls<T> {
	polls: Array<WatchPoll<T>>;
	save: () => void;
}

/**
 * What this poll watches. Version 1: the Watch parameter and its own Events, the state at the top
 * of the node's static data. From ALL_EVENTS_FROM: the events picked in Events, grouped by the
 * watch each belongs to (in table order), each watch's state kept under its name in `watches`; a
 * watch no longer picked forgets its state, so picking it again starts from the present.
 */
export function watchPolls<T extends Watchable>(
	context: IPollFunctions,
	table: readonly T[],
	shapes: Record<string, (value: unknown) => boolean>,
	firstWatch: string,
): WatchPolls<T> {
	const staticData = context.getWorkflowStaticData('node');
	if (!versionAtLeast(context, ALL_EVENTS_FROM)) {
		const watch = context.getNodeParameter('watch', firstWatch) as string;
		const row = watchedEntry(
			context,
			watch,
			table.find((w) => w.value === watch),
		);
		const selected = selectedEvents(context, `${watch}Events`);
		const state = checkedPollState(context, staticData, shapes);
		return { polls: [{ watch: row, selected, state }], save: () => {} };
	}
	const picked = selectedEvents(context, 'events');
	const polls = table
		.map((watch) => ({
			watch,
			selected: new Set(watch.events.map((e) => e.value).filter((e) => picked.has(e))),
		}))
		.filter((poll) => poll.selected.size);
	if (!polls.length) {
		throw new NodeOperationError(context.getNode(), `Unknown event in "Events": ${[...picked]}`, {
			description: 'Pick the events from the list.',
		});
	}
	const stored = isStateMap(staticData.watches) ? staticData.watches : {};
	const withState = polls.map((poll) => ({
		...poll,
		// A copy: n8n notices changes to static data made through the object it handed out, and the
		// states are handed back to it whole by save().
		state: checkedPollState(context, { ...(stored[poll.watch.value] as IDataObject) }, shapes),
	}));
	return {
		polls: withState,
		save: () => {
			staticData.watches = Object.fromEntries(withState.map((p) => [p.watch.value, p.state]));
		},
	};
}

const isStateMap = (value: unknown): value is IDataObject =>
	typeof value === 'object' &&
	value !== null &&
	!Array.isArray(value) &&
	Object.values(value).every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));

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

/** What one watch's poll found: its items, an example for a manual test, and its next state. */
export interface PollPart {
	items: INodeExecutionData[];
	example: () => INodeExecutionData[] | Promise<INodeExecutionData[]>;
	commit: () => void;
}

/**
 * The end of a poll: every watch's items, or on a manual test with none an example of each watch;
 * states kept only on a scheduled poll, after every watch was read.
 */
export async function finishPoll(
	context: IPollFunctions,
	parts: PollPart[],
	save: () => void,
): Promise<Poll> {
	const items = parts.flatMap((part) => part.items);
	if (context.getMode() === 'manual') {
		if (items.length) return [items];
		const examples: INodeExecutionData[] = [];
		for (const part of parts) examples.push(...(await part.example()));
		return examples.length ? [examples] : null;
	}
	for (const part of parts) part.commit();
	save();
	return items.length ? [items] : null;
}
