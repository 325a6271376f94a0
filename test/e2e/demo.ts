/** `npm run demo`: the Halo sandbox and a real n8n (SQLite) with this package, a sandbox credential and the example workflows. */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { HaloSandbox } from '../sandbox/haloSandbox';
import { RealN8n, ROOT } from './realN8n';

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const HALO_PORT = Number(process.env.HALO_SANDBOX_PORT ?? 5680);
const OWNER = { email: 'demo@example.com', firstName: 'Demo', lastName: 'User', password: 'Demo-password-1' };

async function main() {
	const halo = new HaloSandbox();
	const haloUrl = await halo.start(HALO_PORT);
	const n8n = new RealN8n({ userFolder: process.env.DEMO_USER_FOLDER });
	await n8n.importCredentials([
		{
			id: 'halo-sandbox',
			name: 'Halo sandbox',
			type: 'haloPsaMarketplaceOAuth2Api',
			data: { hostingType: 'hosted', resourceServerUrl: haloUrl, authServerUrl: `${haloUrl}/auth`, tenant: halo.options.tenant, clientId: halo.options.clientId, clientSecret: halo.options.clientSecret, scope: 'all' },
		},
	]);
	const examples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.json'));
	for (const [index, file] of examples.entries()) {
		const workflow = JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8'));
		await n8n.importWorkflow({ id: `demo${index + 1}`, active: false, ...workflow });
	}
	const child = n8n.start(N8N_PORT);
	const editor = `http://127.0.0.1:${N8N_PORT}`;
	for (let i = 0; i < 120; i++) {
		try {
			if ((await fetch(`${editor}/healthz`)).ok) break;
		} catch {
			// not up yet
		}
		await new Promise((r) => setTimeout(r, 1000));
	}
	const setup = await fetch(`${editor}/rest/owner/setup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(OWNER) }).catch(() => undefined);
	process.stdout.write(
		`\nHaloPSA sandbox: ${haloUrl}\nn8n editor:      ${editor}\nlogin:           ${OWNER.email} / ${OWNER.password}${setup?.ok ? '' : ' (owner already set up, or create one in the browser)'}\n` +
			`workflows:       ${examples.join(', ')}\nstop with Ctrl+C\n`,
	);
	const stop = async () => {
		child.kill('SIGTERM');
		await halo.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	child.on('exit', stop);
}

void main();
