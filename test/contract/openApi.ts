/**
 * The validator both contract checks use: openapi-backend over a vendor's OpenAPI document (formats such as
 * date-time checked), and one way of saying what it found.
 */
import addFormats from 'ajv-formats';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import OpenAPIBackend from 'openapi-backend';

/**
 * A committed extract (test/contract/<file>), read beside this file, or, compiled into build/ (the sandbox
 * CLI), from the source tree it was compiled from.
 */
export function readExtract<T = Record<string, unknown>>(file: string): T {
	const beside = join(__dirname, file);
	const path = existsSync(beside)
		? beside
		: join(__dirname, '..', '..', '..', 'test', 'contract', file);
	return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** A ready validator for the document; `allErrors` lists every problem of a request, not only the first. */
export async function openApiChecker(
	definition: Record<string, unknown>,
	options: { allErrors?: boolean } = {},
): Promise<OpenAPIBackend> {
	const checker = new OpenAPIBackend({
		definition: definition as never,
		strict: false,
		validate: true,
		quick: false,
		ajvOpts: { strict: false, ...options },
		customizeAjv: (ajv) => {
			addFormats(ajv as never);
			return ajv;
		},
	});
	await checker.init();
	return checker;
}

/** "where: /path message {params}; …", each problem where it is (`whole` when at the root). */
export function violationText(
	where: string,
	errors:
		| ReadonlyArray<{ instancePath?: string; message?: string; params?: unknown }>
		| null
		| undefined,
	whole: string,
): string {
	return `${where}: ${(errors ?? [])
		.map(
			(e) =>
				`${e.instancePath || whole} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`,
		)
		.join('; ')}`;
}
