/** `npm run sandbox`: the sandbox servers as a standalone process for the demo and manual use. */
import { HaloSandbox } from './haloSandbox';

async function main() {
	const port = Number(process.env.HALO_SANDBOX_PORT ?? 5680);
	const halo = new HaloSandbox({ tokenTtlSeconds: Number(process.env.HALO_TOKEN_TTL ?? 3600) });
	const url = await halo.start(port);
	process.stdout.write(
		`HaloPSA sandbox on ${url}\n` +
			`  Resource Server URL: ${url}\n  Authorisation Server URL: ${url}/auth\n  Tenant: ${halo.options.tenant}\n` +
			`  Client ID: ${halo.options.clientId}\n  Client Secret: ${halo.options.clientSecret}\n`,
	);
	const stop = async () => {
		await halo.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
