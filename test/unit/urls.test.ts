/** The base-URL and token-URL rules of the three APIs, as users paste them. */
import { apiBaseUrl, tokenUrl } from '../../nodes/HaloPsaMarketplace/transport/haloUrls';
import { apiUrl, HIGHLEVEL_API_URL } from '../../nodes/HighLevelPayments/transport/highLevelUrls';
import { INGRAM_DEFAULT_BASE, marketplaceBase } from '../../nodes/IngramMicroMarketplace/transport/ingramUrls';

describe('HaloPSA', () => {
	test.each([
		['https://acme.halopsa.com', 'https://acme.halopsa.com/api'],
		['https://acme.halopsa.com/', 'https://acme.halopsa.com/api'],
		[' https://acme.halopsa.com/api/ ', 'https://acme.halopsa.com/api'],
		['https://acme.halopsa.com/API', 'https://acme.halopsa.com/api'],
	])('resource server %j -> %s', (given, expected) => expect(apiBaseUrl(given)).toBe(expected));

	test('hosted: the authorisation server with the tenant in the query', () => {
		expect(tokenUrl({ hostingType: 'hosted', resourceServerUrl: 'https://acme.halopsa.com/api', authServerUrl: 'https://auth.halopsa.com/', tenant: 'acme ltd' })).toBe('https://auth.halopsa.com/token?tenant=acme%20ltd');
	});
	test('hosted without an authorisation server: {instance}/auth', () => {
		expect(tokenUrl({ hostingType: 'hosted', resourceServerUrl: 'https://acme.halopsa.com/api', tenant: 'acme' })).toBe('https://acme.halopsa.com/auth/token?tenant=acme');
	});
	test('own instance: {instance}/auth/token and no tenant, whatever the other fields say', () => {
		expect(tokenUrl({ hostingType: 'onPremise', resourceServerUrl: 'https://halo.internal/api/', authServerUrl: 'https://elsewhere', tenant: 'x' })).toBe('https://halo.internal/auth/token');
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
		expect(marketplaceBase('https://api.cloud.im/marketplace/na//')).toBe('https://api.cloud.im/marketplace/na');
	});
});
