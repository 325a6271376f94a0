/**
 * What the operation modules of the three action nodes share: parameter reading, display rules and
 * Simplify.
 */
import { wholeNumberIn } from '../numbers';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
	type INodePropertyOptions,
} from 'n8n-workflow';
import { nodeOf } from '../contextNode';
import { simplifyRecord } from '../simplify';
import { byName, firstOptionValue, subtitleOf } from '../wording';
import type { ItemOperation } from './itemLoop';

/** A row of a node's resource table, as far as these helpers need it. */
export interface TableResource {
	value: string;
	/** Fields kept by Simplify; resources without it have no Simplify switch. */
	simplify?: readonly string[];
}

/** One input item on its way through an operation. */
export interface OperationItem<R extends TableResource = TableResource> {
	context: IExecuteFunctions;
	itemIndex: number;
	resource: R;
}

export const showFor = (
	resource: TableResource,
	operation: string[],
	extra: Record<string, Array<string | boolean>> = {},
) => ({
	show: { resource: [resource.value], operation, ...extra },
});

/** Display options narrowed to some versions of the node. */
export const atVersions = (
	displayOptions: INodeProperties['displayOptions'],
	versions: number[],
): INodeProperties['displayOptions'] => ({
	...displayOptions,
	show: { ...displayOptions?.show, '@version': versions },
});

/**
 * A node's versions, to say which ones show a layout: those before the version that changed it,
 * and those from it on.
 */
export type VersionTable = ReturnType<typeof versionTable>;

export function versionTable(versions: number[]) {
	return {
		versions,
		before: (version: number) => versions.filter((v) => v < version),
		from: (version: number) => versions.filter((v) => v >= version),
	};
}

/** Parameters shown at some versions of the node only (a layout a newer version changed). */
export const forVersions = (versions: number[], properties: INodeProperties[]): INodeProperties[] =>
	properties.map((p) => ({ ...p, displayOptions: atVersions(p.displayOptions, versions) }));

/**
 * Parameter values that hold no expression, by execution and name: the same for every item, so
 * n8n is asked once per execution, not once per item (each read checks the parameter against the
 * node's description and copies it). Only plain values (text, numbers, booleans, or nothing) are
 * kept, so no item can change what another gets.
 */
const plainValues = new WeakMap<object, Map<string, unknown>>();

/** The value as saved in the workflow, at a dotted path ("options.simplify"). */
function savedValue(parameters: IDataObject, name: string): unknown {
	let value: unknown = parameters;
	for (const key of name.split('.')) value = (value as IDataObject | undefined)?.[key];
	return value;
}

const isPlain = (value: unknown): boolean =>
	value === undefined ||
	typeof value === 'number' ||
	typeof value === 'boolean' ||
	(typeof value === 'string' && !value.startsWith('=')) ||
	(isLocator(value) && isPlain(value.value));

/** A record picker's saved value: `{__rl: true, mode, value}`. */
const isLocator = (value: unknown): value is { mode?: unknown; value?: unknown } =>
	typeof value === 'object' && value !== null && '__rl' in value;

export function param<T>(
	item: OperationItem,
	name: string,
	fallback: T,
	options?: { extractValue: boolean },
): T {
	const { context, itemIndex } = item;
	const read = () => context.getNodeParameter(name, itemIndex, fallback, options) as T;
	if (!isPlain(savedValue(nodeOf(context).parameters, name))) return read();
	let values = plainValues.get(context);
	if (!values) plainValues.set(context, (values = new Map()));
	// A parameter left out is given its fallback, so reads with another fallback are kept apart.
	const key = `${name}\0${options?.extractValue === true}\0${JSON.stringify(fallback)}`;
	if (values.has(key)) return values.get(key) as T;
	const value = read();
	if (isPlain(value)) values.set(key, value);
	return value;
}

/**
 * The ID a record picker holds (From List, By ID, By URL), or the value of a plain parameter
 * read the same way. n8n's own extractValue looks the parameter up among all of the node's
 * properties on every read, so it is asked only for By URL, the one mode whose ID has to be taken
 * out of the text; the other modes hold the ID itself, as n8n would return it.
 */
export function pickedValue(
	item: OperationItem,
	name: string,
	fallback: unknown,
	badLink?: (link: unknown) => Error,
): unknown {
	const saved = param<unknown>(item, name, fallback);
	if (!isLocator(saved)) return saved;
	if (saved.mode !== 'url') return saved.value;
	try {
		return param(item, name, fallback, { extractValue: true });
	} catch {
		// n8n's own error for a link its pattern does not match names neither the item nor the fix.
		throw (
			badLink?.(saved.value) ??
			itemError(
				item,
				`The link in "${name}" is not one the node can read`,
				'Pick the record from the list or enter its ID.',
			)
		);
	}
}

export function simplifyProperty(resource: TableResource, operations: string[]): INodeProperties[] {
	if (!resource.simplify) return [];
	return [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return only the main fields instead of the whole record',
			displayOptions: showFor(resource, operations),
		},
	];
}

/**
 * Output, in the node versions that offer it instead of Simplify (n8n's choice for reads; an AI
 * tool then gets only what it needs): Simplified (the resource's main fields, where it has a list
 * of them), Raw (the whole record) or Selected Fields.
 */
export function outputProperties(
	resource: TableResource,
	operations: string[],
	fields?: ReadonlyArray<{ name: string; value: string }>,
): INodeProperties[] {
	const options = [
		{ name: 'Raw', value: 'raw', description: 'The whole record, as the API answers it' },
		{ name: 'Selected Fields', value: 'fields', description: 'Only the fields picked in Fields' },
		...(resource.simplify
			? [
					{
						name: 'Simplified',
						value: 'simple',
						description: `Only the main fields (${resource.simplify.length} of them)`,
					},
				]
			: []),
	];
	const defaultOutput = resource.simplify ? 'simple' : 'raw';
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options,
			default: defaultOutput,
			displayOptions: showFor(resource, operations),
		},
		// The fields to pick from where the node knows the resource's fields; else their names.
		fields
			? {
					displayName: 'Fields',
					name: 'outputFields',
					type: 'multiOptions',
					required: true,
					options: [...fields].sort(byName),
					default: [],
					description: 'The fields each record is output with',
					displayOptions: showFor(resource, operations, { output: ['fields'] }),
				}
			: {
					displayName: 'Fields',
					name: 'outputFields',
					type: 'string',
					required: true,
					default: '',
					placeholder: 'e.g. _id, status, amount',
					description:
						'The fields each record is output with: their names as the API answers them, ' +
						'comma-separated',
					displayOptions: showFor(resource, operations, { output: ['fields'] }),
				},
	];
}

/**
 * How a read outputs its records, by node version: Simplify before `from`, Output (Simplified,
 * Raw, Selected Fields) from it on.
 */
export function readOutputProperties(
	resource: TableResource,
	operations: string[],
	versions: VersionTable,
	from: number,
	fields?: ReadonlyArray<{ name: string; value: string }>,
): INodeProperties[] {
	return [
		...forVersions(versions.before(from), simplifyProperty(resource, operations)),
		...forVersions(versions.from(from), outputProperties(resource, operations, fields)),
	];
}

/**
 * How records are output: Output where the node version has it (Simplified, Raw, Selected Fields),
 * else only the resource's main fields when the user asked for Simplify. Read once for a list, not
 * per record (n8n checks a parameter against the node's description on every read), and before
 * anything is sent, so a wrong choice fails the item with nothing asked.
 */
export function simplifier(item: OperationItem): (record: IDataObject) => IDataObject {
	const output = param<string>(item, 'output', '');
	if (output === 'raw') return (record) => record;
	if (output === 'fields') {
		const given = param<string[] | string>(item, 'outputFields', []) ?? [];
		const picked = (Array.isArray(given) ? given : String(given).split(','))
			.map((field) => String(field).trim())
			.filter(Boolean);
		if (!picked.length)
			throw itemError(
				item,
				'Output is Selected Fields, but no field is picked in Fields',
				'Pick the fields to output in "Fields", or set Output to Simplified or Raw.',
			);
		return (record) => {
			const out: IDataObject = {};
			for (const field of picked) if (field in record) out[field] = record[field];
			return out;
		};
	}
	const fields = item.resource.simplify;
	const simplify = output === 'simple' || (!output && param<boolean>(item, 'simplify', false));
	if (!fields || !simplify) return (record) => record;
	return (record) => simplifyRecord(record, fields, true);
}

/**
 * A problem with what an item asks for, for all three nodes: the message ends with the item it is
 * about ("[item 2]"), the description says how to fix it; nothing was sent for this item.
 */
export function itemError(
	item: Pick<OperationItem, 'context' | 'itemIndex'>,
	message: string,
	description: string,
	itemIndex = item.itemIndex,
): NodeOperationError {
	return new NodeOperationError(item.context.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

/** Return All and Limit, as every Get Many of the three nodes offers them. */
export function returnAllProperties(
	resource: TableResource,
	operations: string[],
): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: showFor(resource, operations),
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: showFor(resource, operations, { returnAll: [false] }),
		},
	];
}

/**
 * How many records the item asks for: Infinity with Return All; a Limit that is not a whole number
 * of at least 1 stops the item.
 */
export function readLimit(item: OperationItem): number {
	if (param(item, 'returnAll', false)) return Infinity;
	const limit = param<number>(item, 'limit', 50);
	if (wholeNumberIn(limit, 1) === undefined) {
		throw itemError(
			item,
			`Limit must be a whole number of at least 1, got ${limit}`,
			'Set Limit to 1 or more, or turn on Return All.',
		);
	}
	return limit;
}

/**
 * The record picker of the three nodes: From List (the node's search method) or By ID, checked
 * against the API's ID shape; By URL too where the vendor's app has a link for the record, its one
 * regex group being the ID (n8n checks a typed link with it and takes the ID out of it).
 */
export function recordPicker(picker: {
	name: string;
	displayName: string;
	description?: string;
	displayOptions: INodeProperties['displayOptions'];
	searchListMethod: string;
	placeholder: string;
	idPattern: string;
	idError: string;
	url?: { placeholder: string; pattern: string; error: string };
	/** Left empty, it means something (Create or Update: create); else the picker is required. */
	optional?: boolean;
}): INodeProperties {
	const { url } = picker;
	return {
		displayName: picker.displayName,
		name: picker.name,
		type: 'resourceLocator',
		...(picker.optional ? {} : { required: true }),
		default: { mode: 'list', value: '' },
		...(picker.description ? { description: picker.description } : {}),
		displayOptions: picker.displayOptions,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: picker.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: picker.placeholder,
				validation: [
					{ type: 'regex', properties: { regex: picker.idPattern, errorMessage: picker.idError } },
				],
			},
			...(url
				? [
						{
							displayName: 'By URL',
							name: 'url',
							type: 'string' as const,
							placeholder: url.placeholder,
							validation: [
								{
									type: 'regex' as const,
									properties: { regex: url.pattern, errorMessage: url.error },
								},
							],
							extractValue: { type: 'regex' as const, regex: url.pattern },
						},
					]
				: []),
		],
	};
}

/**
 * One operation kind of a node: its option in the Operation list, its parameters, and what it does.
 */
export interface Operation<R extends TableResource, I extends OperationItem<R>>
	extends ItemOperation<I> {
	/** The option(s) for this resource; none when the resource does not offer this operation. */
	option(resource: R): INodePropertyOptions[];
	properties(resource: R): INodeProperties[];
}

/**
 * Which module runs each Operation value of a resource, with the option it shows: one entry per
 * value, built from the modules' own options (the description and the run read the same map). Two
 * modules offering one value for a resource is a defect of the node, refused here.
 */
export function operationMap<
	R extends TableResource,
	O extends Pick<Operation<R, never>, 'option'>,
>(
	operations: readonly O[],
	resource: R,
): Map<string, { operation: O; option: INodePropertyOptions }> {
	const map = new Map<string, { operation: O; option: INodePropertyOptions }>();
	for (const operation of operations)
		for (const option of operation.option(resource)) {
			const value = String(option.value);
			if (map.has(value))
				throw new Error(`Two operation modules offer "${value}" for resource ${resource.value}`);
			map.set(value, { operation, option });
		}
	return map;
}

/**
 * A resource's Operation parameter, then every operation's own parameters: one shape for the three
 * action nodes. The options come from operationMap, in `order` (a resource table's order of
 * values) where given, else by name.
 */
export function operationProperties<
	R extends TableResource,
	O extends Pick<Operation<R, never>, 'option' | 'properties'>,
>(operations: readonly O[], resource: R, order?: readonly string[]): INodeProperties[] {
	const offered = operationMap(operations, resource);
	const options: INodePropertyOptions[] = order
		? order.flatMap((value) => {
				const entry = offered.get(value);
				return entry ? [entry.option] : [];
			})
		: [...offered.values()].map(({ option }) => option).sort(byName);
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options,
			default: firstOptionValue(options),
		},
		...operations.flatMap((operation) => operation.properties(resource)),
	];
}

/** The module that runs the chosen Operation value of a resource, looked up once per execution. */
export function findOperation<
	R extends TableResource & { displayName: string },
	O extends Pick<Operation<R, never>, 'option'>,
>(context: IExecuteFunctions, operations: readonly O[], resource: R, value: string): O {
	const operation = operationMap(operations, resource).get(value)?.operation;
	if (operation) return operation;
	throw new NodeOperationError(
		context.getNode(),
		`Unknown operation "${value}" for ${resource.displayName}`,
		{ itemIndex: 0, description: 'Pick an operation from the list.' },
	);
}

/**
 * The Resource parameter, then each resource's Operation parameter and its operations' parameters,
 * and the canvas subtitle they give: one shape for the three action nodes, built once per node from
 * its resource table (the Resource list sorted by name, as n8n's rules ask of every list).
 */
export function resourceOperationProperties<
	R extends TableResource & { displayName: string; summary: string },
>(
	table: readonly R[],
	propertiesOf: (resource: R) => INodeProperties[],
	options: { defaultResource: string },
): { properties: INodeProperties[]; subtitle: string } {
	const resourceOptions = table
		.map((r) => ({ name: r.displayName, value: r.value, description: r.summary }))
		.sort(byName);
	const operationParameters = table.flatMap(propertiesOf);
	const defaultResource = options.defaultResource;
	return {
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions,
				default: defaultResource,
			},
			...operationParameters,
		],
		subtitle: subtitleOf(resourceOptions, operationParameters),
	};
}
