/** nodes/HighLevelPayments/actions/paymentsInput.ts: HighLevel's list date filters, as the user picked them. */
import { dateFilter } from '../../nodes/HighLevelPayments/actions/paymentsInput';

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
