/**
 * HighLevel's own OpenAPI (its Payments API, extracted by scripts/extract-contracts.mjs) as the judge of
 * the requests the package sends: openapi-backend matches each request to a documented operation and
 * validates its path parameters, query, headers (`Version`) and body against the vendor's schemas.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type OpenAPIBackend from 'openapi-backend';
import type { LoggedRequest } from '../sandbox/httpKit';
import { openApiChecker, violationText } from './openApi';

const definition = JSON.parse(
	readFileSync(join(__dirname, 'highlevel-payments.contract.json'), 'utf8'),
) as Record<string, unknown>;

let checker: Promise<OpenAPIBackend> | undefined;

/** One request against the spec: undefined when it is a documented call made as documented. */
export async function contractViolation(request: LoggedRequest): Promise<string | undefined> {
	const api = await (checker ??= openApiChecker(definition));
	const path = request.path.split('?')[0];
	const call = {
		method: request.method.toLowerCase(),
		path,
		query: request.query,
		headers: request.headers as Record<string, string>,
		body: request.body,
	};
	const operation = api.matchOperation(call);
	if (!operation) return `${request.method} ${path}: no such operation in payments.json`;
	const result = api.validateRequest(call, operation);
	if (result.valid) return undefined;
	const where = `${request.method} ${path} (payments.json ${operation.operationId})`;
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
