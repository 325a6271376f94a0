/**
 * What the suites that install packages through n8n share: the packages as the release packs them, an
 * operator's editor session (n8n's REST API, as the editor calls it), and small workflows that run one
 * node of an installed package.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { join } from 'path';
import { logIn, ROOT } from './realN8n';

export const OWNER = {
	email: 'operator@example.com',
	firstName: 'MSP',
	lastName: 'Operator',
	password: 'Operator-password-1',
};
export const HALO = 'n8n-nodes-halopsa-distribution';
export const HIGHLEVEL = 'n8n-nodes-highlevel-payments';
export const INGRAM = 'n8n-nodes-ingram-micro-marketplace';

/** The service package that holds a node (by its type name), as packages/packages.json lists them. */
export function servicePackageOf(node: string): string {
	const { packages } = JSON.parse(readFileSync(join(ROOT, 'packages/packages.json'), 'utf8')) as {
		packages: Array<{ name: string; nodes: string[] }>;
	};
	const holder = packages.find((p) =>
		p.nodes.some((n) => `${n[0].toLowerCase()}${n.slice(1)}` === node),
	);
	if (!holder) throw new Error(`no service package holds ${node}`);
	return holder.name;
}

export interface Packed {
	name: string;
	tarball: string;
}
export const packInto = (destination: string, version?: string): Packed[] =>
	JSON.parse(
		execFileSync(
			'node',
			[
				join(ROOT, 'scripts/pack-packages.mjs'),
				destination,
				...(version ? ['--version', version] : []),
			],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
		),
	);

/** One node of a package behind a Webhook trigger, answering with the node's items. */
function webhookWorkflow(
	path: string,
	type: string,
	parameters: Record<string, unknown>,
	credentials: Record<string, { id: string; name: string }>,
) {
	return {
		name: `installed ${path}`,
		nodes: [
			{
				id: `${path}-hook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: `${path}-hook`,
				parameters: {
					httpMethod: 'GET',
					path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
				},
			},
			{
				id: `${path}-node`,
				name: 'Subject',
				type,
				typeVersion: 1,
				position: [300, 0],
				parameters,
				credentials,
			},
		],
		connections: { Webhook: { main: [[{ node: 'Subject', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

export const HALO_CREDENTIAL = {
	haloPsaMarketplaceOAuth2Api: { id: 'halo-sandbox', name: 'HaloPSA sandbox' },
};
const HIGHLEVEL_CREDENTIAL = {
	highLevelPaymentsApi: { id: 'highlevel-pit-sandbox', name: 'HighLevel sandbox (private token)' },
};
const INGRAM_CREDENTIAL = {
	ingramMicroMarketplaceApi: { id: 'ingram-sandbox', name: 'Ingram Micro sandbox' },
};
/** One read of each action node: its parameters, its credential, and what its answer must hold. */
const ONE_OPERATION = {
	halo: {
		node: 'haloPsaMarketplace',
		parameters: { resource: 'ecommerceOrder', operation: 'getAll', returnAll: false, limit: 3 },
		credentials: HALO_CREDENTIAL,
		check: (items: Array<Record<string, any>>) => {
			expect(items).toHaveLength(3);
			expect(items[0].id).toEqual(expect.any(Number));
		},
	},
	highLevel: {
		node: 'highLevelPayments',
		parameters: {
			authentication: 'apiKey',
			resource: 'order',
			operation: 'getAll',
			returnAll: false,
			limit: 2,
		},
		credentials: HIGHLEVEL_CREDENTIAL,
		check: (items: Array<Record<string, any>>) => {
			expect(items).toHaveLength(2);
			expect(items[0]._id).toEqual(expect.any(String));
		},
	},
	ingram: {
		node: 'ingramMicroMarketplace',
		parameters: { resource: 'customer', operation: 'getAll', returnAll: false, limit: 2 },
		credentials: INGRAM_CREDENTIAL,
		check: (items: Array<Record<string, any>>) => {
			expect(items).toHaveLength(2);
			expect(items[0].id).toMatch(/^CUS-/);
		},
	},
};
export type ActionNode = keyof typeof ONE_OPERATION;
export const ACTION_NODES = Object.keys(ONE_OPERATION) as ActionNode[];

/**
 * The workflow that runs one read of an action node behind the webhook `<prefix>-<action>`; the node
 * type comes from the package that holds it.
 */
export function oneOperationWorkflow(
	prefix: string,
	action: ActionNode,
	packageOf: (node: string) => string,
) {
	const { node, parameters, credentials } = ONE_OPERATION[action];
	return webhookWorkflow(
		`${prefix}-${action}`,
		`${packageOf(node)}.${node}`,
		parameters,
		credentials,
	);
}

export class Editor {
	constructor(
		readonly url: string,
		private readonly cookie: string,
	) {}

	static async open(url: string) {
		return new Editor(url, await logIn(url, OWNER));
	}

	/** A fresh instance's owner, set up as its first page does (n8n 2.0 onwards). */
	static async setUpOwner(url: string) {
		// An older n8n answers its readiness check before its REST routes are mounted: wait for them.
		const deadline = Date.now() + 60_000;
		let answer: Response;
		for (;;) {
			answer = await fetch(`${url}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(OWNER),
			});
			if (answer.status !== 404 || Date.now() > deadline) break;
			await new Promise((r) => setTimeout(r, 500));
		}
		if (answer.status !== 200) throw new Error(`owner setup failed: ${await answer.text()}`);
		return new Editor(url, (answer.headers.get('set-cookie') ?? '').split(';')[0]);
	}

	async call(method: string, path: string, body?: unknown) {
		const answer = await fetch(`${this.url}${path}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await answer.text();
		let json: any;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: answer.status, data: json?.data, message: json?.message ?? text };
	}

	async nodeTypes(): Promise<string[]> {
		const answer = await fetch(`${this.url}/types/nodes.json`, {
			headers: { cookie: this.cookie },
		});
		return ((await answer.json()) as Array<{ name: string }>).map((t) => t.name);
	}

	/** Saves and publishes (activates) a workflow, as the editor's Save and Publish buttons do. */
	async saveActive(workflow: Record<string, unknown>) {
		const saved = await this.call('POST', '/rest/workflows', { ...workflow, active: false });
		if (saved.status !== 200) throw new Error(`saving failed: ${saved.message}`);
		const activated = await this.call('POST', `/rest/workflows/${saved.data.id}/activate`, {
			versionId: saved.data.versionId,
		});
		if (activated.status !== 200) throw new Error(`activating failed: ${activated.message}`);
		return saved.data.id as string;
	}

	/** The read behind `<prefix>-<action>` answers with the records it asked for. */
	async expectOneOperation(prefix: string, action: ActionNode) {
		const answer = await this.webhook(`${prefix}-${action}`);
		expect({ action, status: answer.status }).toEqual({ action, status: 200 });
		ONE_OPERATION[action].check(answer.items);
	}

	async webhook(path: string) {
		const answer = await fetch(`${this.url}/webhook/${path}`);
		return { status: answer.status, items: (await answer.json()) as Array<Record<string, any>> };
	}
}
