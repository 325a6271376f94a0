/**
 * The n8n editor in Debian's headless Chromium, driven by playwright-core: log in, open the node panel
 * on an empty workflow, search by a vendor name, open a node, and read what the parameters panel shows.
 * Console errors from the editor's own origin are collected; requests to outside hosts fail on this
 * closed network by design and are not the package's doing.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './realN8n';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(ROOT, 'test/artifacts');

/** A node as a user finds it: the words typed, the panel entry, then the trigger or action picked. */
export interface EditorVisit {
	search: string;
	entry: string;
	pick: string;
	/** Parameters the opened node must show. */
	parameters: string[];
	/** A resource locator whose "From List" must list records fetched through the credential. */
	listFrom?: string;
}

export interface VisitResult {
	title: string;
	parameters: string[];
	listed: string[];
	screenshot: string;
}

export class EditorSession {
	readonly consoleErrors: string[] = [];
	private constructor(
		private readonly browser: Browser,
		private readonly page: Page,
		private readonly editor: string,
	) {
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const source = message.location().url;
			if (source && !source.startsWith(editor)) return;
			this.consoleErrors.push(`${message.text()} (${source || 'no source'})`);
		});
		page.on('pageerror', (error) => this.consoleErrors.push(`uncaught: ${error.message}`));
	}

	static async open(editor: string, login: { email: string; password: string }) {
		const browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await page.goto(`${editor}/signin`);
		await page.locator('input[name=emailOrLdapLoginId]').fill(login.email);
		await page.locator('input[name=password]').fill(login.password);
		await page.locator('[data-test-id=form-submit-button]').click();
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 60_000 });
		const session = new EditorSession(browser, page, editor);
		// The sign-in page's own "am I logged in?" probe answers 401 before login; only what follows counts.
		session.consoleErrors.length = 0;
		return session;
	}

	/** Opens one node; on failure a screenshot and the panel's entries say where it stopped. */
	async visit(visit: EditorVisit, name: string): Promise<VisitResult> {
		try {
			return await this.openNode(visit, name);
		} catch (error) {
			mkdirSync(ARTIFACTS, { recursive: true });
			await this.page
				.screenshot({ path: join(ARTIFACTS, `editor-${name}-failed.png`) })
				.catch(() => undefined);
			const entries = await this.page
				.locator('[data-test-id=item-iterator-item], [data-test-id=node-creator-category-item]')
				.allTextContents()
				.catch(() => []);
			throw new Error(
				`${name}: ${(error as Error).message}\nnode panel showed: ${JSON.stringify(entries)}`,
			);
		}
	}

	private async openNode(visit: EditorVisit, name: string): Promise<VisitResult> {
		const page = this.page;
		await page.goto(`${this.editor}/workflow/new`);
		await page.locator('[data-test-id=canvas-add-button]').click();
		await page
			.locator(
				'[data-test-id=node-creator-search-bar] input, input[data-test-id=node-creator-search-bar]',
			)
			.first()
			.fill(visit.search);
		await page
			.locator('[data-test-id=item-iterator-item]')
			.filter({ hasText: visit.entry })
			.first()
			.click();
		const ndv = page.locator('[data-test-id=ndv]');
		// A node with one trigger and no actions opens at once; others list their triggers and actions first.
		const pickable = page
			.locator('[data-test-id=item-iterator-item], [data-test-id=node-creator-category-item]')
			.filter({ hasText: visit.pick });
		await ndv
			.or(pickable.first())
			.or(page.locator('[data-test-id=node-creator-category-item]').first())
			.first()
			.waitFor({ state: 'visible', timeout: 15_000 });
		if (!(await ndv.isVisible())) {
			const pick = page
				.locator('[data-test-id=item-iterator-item], [data-test-id=node-creator-action-item]')
				.filter({ hasText: visit.pick })
				.first();
			if (!(await pick.isVisible()))
				await page
					.locator('[data-test-id=node-creator-category-item]')
					.filter({ hasText: 'Actions' })
					.first()
					.click();
			await pick.click();
		}
		await ndv.waitFor({ state: 'visible', timeout: 30_000 });
		for (const parameter of visit.parameters)
			await page
				.locator(`[data-test-id=parameter-input-${parameter}]`)
				.first()
				.waitFor({ state: 'visible', timeout: 15_000 });
		const parameters = await page
			.locator('[data-test-id^=parameter-input-]')
			.evaluateAll((elements) =>
				elements.map((e) => e.getAttribute('data-test-id')!.replace('parameter-input-', '')),
			);
		let listed: string[] = [];
		if (visit.listFrom) {
			await page
				.locator(`[data-test-id=resource-locator-${visit.listFrom}] [data-test-id=rlc-input]`)
				.first()
				.click();
			await page
				.locator('[data-test-id=rlc-item]')
				.first()
				.waitFor({ state: 'visible', timeout: 30_000 });
			listed = (await page.locator('[data-test-id=rlc-item]').allTextContents()).map((t) =>
				t.trim(),
			);
		}
		mkdirSync(ARTIFACTS, { recursive: true });
		const screenshot = join(ARTIFACTS, `editor-${name}.png`);
		await page.screenshot({ path: screenshot });
		const title = (
			(await ndv
				.locator('header, [data-test-id=node-title-container], [class*=title]')
				.first()
				.textContent()) ?? ''
		).trim();
		await page.keyboard.press('Escape');
		return { title, parameters: [...new Set(parameters)], listed, screenshot };
	}

	/**
	 * Opens a saved workflow, runs it with "Execute workflow" as a user does, and waits until every
	 * node shows n8n's success mark (an error mark fails at once). Screenshot `workflow-<name>.png`;
	 * resolves with how many nodes succeeded.
	 */
	async runWorkflow(id: string, name: string, nodes: number): Promise<number> {
		const page = this.page;
		await page.goto(`${this.editor}/workflow/${id}`);
		await page.locator('[data-test-id=execute-workflow-button]').first().click();
		const succeeded = page.locator('[data-test-id=canvas-node-status-success]');
		const failed = page.locator('[data-test-id=canvas-node-status-error]');
		await succeeded
			.nth(nodes - 1)
			.or(failed.first())
			.first()
			.waitFor({ state: 'visible', timeout: 60_000 });
		mkdirSync(ARTIFACTS, { recursive: true });
		await page.screenshot({ path: join(ARTIFACTS, `workflow-${name}.png`) });
		return (await failed.count()) ? -(await failed.count()) : await succeeded.count();
	}

	/**
	 * Settings > Community Nodes > Install, as an operator does it: the package name, the risk
	 * acknowledgement, Install; resolves with the text of the package's card once n8n says "Package
	 * installed". Screenshot `settings-community-nodes.png`.
	 */
	async installFromSettings(name: string): Promise<string> {
		const page = this.page;
		await page.goto(`${this.editor}/settings/community-nodes`);
		await page
			.getByRole('button', { name: /install/i })
			.first()
			.click();
		await page
			.locator('[data-test-id=package-name-input] input, input[data-test-id=package-name-input]')
			.first()
			.fill(name);
		await page.locator('[data-test-id=user-agreement-checkbox]').first().click();
		await page.locator('[data-test-id=install-community-package-button]').first().click();
		await page
			.locator('[data-test-id=package-name-input]')
			.first()
			.waitFor({ state: 'hidden', timeout: 120_000 });
		await page
			.getByText('Package installed')
			.first()
			.waitFor({ state: 'visible', timeout: 30_000 });
		const card = page.locator('[class*=card]').filter({ hasText: name }).first();
		await card.waitFor({ state: 'visible', timeout: 30_000 });
		mkdirSync(ARTIFACTS, { recursive: true });
		await page.screenshot({ path: join(ARTIFACTS, 'settings-community-nodes.png') });
		return ((await card.textContent()) ?? '').replace(/\s+/g, ' ').trim();
	}

	async close() {
		await this.browser.close();
	}
}
