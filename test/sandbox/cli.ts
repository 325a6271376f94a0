/** `npm run sandbox`: the sandbox servers as a standalone process for the demo and manual use. */
import { startSandboxes } from './allSandboxes';

async function main() {
	const sandboxes = await startSandboxes({
		halo: Number(process.env.HALO_SANDBOX_PORT ?? 5680),
		highLevel: Number(process.env.HIGHLEVEL_SANDBOX_PORT ?? 5681),
		ingram: Number(process.env.INGRAM_SANDBOX_PORT ?? 5682),
		alerts: Number(process.env.ALERTS_PORT ?? 5683),
	});
	sandboxes.alerts.onReceive = ({ body }) =>
		process.stdout.write(`alert: ${JSON.stringify(body)}\n`);
	process.stdout.write(sandboxes.description);
	const stop = async () => {
		await sandboxes.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
