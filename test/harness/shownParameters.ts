/**
 * What n8n's editor shows of a node: its parameters at a version with some values, read through
 * n8n-workflow's own display rules (versions, show / hide, root paths inside collections).
 */
import {
	NodeHelpers,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeTypeDescription,
} from 'n8n-workflow';

function nodeValues(description: INodeTypeDescription, typeVersion: number, values: IDataObject) {
	const node = { typeVersion, parameters: values } as unknown as INode;
	const resolved = NodeHelpers.getNodeParameters(
		description.properties,
		values as never,
		true,
		false,
		node,
		description,
	)!;
	return { node, resolved };
}

/** The parameters shown, in panel order, each as its description has it. */
export function shownProperties(
	description: INodeTypeDescription,
	typeVersion: number,
	values: IDataObject,
): INodeProperties[] {
	const { node, resolved } = nodeValues(description, typeVersion, values);
	return description.properties.filter((p) =>
		NodeHelpers.displayParameter(resolved, p, node, description),
	);
}

/** The names of the parameters shown, in panel order. */
export const shownParameters = (
	description: INodeTypeDescription,
	typeVersion: number,
	values: IDataObject,
) => shownProperties(description, typeVersion, values).map((p) => p.name);

/** The options a collection shows, with the node's values (options can depend on root values). */
export function shownOptions(
	description: INodeTypeDescription,
	typeVersion: number,
	values: IDataObject,
	collection: INodeProperties,
): string[] {
	const { node, resolved } = nodeValues(description, typeVersion, values);
	return (collection.options as INodeProperties[])
		.filter((o) =>
			NodeHelpers.displayParameter(
				(resolved[collection.name] as INodeParameters | undefined) ?? {},
				o,
				node,
				description,
				resolved,
			),
		)
		.map((o) => o.displayName);
}
