/**
 * The trigger's memory between polls, and the pure comparison that turns "what Halo holds now" into
 * events. Kept in the node's workflow static data (n8n saves it with the execution it starts, or
 * alone when nothing was emitted), never in module memory, so a poll may run in any n8n process.
 *
 * - `top`: the highest record key ever seen. Halo keys are identity numbers, so a key above `top` is
 *   a new record, however many records share a creation time.
 * - `seen`: the watched fields of the newest `window` records, to find updates. Older records are
 *   not watched: the static data stays the size of the window whatever the size of the table.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Fingerprint, WatchedRecords } from './watchedRecords';

/** Bumped when the stored shape or the watched fields change: an old cursor is then re-recorded, not compared. */
export const CURSOR_VERSION = 1;

export interface RecordCursor {
	v: number;
	watch: string;
	top: number;
	seen: Record<string, Fingerprint[]>;
}

export interface Emission {
	event: string;
	record: IDataObject;
	changedFields?: string[];
	changes?: Record<string, { old: Fingerprint; new: Fingerprint }>;
}

export function keyOf(watch: WatchedRecords, record: IDataObject): number {
	return Number(record[watch.resource.key]);
}

export function readCursor(stored: unknown, watch: WatchedRecords): RecordCursor | undefined {
	const cursor = stored as RecordCursor | undefined;
	if (!cursor || cursor.v !== CURSOR_VERSION || cursor.watch !== watch.value || typeof cursor.top !== 'number') return undefined;
	return cursor;
}

const fingerprint = (watch: WatchedRecords, record: IDataObject) => watch.fields.map((field) => field.read(record));

/**
 * Compares the newest records (newest first; at least `window` of them, and every record above the
 * previous `top`) with the previous cursor. Without a previous cursor it only records the present.
 * Emissions come oldest first, so a workflow sees records in the order Halo created them.
 */
export function compareWindow(watch: WatchedRecords, previous: RecordCursor | undefined, newestFirst: IDataObject[], window: number, selected: ReadonlySet<string>) {
	const next: RecordCursor = { v: CURSOR_VERSION, watch: watch.value, top: previous?.top ?? 0, seen: {} };
	const perRecord: Emission[][] = [];
	const created = watch.events.filter((e) => e.kind === 'created' && selected.has(e.value));
	const changed = watch.events.filter((e) => e.kind === 'changed' && selected.has(e.value));
	newestFirst.forEach((record, index) => {
		const key = keyOf(watch, record);
		if (!Number.isFinite(key)) return;
		next.top = Math.max(next.top, key);
		const now = fingerprint(watch, record);
		if (index < window) next.seen[String(key)] = now;
		if (!previous) return;
		const emissions: Emission[] = [];
		perRecord.push(emissions);
		if (key > previous.top) {
			for (const event of created) emissions.push({ event: event.value, record });
			return;
		}
		const before = previous.seen[String(key)];
		// A record that slid into the window (a newer one was deleted) has nothing to compare with.
		if (!before) return;
		for (const event of changed) {
			const changedFields = watch.fields
				.map((field, i) => ({ field, old: before[i] ?? null, new: now[i] }))
				.filter((c) => event.fields!.includes(c.field.name) && c.old !== c.new);
			if (!changedFields.length) continue;
			const changes: Emission['changes'] = {};
			for (const c of changedFields) if (!c.field.opaque) changes[c.field.name] = { old: c.old, new: c.new };
			emissions.push({ event: event.value, record, changedFields: changedFields.map((c) => c.field.name), changes });
		}
	});
	return { emissions: perRecord.reverse().flat(), next };
}
