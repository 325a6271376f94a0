/**
 * `npm run demo` as a user meets it: the editor answers, the printed login works, the package's nodes and
 * the sandbox credentials are there; then the editor itself in headless Chromium: each node found in the
 * node panel by a vendor name, opened, its parameters rendered, its record pickers filled from the
 * sandboxes, with no console error. Screenshots are kept in test/artifacts/.
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from '../sandbox/collector';
import { DEMO_OWNER, startDemo } from './demo';
import { EditorSession, type EditorVisit } from './editorBrowser';

jest.setTimeout(20 * 60_000);

describe('the demo', () => {
	let demo: Awaited<ReturnType<typeof startDemo>>;
	let userFolder: string;

	beforeAll(async () => {
		userFolder = mkdtempSync(join(tmpdir(), 'n8n-demo-'));
		demo = await startDemo({ n8nPort: await freePort(), userFolder });
	});

	afterAll(async () => {
		await demo?.stop();
		// The secrets sweep every real-n8n suite ends with, then the folder goes.
		demo?.n8n.cleanup();
		rmSync(userFolder, { recursive: true, force: true });
	});

	test('owner login, nodes in the node panel list, sandbox credentials and example workflows imported', async () => {
		const login = await fetch(`${demo.editor}/rest/login`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: DEMO_OWNER.email, password: DEMO_OWNER.password }),
		});
		expect(login.status).toBe(200);
		const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
		expect(cookie).toMatch(/^n8n-auth=/);
		const typesText = await (
			await fetch(`${demo.editor}/types/nodes.json`, { headers: { cookie } })
		).text();
		const types = JSON.parse(typesText) as Array<{ name: string }>;
		const ours = types
			.map((t) => t.name)
			.filter((n) => n.startsWith('n8n-nodes-halopsa-marketplace.'));
		expect(ours.sort()).toEqual(
			// The three action nodes also appear as AI agent tools (usableAsTool).
			[
				'haloPsaMarketplace',
				'haloPsaMarketplaceTool',
				'haloPsaMarketplaceTrigger',
				'highLevelPayments',
				'highLevelPaymentsPollingTrigger',
				'highLevelPaymentsTool',
				'highLevelPaymentsTrigger',
				'ingramMicroMarketplace',
				'ingramMicroMarketplaceTool',
			].map((n) => `n8n-nodes-halopsa-marketplace.${n}`),
		);
		const credentials = (await (
			await fetch(`${demo.editor}/rest/credentials`, { headers: { cookie } })
		).json()) as { data: Array<{ name: string; type: string }> };
		// The sandboxes' credentials and the AI Agent example's scripted chat model (OpenAI-compatible).
		expect(credentials.data.map((c) => c.type).sort()).toEqual([
			'haloPsaMarketplaceOAuth2Api',
			'highLevelPaymentsApi',
			'highLevelPaymentsOAuth2Api',
			'ingramMicroMarketplaceApi',
			'openAiApi',
		]);
		const workflows = (await (
			await fetch(`${demo.editor}/rest/workflows`, { headers: { cookie } })
		).json()) as { data: Array<{ name: string }> };
		expect(workflows.data.length).toBe(demo.examples.length);
	});

	test('the editor in Chromium: every node found by a vendor name, opened, parameters and record pickers rendered, no console error', async () => {
		const visits: Array<[string, EditorVisit]> = [
			[
				'halo-pax8',
				{
					search: 'Pax8',
					entry: 'HaloPSA Marketplace',
					pick: 'Get a Pax8 Integration',
					parameters: ['resource', 'operation', 'recordId'],
					listFrom: 'recordId',
				},
			],
			[
				'halo-upsert',
				{
					search: 'Pax8',
					entry: 'HaloPSA Marketplace',
					pick: 'Create or update a Pax8 Integration',
					// The record to update first (a picker), the fields after it.
					parameters: ['recordToUpdate', 'inputMode'],
					listFrom: 'recordToUpdate',
				},
			],
			[
				'halo-link-ticket',
				{
					search: 'HaloPSA',
					entry: 'HaloPSA Marketplace',
					pick: 'Link an E-Commerce Order to a ticket',
					parameters: ['recordId', 'ticketId'],
					// Halo's tickets, listed through the credential.
					listFrom: 'ticketId',
				},
			],
			[
				'halo-trigger',
				{
					search: 'HaloPSA',
					entry: 'HaloPSA Marketplace',
					// Not the first kind of record the trigger watches: every event is listed since 1.1.
					pick: 'On CSP invoice created',
					parameters: ['events', 'window', 'simplify'],
				},
			],
			[
				'highlevel-order',
				{
					search: 'HighLevel',
					entry: 'HighLevel Payments',
					pick: 'Get an order',
					parameters: ['resource', 'operation', 'orderId'],
					listFrom: 'orderId',
				},
			],
			[
				'highlevel-webhook',
				{
					search: 'HighLevel',
					entry: 'HighLevel Payments',
					pick: 'On invoice paid',
					parameters: ['events'],
				},
			],
			[
				'highlevel-polling',
				{
					search: 'HighLevel',
					entry: 'HighLevel Payments Polling',
					pick: 'On fulfillment tracking added',
					parameters: ['events', 'window'],
				},
			],
			[
				'ingram-order',
				{
					search: 'Ingram',
					entry: 'Ingram Micro Cloud Marketplace',
					pick: 'Create an order',
					parameters: ['resource', 'operation'],
				},
			],
			[
				'ingram-customer-create',
				{
					search: 'Ingram',
					entry: 'Ingram Micro Cloud Marketplace',
					pick: 'Create a customer',
					// What Ingram Micro requires, at the top of the panel, in the order it is filled in.
					parameters: [
						'customerName',
						'customerLanguage',
						'addressStreet',
						'addressCountryCode',
						'adminEmail',
						'adminPhoneNumber',
					],
				},
			],
			[
				'ingram-customer',
				{
					search: 'Ingram',
					entry: 'Ingram Micro Cloud Marketplace',
					pick: 'Get a customer',
					parameters: ['customerId'],
					listFrom: 'customerId',
				},
			],
		];
		const editor = await EditorSession.open(demo.editor, DEMO_OWNER);
		try {
			for (const [name, visit] of visits) {
				const seen = await editor.visit(visit, name);
				expect({
					name,
					missing: visit.parameters.filter((p) => !seen.parameters.includes(p)),
				}).toEqual({ name, missing: [] });
				// A trigger added now is version 1.1: one Events list, none of version 1's Watch and its Events.
				if (name === 'halo-trigger' || name === 'highlevel-polling') {
					const version1 = seen.parameters.filter((p) => p === 'watch' || /.Events$/.test(p));
					expect({ name, version1 }).toEqual({ name, version1: [] });
				}
				if (visit.listFrom)
					expect({ name, listed: seen.listed.length > 0 }).toEqual({ name, listed: true });
				if (name === 'ingram-customer-create' || name === 'halo-upsert') {
					const shown = visit.parameters.map((p) => seen.parameters.indexOf(p));
					expect(shown).toEqual([...shown].sort((a, b) => a - b));
				}
			}
			expect(editor.consoleErrors).toEqual([]);
		} finally {
			await editor.close();
		}
	});

	test('an example workflow run from the editor: every node succeeds against the sandboxes', async () => {
		const index = demo.examples.indexOf('halo-ecommerce-orders.json');
		expect(index).toBeGreaterThanOrEqual(0);
		const editor = await EditorSession.open(demo.editor, DEMO_OWNER);
		try {
			// Manual trigger, Get orders, Link first order to ticket.
			expect(await editor.runWorkflow(`demo${index + 1}`, 'halo-ecommerce-orders', 3)).toBe(3);
			expect(editor.consoleErrors).toEqual([]);
		} finally {
			await editor.close();
		}
	});
});
