import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';
import { looksLikeHtml, notResentNote, parseMaybeJson, type HttpFailure } from '../../shared/httpFailure';

export interface PaymentsCallContext {
	method: string;
	path: string;
	/** What the user asked about, for "not found": "Order 65f…". */
	subject?: string;
	itemIndex: number;
	attempts: number;
	credentialKind: 'oAuth2' | 'apiKey';
	locationId?: string;
	/** False for creates: a failure after sending may hide a record that was saved. */
	idempotent?: boolean;
}

/** HighLevel's error body: `{statusCode, message, error, traceId}`, where `message` may be an array (422). */
export function highLevelMessage(failure: HttpFailure): { message?: string; traceId?: string } {
	const parsed = parseMaybeJson(failure.body) as Record<string, unknown> | undefined;
	if (!parsed || typeof parsed !== 'object') {
		const text = failure.bodyText?.trim();
		return { message: text && !looksLikeHtml(text) ? text.slice(0, 500) : undefined };
	}
	const raw = parsed.message ?? parsed.msg ?? parsed.error_description ?? parsed.error;
	const message = Array.isArray(raw) ? raw.map(String).join('; ') : typeof raw === 'string' ? raw : undefined;
	const traceId = typeof parsed.traceId === 'string' ? parsed.traceId : undefined;
	return { message, traceId };
}

/** One clear NodeApiError per failure kind; built from a clean object so no request headers (tokens) leak into it. */
export function highLevelApiError(node: INode, failure: HttpFailure, call: PaymentsCallContext): NodeApiError {
	const where = `${call.method} ${call.path}`;
	const { message: server, traceId } = highLevelMessage(failure);
	const headers = failure.headers;
	let message: string;
	let description: string;
	const notFound = failure.status === 404 || (failure.status === 400 && /not\s*found/i.test(server ?? ''));
	if (failure.tokenProblem) {
		message = failure.tokenProblem;
		description = 'Open the HighLevel Payments credential, correct it and reconnect or test it.';
	} else if (notFound) {
		message = call.subject ? `${call.subject} was not found in HighLevel` : `HighLevel has no ${where}`;
		description = `HighLevel said: ${server ?? 'not found'}. Check the ID and that it belongs to location ${call.locationId ?? '(unknown)'}.`;
	} else {
		switch (failure.status) {
			case 400:
			case 422:
				message = `HighLevel rejected the request: ${server ?? 'invalid request'}`;
				description = `HighLevel validated ${where} and answered ${failure.status}. Correct the parameters it names and run again.`;
				break;
			case 401:
				message = `HighLevel did not accept the token${server ? ` (${server})` : ''}`;
				description =
					call.credentialKind === 'oAuth2'
						? 'n8n already tried a fresh token. Reconnect the HighLevel Payments OAuth2 credential, and check that the app is still installed in the sub-account and has the payments scopes.'
						: 'Check the Private Integration Token in the credential: it may have been rotated or deleted, or lack the payments scopes.';
				break;
			case 403:
				message = `HighLevel refused access${call.locationId ? ` to location ${call.locationId}` : ''}: ${server ?? 'forbidden'}`;
				description = 'Set Location ID (in the node or the credential) to the sub-account the token was issued for, or grant the token the scope this call needs.';
				break;
			case 429: {
				const interval = Number(headers['x-ratelimit-interval-milliseconds']);
				const max = headers['x-ratelimit-max'];
				const daily = headers['x-ratelimit-daily-remaining'];
				message = `HighLevel rate limit reached, still refused after ${call.attempts} attempts`;
				description = `HighLevel allows ${max ?? 100} requests per ${Number.isFinite(interval) ? interval / 1000 : 10} seconds${daily !== undefined ? ` (${daily} left today)` : ''}. Lower the number of items per run, add a Wait node, or poll less often.`;
				break;
			}
			default:
				if (failure.status && failure.status >= 500) {
					message = `HighLevel had an internal error (HTTP ${failure.status}) on ${where}`;
					description = `${server ?? (looksLikeHtml(failure.bodyText) ? 'The server answered with an HTML error page.' : 'No details were given.')} Try again later.`;
				} else if (!failure.status) {
					message = `Could not reach HighLevel for ${where}: ${failure.code ?? failure.message}`;
					description = 'Check the API Base URL in the credential and that n8n can reach it.';
				} else {
					message = `HighLevel answered HTTP ${failure.status} on ${where}${server ? `: ${server}` : ''}`;
					description = 'See the HighLevel API documentation for this call.';
				}
		}
	}
	if (traceId) {
		message += ` (trace ID ${traceId})`;
		description += ` Quote trace ID ${traceId} to HighLevel support.`;
	}
	const notResent = notResentNote(failure, call.idempotent, 'HighLevel', 'Check with Get Many (for a fulfillment: Order Fulfillment > Get Many of the order) before running again.');
	if (notResent) description = `${notResent} ${description}`;
	const clean: JsonObject = { message, httpCode: failure.status ? String(failure.status) : 'none' };
	if (server) clean.serverMessage = server;
	if (traceId) clean.traceId = traceId;
	return new NodeApiError(node, clean, { message, description, httpCode: failure.status ? String(failure.status) : undefined, itemIndex: call.itemIndex });
}
