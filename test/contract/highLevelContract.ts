/**
 * HighLevel's own OpenAPI (its Payments API and its OAuth 2.0 API, extracted by
 * scripts/extract-contracts.mjs) as the judge of the requests the package sends: openapi-backend matches
 * each request to a documented operation and validates its path parameters, query, headers (`Version`) and
 * body against the vendor's schemas.
 */
import type OpenAPIBackend from 'openapi-backend';
import type { LoggedRequest } from '../sandbox/httpKit';
import { openApiChecker, readExtract, violationText } from './openApi';

const SPECS = {
	payments: { file: 'highlevel-payments.contract.json', name: 'payments.json' },
	oauth: { file: 'highlevel-oauth.contract.json', name: 'oauth.json' },
};
const checkers = new Map<string, Promise<OpenAPIBackend>>();

/**
 * The spec with every object schema that lists its properties closed (`additionalProperties: false` where it
 * says nothing): an answer with a field the vendor does not document is refused. Where payments.json's type
 * contradicts its own example, the example is what the API answers: a bare `type: object` (a transaction's or
 * subscription's status, a subscription's altType, whose examples are strings) is not typed, and an order's
 * `items`, typed as strings with an item object as example, is an array of anything.
 */
function closed(value: unknown, name = ''): unknown {
	if (Array.isArray(value)) return value.map((inner) => closed(inner));
	if (!value || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, inner] of Object.entries(value)) out[key] = closed(inner, key);
	if (out.properties && typeof out.properties === 'object' && !('additionalProperties' in out))
		out.additionalProperties = false;
	if (out.type === 'object' && !out.properties && !out.allOf) delete out.type;
	if (name === 'GetOrderResponseSchema') {
		const properties = out.properties as Record<string, Record<string, unknown>>;
		properties.items = { ...properties.items, items: {} };
	}
	return out;
}

function checkerFor(spec: keyof typeof SPECS, strict: boolean) {
	const key = `${spec}:${strict}`;
	if (!checkers.has(key)) {
		const definition = readExtract(SPECS[spec].file);
		checkers.set(
			key,
			openApiChecker(strict ? (closed(definition) as typeof definition) : definition),
		);
	}
	return checkers.get(key)!;
}

/** A request's path without its query, and the spec that documents that path (oauth.json or payments.json). */
function pathAndSpec(request: LoggedRequest) {
	const path = request.path.split('?')[0];
	const spec: keyof typeof SPECS = path.startsWith('/oauth/') ? 'oauth' : 'payments';
	return { path, spec };
}

/** One request against the spec: undefined when it is a documented call made as documented. */
export async function contractViolation(request: LoggedRequest): Promise<string | undefined> {
	const { path, spec } = pathAndSpec(request);
	const api = await checkerFor(spec, false);
	const name = SPECS[spec].name;
	const call = {
		method: request.method.toLowerCase(),
		path,
		query: request.query,
		headers: request.headers as Record<string, string>,
		body: request.body,
	};
	const operation = api.matchOperation(call);
	if (!operation) return `${request.method} ${path}: no such operation in ${name}`;
	const result = api.validateRequest(call, operation);
	if (result.valid) return undefined;
	const where = `${request.method} ${path} (${name} ${operation.operationId})`;
	return violationText(where, result.errors, '(request)');
}

/** What one check finds in each of the requests, one line a violation. */
async function everyViolation(
	requests: readonly LoggedRequest[],
	check: (request: LoggedRequest) => Promise<string | undefined>,
): Promise<string[]> {
	const found = await Promise.all(requests.map(check));
	return found.filter((violation): violation is string => violation !== undefined);
}

/** Every request the spec does not document as made. */
export const contractViolations = (requests: readonly LoggedRequest[]) =>
	everyViolation(requests, contractViolation);

/**
 * One answer against the spec's response schema for its status, closed: undefined when it is what the vendor
 * documents with no field it lacks (answers of failed calls and calls the spec lacks are not judged here).
 */
export async function answerViolation(request: LoggedRequest): Promise<string | undefined> {
	const status = request.status ?? 0;
	if (status < 200 || status >= 300 || request.answer === undefined) return undefined;
	const { path, spec } = pathAndSpec(request);
	const api = await checkerFor(spec, true);
	const operation = api.matchOperation({ method: request.method.toLowerCase(), path, headers: {} });
	if (!operation) return undefined;
	const result = api.validateResponse(request.answer, operation, status);
	if (result.valid) return undefined;
	const where = `${request.method} ${path} answered ${status} (${SPECS[spec].name} ${operation.operationId})`;
	return violationText(where, result.errors, '(answer)');
}

/** Every answer that is not what the spec documents. */
export const answerViolations = (requests: readonly LoggedRequest[]) =>
	everyViolation(requests, answerViolation);
