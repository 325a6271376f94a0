/** `npm run sandbox`: the sandbox servers as a standalone process for the demo and manual use. */
import { HaloSandbox } from './haloSandbox';
import { HighLevelSandbox } from './highLevelSandbox';
import { IngramSandbox } from './ingramSandbox';

async function main() {
	const halo = new HaloSandbox({ tokenTtlSeconds: Number(process.env.HALO_TOKEN_TTL ?? 3600) });
	const haloUrl = await halo.start(Number(process.env.HALO_SANDBOX_PORT ?? 5680));
	const highLevel = new HighLevelSandbox();
	const highLevelUrl = await highLevel.start(Number(process.env.HIGHLEVEL_SANDBOX_PORT ?? 5681));
	const ingram = new IngramSandbox();
	const ingramBase = await ingram.start(Number(process.env.INGRAM_SANDBOX_PORT ?? 5682));
	process.stdout.write(
		`HaloPSA sandbox on ${haloUrl}\n` +
			`  Resource Server URL: ${haloUrl}\n  Authorisation Server URL: ${haloUrl}/auth\n  Tenant: ${halo.options.tenant}\n` +
			`  Client ID: ${halo.options.clientId}\n  Client Secret: ${halo.options.clientSecret}\n` +
			`HighLevel sandbox on ${highLevelUrl}\n` +
			`  API Base URL: ${highLevelUrl}\n  Authorization Page: Custom, ${highLevelUrl}/oauth/chooselocation\n` +
			`  Client ID: ${highLevel.options.clientId}\n  Client Secret: ${highLevel.options.clientSecret}\n` +
			`  Private Integration Token: ${highLevel.options.privateToken}\n  Location ID: ${highLevel.options.locationId}\n` +
			`Ingram Micro sandbox on ${ingramBase}\n` +
			`  Marketplace API URL: ${ingramBase}\n  API Username: ${ingram.options.username}\n  API Password: ${ingram.options.password}\n` +
			`  Subscription Key: ${ingram.options.subscriptionKey}\n  Marketplace Code: ${ingram.options.marketplace}\n`,
	);
	const stop = async () => {
		await halo.stop();
		await highLevel.stop();
		await ingram.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
