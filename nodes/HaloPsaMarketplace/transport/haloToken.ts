import { createHash } from 'crypto';
import type { IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { tokenUrl } from './haloUrls';

export interface HaloCredentialData extends IDataObject {
	hostingType: string;
	resourceServerUrl: string;
	authServerUrl: string;
	tenant: string;
	clientId: string;
	clientSecret: string;
	scope: string;
	accessToken: string;
}

/**
 * Token requests in flight, keyed by token URL + client. n8n runs a node's items concurrently, so
 * the first execution's items would otherwise each fetch a token. Only promises still in flight live
 * here: the token itself is kept by n8n in the credential, across items, executions and processes.
 */
const inFlight = new Map<string, Promise<string>>();

export async function fetchHaloToken(this: IHttpRequestHelper, credentials: HaloCredentialData): Promise<string> {
	const url = tokenUrl(credentials);
	const flightKey = createHash('sha256')
		.update(`${url}\n${credentials.clientId}\n${credentials.clientSecret}\n${credentials.scope}`)
		.digest('hex');
	const pending = inFlight.get(flightKey);
	if (pending) return await pending;
	const request = requestToken.call(this, url, credentials).finally(() => inFlight.delete(flightKey));
	inFlight.set(flightKey, request);
	return await request;
}

async function requestToken(this: IHttpRequestHelper, url: string, credentials: HaloCredentialData): Promise<string> {
	const form = new URLSearchParams({
		grant_type: 'client_credentials',
		client_id: credentials.clientId ?? '',
		client_secret: credentials.clientSecret ?? '',
		scope: (credentials.scope ?? '').trim() || 'all',
	});
	const options: IHttpRequestOptions = {
		method: 'POST',
		url,
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
		body: form.toString(),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
		encoding: 'text',
	};
	let response: { statusCode: number; body: unknown };
	try {
		response = (await this.helpers.httpRequest(options)) as { statusCode: number; body: unknown };
	} catch (error) {
		throw new Error(
			`Could not reach the HaloPSA token URL ${url}: ${(error as Error).message}. Check the Authorisation Server URL (hosted) or the Resource Server URL (own instance).`,
		);
	}
	const parsed = parseJson(response.body);
	if (parsed === undefined) {
		throw new Error(
			`The HaloPSA token URL ${url} answered HTTP ${response.statusCode} with a web page, not a token. ` +
				'Copy the Authorisation Server URL from HaloPSA (Configuration > Integrations > Halo API > API Details) and check the Hosting Type.',
		);
	}
	const error = typeof parsed.error === 'string' ? parsed.error : undefined;
	if (response.statusCode >= 400 || error || typeof parsed.access_token !== 'string') {
		const detail = typeof parsed.error_description === 'string' ? `: ${parsed.error_description}` : '';
		if (error === 'invalid_client' || response.statusCode === 401) {
			throw new Error(
				`HaloPSA rejected the client ID or client secret (invalid_client${detail}). Check the Client ID and Client Secret of the API application in HaloPSA (Configuration > Integrations > Halo API > View Applications) and that it uses Client ID and Secret (Services) authentication.`,
			);
		}
		if (error === 'invalid_scope') {
			throw new Error(`HaloPSA refused the scope "${credentials.scope}" (invalid_scope${detail}). Use "all" or scopes the API application allows.`);
		}
		throw new Error(`HaloPSA did not issue a token (HTTP ${response.statusCode}${error ? `, ${error}` : ''}${detail}).`);
	}
	return parsed.access_token;
}

function parseJson(body: unknown): IDataObject | undefined {
	if (body && typeof body === 'object' && !Buffer.isBuffer(body)) return body as IDataObject;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? '');
	try {
		const value = JSON.parse(text);
		return value && typeof value === 'object' ? (value as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}
