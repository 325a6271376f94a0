/**
 * Every product parameter rule of seed 004, table-driven, through the real node: valid input is sent
 * as given, input that can be corrected without doubt is corrected (and the output says so), and invalid
 * input stops with an error naming the product, the parameter, the value and the rule — with nothing
 * sent to the Ingram Micro sandbox.
 */
import type { IDataObject } from 'n8n-workflow';
import { byId, ingramFixture, type IngramFixture } from './ingramFixture';

let im: IngramFixture;
beforeAll(async () => {
	im = await ingramFixture();
});
afterAll(async () => {
	await im.stop();
});
beforeEach(() => im.sandbox.clearLog());

type Case = [
	name: string,
	operation: 'create' | 'validate',
	product: IDataObject,
	expected: { sent?: IDataObject[]; corrected?: RegExp; error?: RegExp },
];

const GUID = '917cd03a-c81a-43ac-91ad-a3c1c3f57bcd';
const cases: Case[] = [
	[
		'AvePoint: two valid e-mails',
		'create',
		{
			mpn: 'AVEPOINT-CLOUD-BACKUP',
			productFamily: 'avepoint',
			email1: 'a@x.example',
			email1Name: 'adminEmail',
			email2: 'b@x.example',
			email2Name: 'billingEmail',
		},
		{
			sent: [
				{ name: 'adminEmail', value: 'a@x.example' },
				{ name: 'billingEmail', value: 'b@x.example' },
			],
		},
	],
	[
		'AvePoint: invalid second e-mail',
		'create',
		{
			mpn: 'AVEPOINT-CLOUD-BACKUP',
			productFamily: 'avepoint',
			email1: 'a@x.example',
			email1Name: 'adminEmail',
			email2: 'not-an-email',
			email2Name: 'billingEmail',
		},
		{
			error:
				/AvePoint product 1 \(AVEPOINT-CLOUD-BACKUP\): parameter "billingEmail" \(Second E-Mail\) must be a valid e-mail address, got "not-an-email"/,
		},
	],
	[
		'AvePoint: second e-mail missing',
		'create',
		{
			mpn: 'AVEPOINT-CLOUD-BACKUP',
			productFamily: 'avepoint',
			email1: 'a@x.example',
			email1Name: 'adminEmail',
		},
		{ error: /AvePoint product 1 \(AVEPOINT-CLOUD-BACKUP\): Second E-Mail is required/ },
	],
	[
		'Dropbox: valid',
		'create',
		{
			mpn: 'DROPBOX-BIZ-STD',
			productFamily: 'dropbox',
			email1: 'team@x.example',
			email1Name: 'teamAdmin',
		},
		{ sent: [{ name: 'teamAdmin', value: 'team@x.example' }] },
	],
	[
		'Dropbox: parameter name missing',
		'create',
		{ mpn: 'DROPBOX-BIZ-STD', productFamily: 'dropbox', email1: 'team@x.example' },
		{ error: /the Ingram Micro parameter name for Team Administrator E-Mail is missing/ },
	],
	[
		'HelloSign: invalid e-mail',
		'create',
		{ mpn: 'HELLOSIGN-ESS', productFamily: 'hellosign', email1: 'team@', email1Name: 'teamAdmin' },
		{
			error:
				/HelloSign product 1 \(HELLOSIGN-ESS\): parameter "teamAdmin" \(Team Administrator E-Mail\) must be a valid e-mail address, got "team@"/,
		},
	],
	[
		'Azure legacy: prefix and full domain',
		'create',
		{
			mpn: 'MS-AZR-LEGACY',
			productFamily: 'azureLegacy',
			domainPrefix: 'customer1000057',
			domainPrefixName: 'domainPrefix',
			domain: 'customer1000057.onmicrosoft.com',
			domainName: 'tenantDomain',
		},
		{
			sent: [
				{ name: 'domainPrefix', value: 'customer1000057' },
				{ name: 'tenantDomain', value: 'customer1000057.onmicrosoft.com' },
			],
		},
	],
	[
		'Azure legacy: full domain without the suffix',
		'create',
		{
			mpn: 'MS-AZR-LEGACY',
			productFamily: 'azureLegacy',
			domain: 'customer1000057.com',
			domainName: 'tenantDomain',
		},
		{
			error:
				/Azure CSP \(Legacy\) product 1 \(MS-AZR-LEGACY\): parameter "tenantDomain" \(Tenant Domain\) must be the full tenant domain ending in .onmicrosoft.com.*got "customer1000057.com"/,
		},
	],
	[
		'Azure legacy: prefix with dots',
		'create',
		{
			mpn: 'MS-AZR-LEGACY',
			productFamily: 'azureLegacy',
			domainPrefix: 'a.b',
			domainPrefixName: 'domainPrefix',
			domain: 'ab.onmicrosoft.com',
			domainName: 'tenantDomain',
		},
		{ error: /must be a domain prefix without dots such as customer1000057, got "a.b"/ },
	],
	[
		'Azure new commerce: valid',
		'create',
		{ mpn: 'MS-AZR-PLAN', productFamily: 'azureNce', domain: 'contoso.onmicrosoft.com' },
		{ sent: [{ name: 'domain', value: 'contoso.onmicrosoft.com' }] },
	],
	[
		'Azure new commerce: no suffix',
		'create',
		{ mpn: 'MS-AZR-PLAN', productFamily: 'azureNce', domain: 'contoso' },
		{
			error:
				/Azure CSP \(New Commerce\) product 1 \(MS-AZR-PLAN\): parameter "domain" \(Tenant Domain\) must be the full tenant domain ending in .onmicrosoft.com/,
		},
	],
	[
		'Office 365: prefix as Ingram wants it',
		'create',
		{ mpn: 'MS-O365-E3', productFamily: 'office365', domain: 'contoso' },
		{ sent: [{ name: 'domain', value: 'contoso' }] },
	],
	[
		'Office 365: typed with the suffix, corrected',
		'create',
		{ mpn: 'MS-O365-E3', productFamily: 'office365', domain: 'Contoso.ONMICROSOFT.COM' },
		{
			sent: [{ name: 'domain', value: 'Contoso' }],
			corrected: /"domain" changed from "Contoso.ONMICROSOFT.COM" to "Contoso"/,
		},
	],
	[
		'Office 365: a vanity domain cannot be corrected',
		'create',
		{ mpn: 'MS-O365-E3', productFamily: 'office365', domain: 'contoso.com' },
		{
			error:
				/Office 365 \(New Tenant\) product 1 \(MS-O365-E3\): parameter "domain" \(Tenant Domain\) must be the tenant name without .onmicrosoft.com.*got "contoso.com"/,
		},
	],
	[
		'Office 365: validation adds the suffix',
		'validate',
		{ mpn: 'MS-O365-E3', productFamily: 'office365', domain: 'contoso' },
		{
			sent: [{ name: 'domain', value: 'contoso.onmicrosoft.com' }],
			corrected: /sent as "contoso.onmicrosoft.com"/,
		},
	],
	[
		'Office 365: validation keeps a full domain',
		'validate',
		{ mpn: 'MS-O365-E3', productFamily: 'office365', domain: 'contoso.onmicrosoft.com' },
		{ sent: [{ name: 'domain', value: 'contoso.onmicrosoft.com' }] },
	],
	[
		'Office 365 existing tenant: GUID',
		'create',
		{
			mpn: 'MS-O365-E3',
			productFamily: 'office365Existing',
			domain: 'contoso',
			tenantId: GUID,
			tenantIdName: 'existingTenantId',
		},
		{
			sent: [
				{ name: 'domain', value: 'contoso' },
				{ name: 'existingTenantId', value: GUID },
			],
		},
	],
	[
		'Office 365 existing tenant: not a GUID',
		'create',
		{
			mpn: 'MS-O365-E3',
			productFamily: 'office365Existing',
			domain: 'contoso',
			tenantId: 'contoso-tenant',
			tenantIdName: 'existingTenantId',
		},
		{
			error:
				/parameter "existingTenantId" \(Existing Tenant ID\) must be the customer's Microsoft tenant ID, a GUID.*got "contoso-tenant"/,
		},
	],
	[
		'Office 365 NZ: suffix required',
		'create',
		{ mpn: 'MS-O365-E3', productFamily: 'office365Nz', domain: 'contoso' },
		{
			error:
				/Office 365 \(NZ Marketplace\) product 1 \(MS-O365-E3\): parameter "domain" \(Tenant Domain\) must be the full tenant domain ending in .onmicrosoft.com/,
		},
	],
	[
		'Other product: free list, names kept as typed',
		'create',
		{
			mpn: 'ACRONIS-CYBER-BACKUP',
			productFamily: 'other',
			otherParameters: '[{"name":"DataCenter","value":"EU-1"}]',
		},
		{ sent: [{ name: 'DataCenter', value: 'EU-1' }] },
	],
	[
		'Other product: malformed JSON',
		'create',
		{ mpn: 'ACRONIS-CYBER-BACKUP', productFamily: 'other', otherParameters: '[{"name":' },
		{ error: /Product 1 \(ACRONIS-CYBER-BACKUP\): Other Parameters is not valid JSON/ },
	],
	[
		'A family field given twice',
		'create',
		{
			mpn: 'MS-AZR-PLAN',
			productFamily: 'azureNce',
			domain: 'c.onmicrosoft.com',
			otherParameters: '[{"name":"domain","value":"x"}]',
		},
		{ error: /parameter "domain" is given twice/ },
	],
	[
		'Quantity zero on a sales order',
		'create',
		{ mpn: 'ACRONIS-CYBER-BACKUP', productFamily: 'other', quantity: 0 },
		{
			error:
				/Product 1 \(ACRONIS-CYBER-BACKUP\): Quantity must be a whole number of 1 or more, got 0/,
		},
	],
];

test.each(cases)('%s', async (_name, operation, product, expected) => {
	const parameters: IDataObject =
		operation === 'create'
			? {
					resource: 'order',
					operation: 'create',
					customerId: byId('CUS-1005'),
					orderType: 'sales',
					products: { product: [{ quantity: 1, ...product }] },
				}
			: {
					resource: 'parameters',
					operation: 'validate',
					customerId: byId('CUS-1005'),
					products: { product: [product] },
				};
	const result = await im.run(parameters);
	const posted = im.sandbox.apiRequests().filter((r) => r.method === 'POST');
	if (expected.error) {
		expect(result.error?.message).toMatch(expected.error);
		expect(result.error?.message).toMatch(/\[item 0\]$/);
		expect(posted).toHaveLength(0);
		return;
	}
	expect(result.error).toBeUndefined();
	expect(posted).toHaveLength(1);
	const sentProduct = ((posted[0].body as IDataObject).products as IDataObject[])[0];
	expect(sentProduct.parameters).toEqual(expected.sent);
	const output = result.items[0].json;
	if (expected.corrected)
		expect(output.parameterCorrections).toEqual([expect.stringMatching(expected.corrected)]);
	else expect(output.parameterCorrections).toBeUndefined();
	if (operation === 'create') expect(output.status).toBe('submitted');
});

test('an order the node lets through unchecked (family "Other") fails at Ingram as it would for real', async () => {
	const result = await im.run({
		resource: 'order',
		operation: 'create',
		customerId: byId('CUS-1005'),
		orderType: 'sales',
		products: {
			product: [
				{
					mpn: 'MS-O365-E3',
					quantity: 1,
					productFamily: 'other',
					otherParameters: '[{"name":"domain","value":"contoso.onmicrosoft.com"}]',
				},
			],
		},
	});
	expect(result.items[0].json.status).toBe('error');
});

test('NZ marketplace: the NZ family sends the full domain and is accepted; the non-NZ family is stopped', async () => {
	const nz = await ingramFixture({ marketplace: 'nz' });
	try {
		const result = await nz.run({
			resource: 'order',
			operation: 'create',
			customerId: byId('CUS-1005'),
			orderType: 'sales',
			products: {
				product: [
					{ mpn: 'MS-O365-E3', quantity: 1, productFamily: 'office365', domain: 'contoso' },
				],
			},
		});
		expect(result.error?.message).toMatch(
			/the credential's marketplace is NZ.*choose the product family "Office 365 \(NZ Marketplace\)"/,
		);
		expect(nz.sandbox.apiRequests()).toHaveLength(0);
		const ok = await nz.run({
			resource: 'order',
			operation: 'create',
			customerId: byId('CUS-1005'),
			orderType: 'sales',
			products: {
				product: [
					{
						mpn: 'MS-O365-E3',
						quantity: 1,
						productFamily: 'office365Nz',
						domain: 'contoso.onmicrosoft.com',
					},
				],
			},
		});
		expect(ok.items[0].json).toMatchObject({ status: 'submitted' });
		expect((nz.sandbox.apiRequests()[0].body as IDataObject).products).toEqual([
			{
				mpn: 'MS-O365-E3',
				quantity: 1,
				parameters: [{ name: 'domain', value: 'contoso.onmicrosoft.com' }],
			},
		]);
	} finally {
		await nz.stop();
	}
});
