/** `npm run demo` as a user meets it: the editor answers, the printed login works, the package's nodes and the sandbox credentials are there. */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from '../sandbox/collector';
import { DEMO_OWNER, startDemo } from './demo';

jest.setTimeout(20 * 60_000);

test('demo: owner login, nodes in the node panel list, sandbox credentials and example workflows imported', async () => {
	const userFolder = mkdtempSync(join(tmpdir(), 'n8n-demo-'));
	const demo = await startDemo({ n8nPort: await freePort(), userFolder });
	try {
		const login = await fetch(`${demo.editor}/rest/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password }) });
		expect(login.status).toBe(200);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		expect(cookie).toMatch(/^n8n-auth=/);
		const typesText = await (await fetch(`${demo.editor}/types/nodes.json`, { headers: { cookie } })).text();
		const types = JSON.parse(typesText) as Array<{ name: string }>;
		const ours = types.map((t) => t.name).filter((n) => n.startsWith('n8n-nodes-halopsa-marketplace.'));
		expect(ours.sort()).toEqual(
			// The three action nodes also appear as AI agent tools (usableAsTool).
			['haloPsaMarketplace', 'haloPsaMarketplaceTool', 'haloPsaMarketplaceTrigger', 'highLevelPayments', 'highLevelPaymentsPollingTrigger', 'highLevelPaymentsTool', 'highLevelPaymentsTrigger', 'ingramMicroMarketplace', 'ingramMicroMarketplaceTool'].map((n) => `n8n-nodes-halopsa-marketplace.${n}`),
		);
		const credentials = (await (await fetch(`${demo.editor}/rest/credentials`, { headers: { cookie } })).json()) as { data: Array<{ name: string; type: string }> };
		expect(credentials.data.map((c) => c.type).sort()).toEqual(['haloPsaMarketplaceOAuth2Api', 'highLevelPaymentsApi', 'highLevelPaymentsOAuth2Api', 'ingramMicroMarketplaceApi']);
		const workflows = (await (await fetch(`${demo.editor}/rest/workflows`, { headers: { cookie } })).json()) as { data: Array<{ name: string }> };
		expect(workflows.data.length).toBe(demo.examples.length);
	} finally {
		await demo.stop();
		rmSync(userFolder, { recursive: true, force: true });
	}
});
