/**
 * HighLevel's own OpenAPI (its Payments API and its OAuth 2.0 API, extracted by
 * scripts/extract-contracts.mjs) as the judge of the requests the package sends: openapi-backend matches
 * each request to a documented operation and validates its path parameters, query, headers (`Version`) and
 * body against the vendor's schemas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type OpenAPIBackend from 'openapi-backend';
import type { LoggedRequest } from '../sandbox/httpKit';
import { openApiChecker, violationText } from './openApi';

const definitionOf = (file: string) =>
	JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as Record<string, unknown>;

const SPECS = {
	payments: { file: 'highlevel-payments.contract.json', name: 'payments.json' },
	oauth: { file: 'highlevel-oauth.contract.json', name: 'oauth.json' },
};
const checkers = new Map<keyof typeof SPECS, Promise<OpenAPIBackend>>();

/** One request against the spec: undefined when it is a documented call made as documented. */
export async function contractViolation(request: LoggedRequest): Promise<string | undefined> {
	const path = request.path.split('?')[0];
	const spec = path.startsWith('/oauth/') ? 'oauth' : 'payments';
	if (!checkers.has(spec)) checkers.set(spec, openApiChecker(definitionOf(SPECS[spec].file)));
	const api = await checkers.get(spec)!;
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

/** Every violation among the requests, one line each. */
export async function contractViolations(requests: readonly LoggedRequest[]): Promise<string[]> {
	const out: string[] = [];
	for (const request of requests) {
		const violation = await contractViolation(request);
		if (violation) out.push(violation);
	}
	return out;
}
