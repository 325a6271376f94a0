/**
 * Runs a polling trigger the way n8n's main process does: a PollContext from n8n-core, the poll
 * through TriggersAndPollers, and the node's static data saved only after a successful poll of an
 * active workflow (never after a manual test or a failed poll). Every poll starts from the saved
 * JSON, as after an n8n restart, so nothing can survive in memory between polls.
 */
import { PollContext, TriggersAndPollers } from 'n8n-core';
import { Workflow, type IDataObject, type INode, type WorkflowExecuteMode } from 'n8n-workflow';
import { additionalDataFor, nodeTypes, type CredentialStore } from './inProcess';

export interface PollOutcome {
	items: IDataObject[] | null;
	error?: Error & { description?: string };
}

export class PollRunner {
	/** What n8n's database holds for the workflow's static data. */
	saved = '{}';
	polls = 0;

	constructor(
		private readonly options: {
			type: string;
			parameters: IDataObject;
			credentials: Record<string, { id: string; name: string }>;
			store: CredentialStore;
			/** The trigger's version; 1 unless said. */
			typeVersion?: number;
		},
	) {}

	setParameters(parameters: IDataObject) {
		Object.assign(this.options.parameters, parameters);
	}

	/** The node's static data as saved. */
	nodeStaticData(): IDataObject {
		return (
			((JSON.parse(this.saved) as IDataObject)['node:Trigger'] as IDataObject | undefined) ?? {}
		);
	}

	async poll(mode: WorkflowExecuteMode = 'trigger'): Promise<PollOutcome> {
		this.polls++;
		const node: INode = {
			id: 'trigger',
			name: 'Trigger',
			type: this.options.type,
			typeVersion: this.options.typeVersion ?? 1,
			position: [0, 0],
			parameters: JSON.parse(JSON.stringify(this.options.parameters)),
			credentials: this.options.credentials,
		};
		const workflow = new Workflow({
			id: 'poll-harness',
			name: 'poll harness',
			nodes: [node],
			connections: {},
			active: mode !== 'manual',
			nodeTypes,
			staticData: JSON.parse(this.saved),
			settings: { executionOrder: 'v1' },
		});
		const context = new PollContext(
			workflow,
			workflow.getNode('Trigger')!,
			additionalDataFor(this.options.store),
			mode,
			mode === 'manual' ? 'manual' : 'activate',
		);
		try {
			const result = await new TriggersAndPollers().runPollFunction(
				workflow,
				workflow.getNode('Trigger')!,
				context,
			);
			if (mode !== 'manual' && (workflow.staticData as IDataObject).__dataChanged) {
				const { __dataChanged, ...data } = JSON.parse(
					JSON.stringify(workflow.staticData),
				) as IDataObject;
				this.saved = JSON.stringify(data);
			}
			return { items: result ? result[0].map((item) => item.json) : null };
		} catch (error) {
			return { items: null, error: error as PollOutcome['error'] };
		}
	}
}
