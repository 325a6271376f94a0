/** The base-URL and token-URL rules of the three APIs, as users paste them. */
import {
	API_BASE_URL_EXPRESSION,
	apiBaseUrl,
	tokenUrl,
} from '../../nodes/HaloPsaMarketplace/transport/haloUrls';
import {
	apiUrl,
	apiUrlExpression,
	HIGHLEVEL_API_URL,
} from '../../nodes/HighLevelPayments/transport/highLevelUrls';
import {
	INGRAM_DEFAULT_BASE,
	MARKETPLACE_BASE_EXPRESSION,
	marketplaceBase,
} from '../../nodes/IngramMicroMarketplace/transport/ingramUrls';

describe('HaloPSA', () => {
	test.each([
		['https://acme.halopsa.com', 'https://acme.halopsa.com/api'],
		['https://acme.halopsa.com/', 'https://acme.halopsa.com/api'],
		[' https://acme.halopsa.com/api/ ', 'https://acme.halopsa.com/api'],
		['https://acme.halopsa.com/API', 'https://acme.halopsa.com/api'],
	])('resource server %j -> %s', (given, expected) => expect(apiBaseUrl(given)).toBe(expected));

	test('hosted: the authorisation server with the tenant in the query', () => {
		expect(
			tokenUrl({
				hostingType: 'hosted',
				resourceServerUrl: 'https://acme.halopsa.com/api',
				authServerUrl: 'https://auth.halopsa.com/',
				tenant: 'acme ltd',
			}),
		).toBe('https://auth.halopsa.com/token?tenant=acme%20ltd');
	});
	test('hosted without an authorisation server: {instance}/auth', () => {
		expect(
			tokenUrl({
				hostingType: 'hosted',
				resourceServerUrl: 'https://acme.halopsa.com/api',
				tenant: 'acme',
			}),
		).toBe('https://acme.halopsa.com/auth/token?tenant=acme');
	});
	test('own instance: {instance}/auth/token and no tenant, whatever the other fields say', () => {
		expect(
			tokenUrl({
				hostingType: 'onPremise',
				resourceServerUrl: 'https://halo.internal/api/',
				authServerUrl: 'https://elsewhere',
				tenant: 'x',
			}),
		).toBe('https://halo.internal/auth/token');
	});
});

describe('HighLevel and Ingram Micro', () => {
	test('HighLevel: the documented host by default, a trailing slash dropped', () => {
		expect(apiUrl(undefined)).toBe(HIGHLEVEL_API_URL);
		expect(apiUrl('  ')).toBe(HIGHLEVEL_API_URL);
		expect(apiUrl('http://127.0.0.1:9/')).toBe('http://127.0.0.1:9');
	});
	test('Ingram Micro: the region stays part of the base URL', () => {
		expect(marketplaceBase('')).toBe(INGRAM_DEFAULT_BASE);
		expect(marketplaceBase('https://api.cloud.im/marketplace/na//')).toBe(
			'https://api.cloud.im/marketplace/na',
		);
	});
});

describe('the same rules as the expressions the credentials give n8n', () => {
	// The credentials' test requests (and HighLevel's token URL) are resolved by n8n from an expression: it must say
	// what the node's code does. The JavaScript inside `={{ }}` is evaluated here as n8n's expression engine would.
	const evaluate = (expression: string, field: unknown, name: string) => {
		const match = /^=\{\{(.*)\}\}(.*)$/s.exec(expression)!;
		const value = new Function(name, `return ${match[1]};`)({
			resourceServerUrl: field,
			apiBaseUrl: field,
			baseUrl: field,
		}) as string;
		return `${value}${match[2]}`;
	};
	const typed = [
		'https://acme.example.com',
		'https://acme.example.com/',
		'  https://acme.example.com/api//  ',
		'https://acme.example.com/API',
		'',
		'   ',
		undefined,
		'/',
	];

	test.each(typed)('%j', (field) => {
		if (typeof field === 'string' && field.trim().replace(/\/+$/, ''))
			expect(evaluate(API_BASE_URL_EXPRESSION, field, '$credentials')).toBe(apiBaseUrl(field));
		expect(
			evaluate(`={{${apiUrlExpression('$credentials.apiBaseUrl')}}}`, field, '$credentials'),
		).toBe(apiUrl(field));
		expect(evaluate(`={{${apiUrlExpression('$self.apiBaseUrl')}}}`, field, '$self')).toBe(
			apiUrl(field),
		);
		expect(evaluate(MARKETPLACE_BASE_EXPRESSION, field, '$credentials')).toBe(
			marketplaceBase(field),
		);
	});
});
