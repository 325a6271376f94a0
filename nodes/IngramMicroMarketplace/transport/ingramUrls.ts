/** Ingram Micro Cloud Marketplace addresses: the region is part of the base URL. */
import { baseUrlExpression, baseUrlOf } from '../../shared/baseUrl';

export const INGRAM_DEFAULT_BASE = 'https://api.cloud.im/marketplace/eu';
export const INGRAM_CREDENTIAL = 'ingramMicroMarketplaceApi';

export function marketplaceBase(baseUrl: unknown): string {
	return baseUrlOf(baseUrl, INGRAM_DEFAULT_BASE);
}

/** `marketplaceBase` of the credential's Base URL, for the credential's test request. */
const BASE_URL = baseUrlExpression('$credentials.baseUrl', INGRAM_DEFAULT_BASE);
export const MARKETPLACE_BASE_EXPRESSION = `={{${BASE_URL}}}`;
