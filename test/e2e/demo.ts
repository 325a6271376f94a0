/**
 * `npm run demo`: the three sandboxes and a real n8n (default SQLite) with this package loaded, the
 * sandbox credentials and the example workflows imported, and an owner set up through n8n's own
 * environment settings, so the editor opens straight to a login.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { startSandboxes } from '../sandbox/allSandboxes';
import { RealN8n, ROOT } from './realN8n';

export const DEMO_OWNER = {
	email: 'demo@example.com',
	firstName: 'Demo',
	lastName: 'User',
	password: 'Demo-password-1',
};

/** Starts everything; resolves when the editor answers and the owner can log in. */
export async function startDemo(options: {
	n8nPort: number;
	sandboxPorts?: {
		halo?: number;
		highLevel?: number;
		ingram?: number;
		alerts?: number;
		model?: number;
	};
	userFolder?: string;
}) {
	const sandboxes = await startSandboxes(options.sandboxPorts);
	const n8n = new RealN8n({ userFolder: options.userFolder });
	await n8n.importCredentials(sandboxes.credentials);
	const examples = readdirSync(join(ROOT, 'examples'))
		.filter((f) => f.endsWith('.json'))
		.sort();
	for (const [index, file] of examples.entries()) {
		const workflow = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8'));
		await n8n.importWorkflow({ id: `demo${index + 1}`, ...workflow, active: false });
	}
	const child = await n8n.startReady(options.n8nPort, n8n.ownerEnv(DEMO_OWNER));
	const editor = `http://127.0.0.1:${options.n8nPort}`;
	const stop = async () => {
		await n8n.stop(child);
		await sandboxes.stop();
	};
	return { sandboxes, n8n, child, editor, examples, stop };
}

async function main() {
	const demo = await startDemo({
		n8nPort: Number(process.env.N8N_PORT ?? 5678),
		sandboxPorts: {
			halo: Number(process.env.HALO_SANDBOX_PORT ?? 5680),
			highLevel: Number(process.env.HIGHLEVEL_SANDBOX_PORT ?? 5681),
			ingram: Number(process.env.INGRAM_SANDBOX_PORT ?? 5682),
			alerts: Number(process.env.ALERTS_PORT ?? 5683),
			model: Number(process.env.MODEL_PORT ?? 5684),
		},
		userFolder: process.env.DEMO_USER_FOLDER,
	});
	process.stdout.write(
		`\n${demo.sandboxes.description}\nn8n editor: ${demo.editor}\nlogin:      ${DEMO_OWNER.email} / ${DEMO_OWNER.password}\n` +
			`credentials: ${demo.sandboxes.credentials.map((c) => c.name).join(', ')}\nworkflows:   ${demo.examples.join(', ')}\nstop with Ctrl+C\n`,
	);
	demo.sandboxes.alerts.onReceive = ({ body }) =>
		process.stdout.write(`alert: ${JSON.stringify(body)}\n`);
	const stop = async () => {
		await demo.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	demo.child.on('exit', stop);
}

if (require.main === module) void main();
