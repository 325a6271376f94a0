/** HighLevel addresses shared by the credentials, the node and the trigger. */
import { baseUrlExpression, baseUrlOf } from '../../shared/baseUrl';

export const HIGHLEVEL_API_URL = 'https://services.leadconnectorhq.com';
/**
 * The authorize pages HighLevel's docs name (`/v2/oauth/chooselocation`); its SDK still opens the
 * older path without `/v2`, so that one stays selectable.
 */
export const HIGHLEVEL_AUTHORIZE_URL =
	'https://marketplace.gohighlevel.com/v2/oauth/chooselocation';
export const HIGHLEVEL_WHITE_LABEL_AUTHORIZE_URL =
	'https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation';
export const HIGHLEVEL_OLDER_AUTHORIZE_URL =
	'https://marketplace.gohighlevel.com/oauth/chooselocation';
export const HIGHLEVEL_OLDER_WHITE_LABEL_AUTHORIZE_URL =
	'https://marketplace.leadconnectorhq.com/oauth/chooselocation';

/** The only API version the payments endpoints list; every call sends it. */
export const HIGHLEVEL_API_VERSION = '2021-07-28';

export const PAYMENTS_SCOPES = [
	'payments/orders.readonly',
	'payments/orders.write',
	'payments/integration.readonly',
	'payments/integration.write',
	'payments/transactions.readonly',
	'payments/subscriptions.readonly',
];

export const HIGHLEVEL_APP_CREDENTIAL = 'highLevelPaymentsOAuth2Api';
export const HIGHLEVEL_API_CREDENTIAL = 'highLevelPaymentsApi';

export function apiUrl(base: unknown): string {
	return baseUrlOf(base, HIGHLEVEL_API_URL);
}

/**
 * `apiUrl` of a credential's API Base URL (`$credentials.apiBaseUrl`, or `$self.apiBaseUrl` inside
 * the credential).
 */
export const apiUrlExpression = (field: string) => baseUrlExpression(field, HIGHLEVEL_API_URL);
