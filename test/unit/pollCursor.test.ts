/** nodes/shared/pollCursor.ts: the polling triggers' stored cursor and the comparison that finds new and changed records. */
import type { IDataObject } from 'n8n-workflow';
import {
	compareNewest,
	growingKey,
	readPollCursor,
	type WatchedEvent,
	type WatchedField,
} from '../../nodes/shared/pollCursor';

describe('the polling cursor', () => {
	const fields: WatchedField[] = [
		{ name: 'status', read: (r: IDataObject) => String(r.status ?? '') },
	];
	const events: WatchedEvent[] = [
		{ value: 'created', name: 'Created', description: '', kind: 'created' },
		{ value: 'changed', name: 'Changed', description: '', kind: 'changed', fields: ['status'] },
	];
	const spec = { fields, events, newness: growingKey('id') };
	const selected = new Set(['created', 'changed']);

	test('first poll records the present and emits nothing; then new records and changes, each once, oldest first', () => {
		const first = compareNewest(
			'orders',
			spec,
			undefined,
			[
				{ id: 2, status: 'a' },
				{ id: 1, status: 'a' },
			],
			2,
			selected,
		);
		expect(first.emissions).toEqual([]);
		const second = compareNewest(
			'orders',
			spec,
			first.next,
			[
				{ id: 3, status: 'a' },
				{ id: 2, status: 'b' },
				{ id: 1, status: 'a' },
			],
			2,
			selected,
		);
		expect(second.emissions.map((e) => `${e.event}#${e.record.id}`)).toEqual([
			'changed#2',
			'created#3',
		]);
		const third = compareNewest(
			'orders',
			spec,
			second.next,
			[
				{ id: 3, status: 'a' },
				{ id: 2, status: 'b' },
			],
			2,
			selected,
		);
		expect(third.emissions).toEqual([]);
	});
	test('a stored cursor of another shape or watch is not trusted', () => {
		expect(readPollCursor({ v: 1, watch: 'orders', mark: 1, seen: {} }, 'orders')).toBeUndefined();
		expect(
			readPollCursor({ v: 2, watch: 'invoices', mark: 1, seen: {} }, 'orders'),
		).toBeUndefined();
	});
});
