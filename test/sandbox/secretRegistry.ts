/**
 * Every secret the sandboxes know: the credential secrets they were started with and every token they
 * hand out. Each real-n8n suite ends with a sweep for them (RealN8n.cleanup), so the whole e2e suite is
 * also a secrets test.
 */
const secrets = new Set<string>();

export function rememberSecret(...values: Array<string | undefined>) {
	for (const value of values) if (value && value.length >= 8) secrets.add(value);
}

export const knownSecrets = () => [...secrets];
