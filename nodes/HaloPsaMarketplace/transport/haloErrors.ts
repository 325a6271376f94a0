import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { looksLikeHtml, notResentNote, parseMaybeJson, type HttpFailure } from '../../shared/httpFailure';

export interface HaloCallContext {
	method: string;
	path: string;
	/** What the user asked about, for 404s: "E-Commerce Order 42". */
	subject?: string;
	itemIndex: number;
	attempts?: number;
	/** False for creates: a failure after sending may hide a record that was saved. */
	idempotent?: boolean;
}


/** The server's own words from any of Halo's error shapes: plain text, {Message}, {ClassName, Message}, {error}, field-keyed. */
export function haloMessage(failure: HttpFailure): string | undefined {
	const text = failure.bodyText?.trim();
	if (!text) return undefined;
	if (looksLikeHtml(text)) return undefined;
	const parsed = parseMaybeJson(failure.body) as Record<string, unknown> | string | undefined;
	if (parsed === undefined) return text.slice(0, 500);
	if (typeof parsed === 'string') return parsed;
	if (Array.isArray(parsed)) return parsed.map(String).join('; ');
	for (const key of ['Message', 'message', 'error_description', 'error', 'title', 'detail']) {
		const value = parsed[key];
		if (typeof value === 'string' && value) return value;
	}
	const fieldMessages = Object.entries(parsed)
		.filter(([, value]) => Array.isArray(value) || typeof value === 'string')
		.map(([field, value]) => `${field}: ${Array.isArray(value) ? value.join(', ') : value}`);
	return fieldMessages.length ? fieldMessages.join('; ') : text.slice(0, 500);
}

/** One clear NodeApiError per failure kind. Built from a clean object so no request headers leak into it. */
export function haloApiError(node: INode, failure: HttpFailure, call: HaloCallContext): NodeApiError {
	const where = `${call.method} /api/${call.path}`;
	const server = haloMessage(failure);
	let message: string;
	let description: string;
	if (failure.tokenProblem) {
		return new NodeApiError(node, { message: failure.tokenProblem } as JsonObject, {
			message: failure.tokenProblem,
			description: 'Open the HaloPSA Marketplace credential, correct it and use "Test" to check it.',
			itemIndex: call.itemIndex,
		});
	}
	switch (failure.status) {
		case 400:
			message = `HaloPSA refused the request: ${server ?? 'bad request'}`;
			description = `Halo validated ${where} and answered 400. Correct the field it names (for example a mandatory field) and run again.`;
			break;
		case 401:
			message = 'HaloPSA did not accept the access token, even after fetching a new one';
			description = 'Check the credential: Client ID, Client Secret, Tenant and that the API application is active in HaloPSA.';
			break;
		case 403:
			message = `HaloPSA refused permission for ${where}`;
			description = `The API application (or the agent it logs in as) lacks the permission this call needs${server ? ` (${server})` : ''}. In HaloPSA open Configuration > Integrations > Halo API > the application's Permissions and allow this area, or use scope "all".`;
			break;
		case 404:
			message = call.subject ? `${call.subject} was not found in HaloPSA` : `HaloPSA has no ${where}`;
			description = call.subject
				? 'Check the ID: the record may have been deleted, or it belongs to another tenant.'
				: 'Check the Resource Server URL in the credential.';
			break;
		case 429:
			message = `HaloPSA rate limit reached, still refused after ${call.attempts ?? 1} attempts`;
			description = `${server ?? 'Too many requests'}. Hosted Halo allows about 300 requests per 5 minutes: lower the batch size, add a Wait node, or schedule the workflow less often.`;
			break;
		default:
			if (failure.status && failure.status >= 500) {
				message = `HaloPSA had an internal error (HTTP ${failure.status}) on ${where}`;
				description = `${server ?? (looksLikeHtml(failure.bodyText) ? 'The server answered with an HTML error page.' : 'No details were given.')} Try again later; if it persists, check HaloPSA's status.`;
			} else if (!failure.status && /ECONNABORTED|ETIMEDOUT|timeout/i.test(`${failure.code} ${failure.message}`)) {
				message = `HaloPSA did not answer ${where} in time`;
				description = 'HaloPSA did not answer within the node\'s Timeout (Seconds). Try again later, or raise the timeout if this call is slow on your instance.';
			} else if (!failure.status) {
				message = `Could not reach HaloPSA for ${where}: ${failure.code ?? failure.message}`;
				description = 'Check the Resource Server URL and that the HaloPSA instance is reachable from n8n.';
			} else {
				message = `HaloPSA answered HTTP ${failure.status} on ${where}${server ? `: ${server}` : ''}`;
				description = 'See the HaloPSA API documentation for this call.';
			}
	}
	const notResent = notResentNote(failure, call.idempotent, 'HaloPSA', 'Check with Get Many (or in HaloPSA) whether the record exists before running again.');
	if (notResent) description = `${notResent} ${description}`;
	// For a dropped connection n8n's routing engine puts its own wording in the message ("The connection to the
	// server was closed unexpectedly…"); the description below, with what to check, is kept.
	const clean: JsonObject = { message, httpCode: failure.status ? String(failure.status) : 'none' };
	if (server) clean.serverMessage = server;
	return new NodeApiError(node, clean, {
		message,
		description,
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: call.itemIndex,
	});
}
