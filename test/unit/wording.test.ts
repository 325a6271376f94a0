/**
 * nodes/shared/wording.ts: the canvas subtitle of each action node, evaluated by n8n-workflow's expression
 * engine for a node as a user configured it, reads the names the user picked, not parameter values.
 */
import { Workflow, type INode } from 'n8n-workflow';
import { nodeTypes } from '../harness/inProcess';

function subtitle(type: string, parameters: Record<string, string>): unknown {
	const description = nodeTypes.getByNameAndVersion(type, 1).description;
	const node: INode = {
		id: 'n',
		name: 'Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	return workflow.expression.getSimpleParameterValue(
		node,
		description.subtitle as string,
		'internal',
		{},
	);
}

test.each([
	[
		'n8n-nodes-halopsa-marketplace.haloPsaMarketplace',
		{ resource: 'ecommerceOrder', operation: 'getAll' },
		'Get Many: E-Commerce Order',
	],
	[
		'n8n-nodes-halopsa-marketplace.haloPsaMarketplace',
		{ resource: 'cspConsumptionData', operation: 'bulkManage' },
		/^Bulk .*: Microsoft CSP Consumption Data$/,
	],
	[
		'n8n-nodes-halopsa-marketplace.highLevelPayments',
		{ resource: 'fulfillment', operation: 'create' },
		'Create: Order Fulfillment',
	],
	[
		'n8n-nodes-halopsa-marketplace.ingramMicroMarketplace',
		{ resource: 'order', operation: 'estimate' },
		/^Estimate.*: Order$/,
	],
])('%s %j reads %s', (type, parameters, expected) => {
	const shown = subtitle(type, parameters);
	if (typeof expected === 'string') expect(shown).toBe(expected);
	else expect(shown).toMatch(expected);
});

test('a value the maps lack shows as it is', () => {
	expect(
		subtitle('n8n-nodes-halopsa-marketplace.highLevelPayments', {
			resource: 'order',
			operation: 'someday',
		}),
	).toBe('someday: Order');
});
