/** nodes/IngramMicroMarketplace/resources/productFamilies.ts: the product-family parameter rules of seed 004. */
import {
	checkProductParameters,
	findFamily,
} from '../../nodes/IngramMicroMarketplace/resources/productFamilies';

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
