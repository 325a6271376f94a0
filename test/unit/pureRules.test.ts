/** Pure rules of the nodes, without HTTP: date filters, product-family parameter rules, the polling window cursor. */
import { simplifyRecord } from '../../nodes/shared/simplify';
import type { IDataObject } from 'n8n-workflow';
import { dateFilter } from '../../nodes/HighLevelPayments/actions/paymentsInput';
import {
	checkProductParameters,
	findFamily,
} from '../../nodes/IngramMicroMarketplace/resources/productFamilies';
import {
	compareWindow,
	growingKey,
	readWindowCursor,
	type WatchedEvent,
	type WatchedField,
} from '../../nodes/shared/windowCursor';

describe('HighLevel date filters', () => {
	test.each([
		['2026-01-31', { value: '2026-01-31' }],
		['2026-01-31T09:00:00+02:00', { value: '2026-01-31' }],
		['2026-01-31T00:00:00', { value: '2026-01-31' }],
		['', {}],
	])('%j', (given, expected) => expect(dateFilter(given)).toEqual(expected));
	test.each(['last tuesday', '2026-13-45', '31/01/2026'])(
		'%j is refused with an example',
		(given) => expect(dateFilter(given).problem).toMatch(/must be a date such as 2026-01-31/),
	);
});

describe('Ingram Micro product-family rules (seed 004)', () => {
	test('Office 365 outside NZ: the order takes the domain without .onmicrosoft.com, and says it corrected it', () => {
		const check = checkProductParameters(
			findFamily('office365'),
			{ domain: 'contoso.onmicrosoft.com' },
			[],
			'order',
			'MS-O365-E3',
		);
		expect(check.problems).toEqual([]);
		expect(check.parameters).toEqual([{ name: 'domain', value: 'contoso' }]);
		expect(check.corrections.join()).toMatch(/changed from "contoso.onmicrosoft.com" to "contoso"/);
	});
	test('Office 365 validation adds the suffix the validation call needs', () => {
		expect(
			checkProductParameters(
				findFamily('office365'),
				{ domain: 'contoso' },
				[],
				'validation',
				'MS-O365-E3',
			).parameters,
		).toEqual([{ name: 'domain', value: 'contoso.onmicrosoft.com' }]);
	});
	test('Azure CSP (new commerce) requires .onmicrosoft.com; Dropbox an e-mail; names are required where the seed lost them', () => {
		expect(
			checkProductParameters(
				findFamily('azureNce'),
				{ domain: 'contoso' },
				[],
				'order',
				'AZ',
			).problems.join(),
		).toMatch(/onmicrosoft\.com/);
		expect(
			checkProductParameters(
				findFamily('dropbox'),
				{ email1: 'team@', email1Name: 'teamAdmin' },
				[],
				'order',
				'DB',
			).problems.join(),
		).toMatch(/valid e-mail address/);
		expect(
			checkProductParameters(
				findFamily('dropbox'),
				{ email1: 'team@x.example' },
				[],
				'order',
				'DB',
			).problems.join(),
		).toMatch(/parameter name .* is missing/);
	});
});

describe('the polling window cursor', () => {
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
		const first = compareWindow(
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
		const second = compareWindow(
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
		const third = compareWindow(
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
		expect(
			readWindowCursor({ v: 1, watch: 'orders', mark: 1, seen: {} }, 'orders'),
		).toBeUndefined();
		expect(
			readWindowCursor({ v: 2, watch: 'invoices', mark: 1, seen: {} }, 'orders'),
		).toBeUndefined();
	});
});

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
