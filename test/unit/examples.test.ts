/**
 * The example workflows (examples/*.json) as n8n's editor reads them: every node of this package
 * holds only parameters its version shows, each in the type that version has (a record picker's
 * value is a picker value, not a bare number), and n8n finds no issue with it (required values
 * given). A node moved to a new version with its old parameters fails here.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import {
	NodeHelpers,
	type IDataObject,
	type INode,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { HaloPsaMarketplace } from '../../nodes/HaloPsaMarketplace/HaloPsaMarketplace.node';
import { HaloPsaMarketplaceTrigger } from '../../nodes/HaloPsaMarketplaceTrigger/HaloPsaMarketplaceTrigger.node';
import { HighLevelPayments } from '../../nodes/HighLevelPayments/HighLevelPayments.node';
import { HighLevelPaymentsPollingTrigger } from '../../nodes/HighLevelPaymentsPollingTrigger/HighLevelPaymentsPollingTrigger.node';
import { HighLevelPaymentsTrigger } from '../../nodes/HighLevelPaymentsTrigger/HighLevelPaymentsTrigger.node';
import { IngramMicroMarketplace } from '../../nodes/IngramMicroMarketplace/IngramMicroMarketplace.node';
import { shownProperties } from '../harness/shownParameters';

const PACKAGE = 'n8n-nodes-halopsa-marketplace.';
const types: INodeType[] = [
	new HaloPsaMarketplace(),
	new HaloPsaMarketplaceTrigger(),
	new HighLevelPayments(),
	new HighLevelPaymentsPollingTrigger(),
	new HighLevelPaymentsTrigger(),
	new IngramMicroMarketplace(),
];
const descriptionOf = (type: string): INodeTypeDescription | undefined => {
	const name = type.replace(PACKAGE, '').replace(/Tool$/, '');
	return types.find((t) => t.description.name === name)?.description;
};

const EXAMPLES = join(__dirname, '../../examples');
const nodes = readdirSync(EXAMPLES)
	.filter((file) => file.endsWith('.json'))
	.flatMap((file) =>
		(JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')).nodes as INode[])
			.filter((node) => node.type.startsWith(PACKAGE))
			.map((node) => [`${file}: ${node.name}`, node] as const),
	);

test('the examples use the nodes of this package', () => {
	expect(nodes.length).toBeGreaterThanOrEqual(10);
});

test.each(nodes)('%s: parameters of its version, in its types, no issue', (_name, node) => {
	const description = descriptionOf(node.type)!;
	expect(description).toBeDefined();
	const versions = [description.version].flat();
	expect(versions).toContain(node.typeVersion);
	const shown = shownProperties(description, node.typeVersion, node.parameters as IDataObject);
	// Poll Times is n8n's own parameter of every polling trigger.
	const unknown = Object.keys(node.parameters).filter(
		(name) => name !== 'pollTimes' && !shown.some((p) => p.name === name),
	);
	expect(unknown).toEqual([]);
	for (const property of shown) {
		const value = node.parameters[property.name];
		if (value === undefined) continue;
		if (property.type === 'resourceLocator')
			expect({ [property.name]: value }).toEqual({
				[property.name]: expect.objectContaining({ __rl: true }),
			});
		if (property.type === 'number' && typeof value !== 'number')
			expect({ [property.name]: value }).toEqual({
				[property.name]: expect.stringMatching(/^=/),
			});
	}
	expect(NodeHelpers.getNodeParametersIssues(description.properties, node, description)).toBeNull();
});
