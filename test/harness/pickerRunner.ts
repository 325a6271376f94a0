/**
 * Runs a node's "From List" record picker the way n8n's editor backend does: a LoadOptionsContext from
 * n8n-core for the node as configured, and the node type's listSearch method called with it.
 */
import { LoadOptionsContext } from 'n8n-core';
import {
	Workflow,
	type IDataObject,
	type INode,
	type INodeListSearchResult,
	type INodeType,
} from 'n8n-workflow';
import { additionalDataFor, nodeTypes, type CredentialStore } from './inProcess';

export async function runPicker(options: {
	type: string;
	method: string;
	parameters: IDataObject;
	credentials: INode['credentials'];
	store: CredentialStore;
	filter?: string;
}): Promise<INodeListSearchResult> {
	const node: INode = {
		id: 'picker',
		name: 'Picker',
		type: options.type,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: options.credentials,
	};
	const workflow = new Workflow({
		id: 'picker-harness',
		name: 'picker harness',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const context = new LoadOptionsContext(
		workflow,
		node,
		additionalDataFor(options.store),
		'parameters.recordId',
	);
	const type = nodeTypes.getByNameAndVersion(options.type, 1) as INodeType;
	const search = type.methods?.listSearch?.[options.method];
	if (!search) throw new Error(`${options.type} has no listSearch method ${options.method}`);
	return await search.call(context, options.filter);
}
