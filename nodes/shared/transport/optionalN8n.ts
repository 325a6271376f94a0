/**
 * n8n-workflow functions the package uses where the running n8n has them: the rules for a
 * credential's allowed domains came in n8n 2.20 and later, and on an older n8n there is nothing to
 * enforce. One lookup for all of them, so each caller reads the same way.
 */
import * as workflow from 'n8n-workflow';

export function optionalN8nFunction<F extends (...args: never[]) => unknown>(
	name: string,
): F | undefined {
	const found = (workflow as Record<string, unknown>)[name];
	return typeof found === 'function' ? (found as F) : undefined;
}
