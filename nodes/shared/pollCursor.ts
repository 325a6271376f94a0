/**
 * The memory of a polling trigger between polls, and the pure comparison that turns "the newest
 * records now" into events. Kept in the node's workflow static data (n8n saves it with the
 * execution it starts, or alone when nothing was emitted), never in module memory, so a poll may
 * run in any n8n process (queue mode, restarts).
 *
 * - `mark`: where "new" begins. Halo: the highest identity key seen (a larger key is new however
 *   many records share a timestamp). HighLevel: the creation time of the oldest record compared
 *   (a record at or after it that was not seen is new; the records compared never split a
 *   timestamp, see `newness`).
 * - `seen`: the watched fields of the records compared, to find changes. Older records are not
 *   watched, so the state stays the size of Records to Compare whatever the size of the table.
 */
import { NodeOperationError, type IDataObject, type IPollFunctions } from 'n8n-workflow';
import { wholeNumberIn } from './numbers';

/** What a watched field is stored as: small and JSON-safe. */
export type Fingerprint = string | number | boolean | null;

export interface WatchedField {
	name: string;
	read: (record: IDataObject) => Fingerprint;
	/** A digest, not a value: reported as changed without old and new values. */
	opaque?: boolean;
}

export interface WatchedEvent {
	value: string;
	name: string;
	description: string;
	/**
	 * `created`: a record past the mark. `changed`: one of `fields` differs from the previous poll.
	 */
	kind: 'created' | 'changed';
	fields?: readonly string[];
}

export interface PollCursor {
	v: number;
	watch: string;
	mark: number;
	seen: Record<string, Fingerprint[]>;
}

export interface Emission {
	event: string;
	record: IDataObject;
	changedFields?: string[];
	changes?: Record<string, { old: Fingerprint; new: Fingerprint }>;
}

/** How a watched resource tells a new record and moves its mark. */
export interface Newness {
	key: (record: IDataObject) => string;
	isNew: (record: IDataObject, previous: PollCursor) => boolean;
	/** The mark after this poll, from the records compared (newest first) and the previous mark. */
	mark: (newestFirst: IDataObject[], compareCount: number, previous?: PollCursor) => number;
}

/** Bumped when the stored shape changes: an old cursor is then re-recorded, not compared. */
export const CURSOR_VERSION = 2;

export function readPollCursor(stored: unknown, watch: string): PollCursor | undefined {
	const cursor = stored as PollCursor | undefined;
	if (!cursor || cursor.v !== CURSOR_VERSION || cursor.watch !== watch || !isCursorShape(cursor))
		return undefined;
	return cursor;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isFingerprint = (value: unknown) =>
	value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** A map of record keys to lists of small values: the `seen` of every cursor kind. */
const isSeenMap = (value: unknown) =>
	isPlainObject(value) &&
	Object.values(value).every((list) => Array.isArray(list) && list.every(isFingerprint));

/**
 * The shape every polling cursor of the package is stored in (record cursors and Halo's health
 * cursor).
 */
export const isCursorShape = (value: unknown) =>
	isPlainObject(value) &&
	typeof value.v === 'number' &&
	typeof value.watch === 'string' &&
	(value.mark === undefined || (typeof value.mark === 'number' && Number.isFinite(value.mark))) &&
	isSeenMap(value.seen);

/** A map of keys to lists of strings (HighLevel's remembered fulfillments of each order). */
export const isStringListMap = (value: unknown) =>
	isPlainObject(value) &&
	Object.values(value).every(
		(list) => Array.isArray(list) && list.every((entry) => typeof entry === 'string'),
	);

/**
 * A watch's stored poll state, with each value a poll reads that is not of the shape it must have
 * (damaged, or written by something else) set aside and said in n8n's log: the poll then starts
 * anew, recording the present, instead of failing on every poll. A value set aside is replaced by
 * the next successful poll, so it is said once.
 */
export function checkedPollState(
	context: IPollFunctions,
	state: IDataObject,
	shapes: Record<string, (value: unknown) => boolean>,
): IDataObject {
	for (const [name, isValid] of Object.entries(shapes)) {
		if (state[name] === undefined || isValid(state[name])) continue;
		delete state[name];
		context.logger.warn(
			`The trigger's stored ${name} was not in the shape it keeps and was set aside: this poll ` +
				`records the present and reports changes from the next poll on`,
			{ node: context.getNode().name },
		);
	}
	return state;
}

/**
 * Records to Compare: how many of the newest records each poll checks, a whole number up to `max`.
 */
export function recordsToCompare(
	context: IPollFunctions,
	fallback: number,
	max: number,
	suits: string,
): number {
	const compareCount = context.getNodeParameter('window', fallback) as number;
	if (wholeNumberIn(compareCount, 1, max) === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`Records to Compare must be a whole number from 1 to ${max}, got ${compareCount}`,
			{
				description:
					`Set "Records to Compare" to how many of the newest records should be ` +
					`checked for changes (${suits}).`,
			},
		);
	}
	return compareCount;
}

/**
 * Compares the newest records (newest first: those compared, plus every record that is new) with
 * the previous cursor. Without a previous cursor it only records the present. Emissions come oldest
 * first.
 */
export function compareNewest(
	watch: string,
	spec: { fields: readonly WatchedField[]; events: readonly WatchedEvent[]; newness: Newness },
	previous: PollCursor | undefined,
	newestFirst: IDataObject[],
	compareCount: number,
	selected: ReadonlySet<string>,
) {
	const next: PollCursor = {
		v: CURSOR_VERSION,
		watch,
		mark: spec.newness.mark(newestFirst, compareCount, previous),
		seen: {},
	};
	const perRecord: Emission[][] = [];
	const created = spec.events.filter((e) => e.kind === 'created' && selected.has(e.value));
	const changed = spec.events.filter((e) => e.kind === 'changed' && selected.has(e.value));
	newestFirst.forEach((record, index) => {
		const key = spec.newness.key(record);
		const now = spec.fields.map((field) => field.read(record));
		if (index < compareCount) next.seen[key] = now;
		if (!previous) return;
		const emissions: Emission[] = [];
		perRecord.push(emissions);
		if (spec.newness.isNew(record, previous)) {
			for (const event of created) emissions.push({ event: event.value, record });
			return;
		}
		const before = previous.seen[key];
		// A record that slid into those compared (a newer one was deleted) has nothing to compare with.
		if (!before) return;
		for (const event of changed) {
			const differences = spec.fields
				.map((field, i) => ({ field, old: before[i] ?? null, new: now[i] }))
				.filter((c) => event.fields!.includes(c.field.name) && c.old !== c.new);
			if (!differences.length) continue;
			const changes: Emission['changes'] = {};
			for (const c of differences)
				if (!c.field.opaque) changes[c.field.name] = { old: c.old, new: c.new };
			emissions.push({
				event: event.value,
				record,
				changedFields: differences.map((c) => c.field.name),
				changes,
			});
		}
	});
	return { emissions: perRecord.reverse().flat(), next };
}

/** Halo: identity keys only grow; new = above the highest key seen. */
export const growingKey = (keyField: string): Newness => ({
	key: (record) => String(record[keyField]),
	isNew: (record, previous) => Number(record[keyField]) > previous.mark,
	mark: (newestFirst, _compareCount, previous) =>
		newestFirst.reduce((top, r) => Math.max(top, Number(r[keyField]) || 0), previous?.mark ?? 0),
});

/**
 * HighLevel: opaque ids and a creation time. New = not seen and created at or after the mark (the
 * oldest creation time of the previous records compared). They are read so that it never ends in
 * the middle of a timestamp, so every record at the mark was seen.
 */
export const creationTime = (idField: string, timeField: string): Newness => ({
	key: (record) => String(record[idField]),
	isNew: (record, previous) =>
		!(String(record[idField]) in previous.seen) && timeOf(record, timeField) >= previous.mark,
	mark: (newestFirst, compareCount) => {
		const compared = newestFirst.slice(0, compareCount);
		return compared.length ? Math.min(...compared.map((r) => timeOf(r, timeField))) : 0;
	},
});

export const timeOf = (record: IDataObject, field: string) => {
	const time = Date.parse(String(record[field] ?? ''));
	return Number.isFinite(time) ? time : 0;
};
