/** nodes/shared/simplify.ts: Simplify, for the action nodes and the triggers alike. */
import { simplifyRecord } from '../../nodes/shared/simplify';

describe('Simplify (the action nodes and the triggers alike)', () => {
	test('keeps the main fields in the order the resource lists them; the whole record when not asked or none are named', () => {
		const record = { id: 7, secret_note: 'x', name: 'Order 7', status: 'paid' };
		expect(Object.keys(simplifyRecord(record, ['status', 'id', 'missing'], true))).toEqual([
			'status',
			'id',
		]);
		expect(simplifyRecord(record, ['id'], false)).toBe(record);
		expect(simplifyRecord(record, undefined, true)).toBe(record);
	});
});
