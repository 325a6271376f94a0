/** URL rules shared by the credential, the node and the trigger. */
import { baseUrlExpression, baseUrlOf } from '../../shared/baseUrl';

const API_SUFFIX = /\/api$/i;

/** The instance URL without a trailing `/api`, so users may paste either form. */
export function instanceUrl(resourceServerUrl: string): string {
	return baseUrlOf(resourceServerUrl).replace(API_SUFFIX, '');
}

export function apiBaseUrl(resourceServerUrl: string): string {
	return `${instanceUrl(resourceServerUrl)}/api`;
}

/** `apiBaseUrl` of the credential's Resource Server URL, for the credential's test request. */
const RESOURCE_SERVER = baseUrlExpression('$credentials.resourceServerUrl', '', [API_SUFFIX]);
export const API_BASE_URL_EXPRESSION = `={{${RESOURCE_SERVER}}}/api`;

/**
 * Hosted by Halo: `{authorisation server}/token?tenant=…`. Own instance / on-premise:
 * `{instance}/auth/token`, no tenant. (n8n's built-in Halo credential mixes these up.)
 */
export function tokenUrl(credentials: {
	hostingType?: string;
	resourceServerUrl: string;
	authServerUrl?: string;
	tenant?: string;
}): string {
	if (credentials.hostingType === 'onPremise') {
		return `${instanceUrl(credentials.resourceServerUrl)}/auth/token`;
	}
	const authServer =
		baseUrlOf(credentials.authServerUrl) || `${instanceUrl(credentials.resourceServerUrl)}/auth`;
	const tenant = (credentials.tenant ?? '').trim();
	return tenant
		? `${authServer}/token?tenant=${encodeURIComponent(tenant)}`
		: `${authServer}/token`;
}
