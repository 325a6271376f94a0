/**
 * Serves a webhook trigger node over real HTTP the way n8n's live webhooks do: n8n-core's
 * WebhookContext with an express-like request (parsed body plus the raw bytes) and response, the
 * node's `webhook()`, an "execution" recorded only when it returns workflow data, and the node's
 * static data saved after each call, from JSON, as n8n stores it.
 */
import * as http from 'http';
import { WebhookContext } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type IWebhookData } from 'n8n-workflow';
import { close, listen, readBody } from '../sandbox/httpKit';
import { additionalDataFor, nodeTypes, type CredentialStore } from './inProcess';

export class WebhookRunner {
	readonly executions: IDataObject[][] = [];
	saved = '{}';
	url = '';
	private server = http.createServer((req, res) => void this.handle(req, res));

	constructor(
		private readonly options: {
			type: string;
			parameters: IDataObject;
			store: CredentialStore;
			/** The node's version as saved in the workflow (1 unless said). */
			typeVersion?: number;
		},
	) {}

	async start() {
		this.url = `${await listen(this.server)}/webhook/highlevel-payments`;
		return this.url;
	}

	async stop() {
		await close(this.server);
	}

	private workflow() {
		const node: INode = {
			id: 'hook',
			name: 'Hook',
			type: this.options.type,
			typeVersion: this.options.typeVersion ?? 1,
			position: [0, 0],
			parameters: JSON.parse(JSON.stringify(this.options.parameters)),
		};
		return new Workflow({
			id: 'hook-harness',
			name: 'hook harness',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(this.saved),
			settings: { executionOrder: 'v1' },
		});
	}

	/** n8n's activation: the node's checkExists / create (here without remote calls). */
	async activate() {
		const workflow = this.workflow();
		const node = workflow.getNode('Hook')!;
		const type = nodeTypes.getByNameAndVersion(this.options.type) as {
			webhookMethods?: { default: Record<string, (this: unknown) => Promise<boolean>> };
		};
		const additionalData = additionalDataFor(this.options.store);
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'trigger',
			this.webhookData(workflow, node),
			[],
			null,
		) as unknown as Record<string, unknown>;
		// Hook functions need only the static data and the URL here.
		const hook = Object.assign(Object.create(context), { getNodeWebhookUrl: () => this.url });
		if (!(await type.webhookMethods!.default.checkExists.call(hook)))
			await type.webhookMethods!.default.create.call(hook);
		this.save(workflow);
		return JSON.parse(this.saved) as IDataObject;
	}

	private webhookData(workflow: Workflow, node: INode): IWebhookData {
		return {
			httpMethod: 'POST',
			node: node.name,
			path: 'highlevel-payments',
			webhookDescription: { name: 'default', httpMethod: 'POST', path: 'highlevel-payments' },
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalDataFor(this.options.store),
		} as unknown as IWebhookData;
	}

	private save(workflow: Workflow) {
		if ((workflow.staticData as IDataObject).__dataChanged) {
			const { __dataChanged, ...data } = JSON.parse(
				JSON.stringify(workflow.staticData),
			) as IDataObject;
			this.saved = JSON.stringify(data);
		}
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const rawBody = await readBody(req);
		let body: unknown = {};
		try {
			body = JSON.parse(rawBody.toString('utf8') || '{}');
		} catch {
			body = {};
		}
		const request = Object.assign(req, { body, rawBody, query: {}, params: {} });
		let statusCode = 200;
		let sent = false;
		const response = {
			status(code: number) {
				statusCode = code;
				return response;
			},
			json(value: unknown) {
				sent = true;
				res
					.writeHead(statusCode, { 'Content-Type': 'application/json' })
					.end(JSON.stringify(value));
				return response;
			},
			send(value: unknown) {
				return response.json(value);
			},
			end() {
				if (!sent) res.writeHead(statusCode).end();
				return response;
			},
		};
		const workflow = this.workflow();
		const node = workflow.getNode('Hook')!;
		const additionalData = Object.assign(additionalDataFor(this.options.store), {
			httpRequest: request,
			httpResponse: response,
		});
		const context = new WebhookContext(
			workflow,
			node,
			additionalData,
			'webhook',
			this.webhookData(workflow, node),
			[],
			null,
		);
		const type = nodeTypes.getByNameAndVersion(this.options.type) as {
			webhook: (this: WebhookContext) => Promise<{
				workflowData?: Array<Array<{ json: IDataObject }>>;
				webhookResponse?: unknown;
				noWebhookResponse?: boolean;
			}>;
		};
		try {
			const result = await type.webhook.call(context);
			this.save(workflow);
			if (result.workflowData) this.executions.push(result.workflowData[0].map((i) => i.json));
			if (result.noWebhookResponse) return;
			response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
		} catch (error) {
			response.status(500).json({ message: (error as Error).message });
		}
	}
}
