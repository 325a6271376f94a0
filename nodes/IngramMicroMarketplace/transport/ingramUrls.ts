/** Ingram Micro Cloud Marketplace addresses: the region is part of the base URL. */
export const INGRAM_DEFAULT_BASE = 'https://api.cloud.im/marketplace/eu';
export const INGRAM_CREDENTIAL = 'ingramMicroMarketplaceApi';

export function marketplaceBase(baseUrl: unknown): string {
	const text = typeof baseUrl === 'string' && baseUrl.trim() ? baseUrl.trim() : INGRAM_DEFAULT_BASE;
	return text.replace(/\/+$/, '');
}
