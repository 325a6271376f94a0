/**
 * The node of an n8n context, read once per context (an execution, a poll, a picker's call): n8n's
 * `getNode()` deep-copies the whole node, parameters included, on every call, which per request
 * and per parameter read adds up over thousands of items. The node does not change within a
 * context; the copy kept here is only read.
 */
import type { INode } from 'n8n-workflow';

const nodes = new WeakMap<object, INode>();

export function nodeOf(context: { getNode(): INode }): INode {
	let node = nodes.get(context);
	if (!node) nodes.set(context, (node = context.getNode()));
	return node;
}

/** Whether the node is of this version or newer (a layout that version introduced applies). */
export const versionAtLeast = (context: { getNode(): INode }, version: number) =>
	nodeOf(context).typeVersion >= version;
