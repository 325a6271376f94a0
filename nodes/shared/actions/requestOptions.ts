/**
 * The request settings every action node offers, under the same names in the three nodes: how long
 * to wait for an answer, how many items run at once, and how long rate limits may be waited out.
 */
import { wholeNumberIn } from '../numbers';
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import { versionAtLeast } from '../contextNode';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './itemLoop';
import type { VersionTable } from './operationKit';

export const DEFAULT_TIMEOUT_SECONDS = 120;
export const MAX_RATE_LIMIT_WAIT_SECONDS = 3600;

export const timeoutProperty = (service: string): INodeProperties => ({
	displayName: 'Timeout (Seconds)',
	name: 'timeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 600 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description:
		`How long to wait for each ${service} answer. A read that times out is tried again; a create ` +
		`is not (it may have been saved).`,
});

export const requestOptionsProperty = (
	defaultRateLimitWaitSeconds: number,
	rateLimitNote: string,
): INodeProperties => {
	const rateLimitDescription =
		`${rateLimitNote} How long one call may wait, in total, for a rate limit to free up ` +
		'before it fails.';
	return {
		displayName: 'Request Options',
		name: 'requestOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Items in Parallel',
				name: 'itemsInParallel',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				default: DEFAULT_CONCURRENCY,
				description:
					'How many input items are sent at the same time. Higher is faster for large inputs but ' +
					'meets rate limits sooner.',
			},
			{
				displayName: 'Rate Limit Wait (Seconds)',
				name: 'rateLimitWaitSeconds',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: MAX_RATE_LIMIT_WAIT_SECONDS },
				default: defaultRateLimitWaitSeconds,
				description: rateLimitDescription,
			},
		],
	};
};

/**
 * The request settings of an action node, by node version: up to `oneBoxFrom` a separate Timeout
 * (Seconds) and a Request Options box (saved workflows keep them); from it one Options box, as
 * n8n's built-in nodes have, holding the timeout too and any node-wide option the node adds (its
 * parameter names unchanged, so the run reads either layout).
 */
export function requestProperties(settings: {
	service: string;
	versions: VersionTable;
	oneBoxFrom: number;
	defaultRateLimitWaitSeconds: number;
	rateLimitNote: string;
	nodeOptions?: INodeProperties[];
	/** An operation's own options, in the same box from `from` on (one box per panel). */
	operationOptions?: { from: number; operation: string; options: INodeProperties[] };
}): INodeProperties[] {
	const at = (versions: number[]) => ({ '@version': versions });
	const older = settings.versions.before(settings.oneBoxFrom);
	const newer = settings.versions.from(settings.oneBoxFrom);
	const box = requestOptionsProperty(settings.defaultRateLimitWaitSeconds, settings.rateLimitNote);
	const timeout = timeoutProperty(settings.service);
	const byName = (options: INodeProperties[]) =>
		[...options].sort((a, b) => a.displayName.localeCompare(b.displayName));
	const oneBox: INodeProperties = {
		...box,
		displayName: 'Options',
		options: byName([
			...(box.options as INodeProperties[]),
			timeout,
			...(settings.nodeOptions ?? []),
		]),
	};
	const extra = settings.operationOptions;
	const withExtra = newer.filter((v) => extra && v >= extra.from);
	const withoutExtra = newer.filter((v) => !withExtra.includes(v));
	return [
		{ ...timeout, displayOptions: { show: at(older) } },
		{ ...box, displayOptions: { show: at(older) } },
		{ ...oneBox, displayOptions: { show: at(withoutExtra) } },
		...(extra && withExtra.length
			? [
					{
						...oneBox,
						displayOptions: { show: at(withExtra), hide: { operation: [extra.operation] } },
					},
					{
						...oneBox,
						displayOptions: { show: { ...at(withExtra), operation: [extra.operation] } },
						options: byName([...(oneBox.options as INodeProperties[]), ...extra.options]),
					},
				]
			: []),
	].filter((p) => (p.displayOptions.show['@version'] as number[]).length);
}

export interface RequestSettings {
	timeoutMs: number;
	concurrency: number;
	rateLimitBudgetMs: number;
	/** The box as given (the first item's), for the options a node adds to it. */
	options: IDataObject;
}

function wholeNumber(
	context: IExecuteFunctions,
	label: string,
	value: unknown,
	min: number,
	max: number,
	fix: string,
): number {
	const number = wholeNumberIn(value, min, max);
	if (number === undefined) {
		throw new NodeOperationError(
			context.getNode(),
			`${label} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
			{ description: fix },
		);
	}
	return number;
}

/**
 * The settings as given (the first item's, as they concern the whole run), checked before anything
 * is sent.
 */
export function requestSettings(
	context: IExecuteFunctions,
	defaultRateLimitWaitSeconds: number,
	oneBoxFrom: number,
): RequestSettings {
	const box = versionAtLeast(context, oneBoxFrom) ? 'Options' : 'Request Options';
	const options = (context.getNodeParameter('requestOptions', 0, {}) as IDataObject) ?? {};
	// One Options box holds the timeout (newer node versions); older ones have it on its own.
	const timeout =
		options.timeoutSeconds ??
		context.getNodeParameter('timeoutSeconds', 0, DEFAULT_TIMEOUT_SECONDS);
	return {
		options,
		timeoutMs:
			wholeNumber(
				context,
				box === 'Options' ? 'Options > Timeout (Seconds)' : 'Timeout (Seconds)',
				timeout,
				1,
				600,
				'Set how long to wait for each answer (120 suits most instances).',
			) * 1000,
		concurrency: wholeNumber(
			context,
			`${box} > Items in Parallel`,
			options.itemsInParallel ?? DEFAULT_CONCURRENCY,
			1,
			MAX_CONCURRENCY,
			`Set how many items are sent at the same time (${DEFAULT_CONCURRENCY} suits most workflows).`,
		),
		rateLimitBudgetMs:
			wholeNumber(
				context,
				`${box} > Rate Limit Wait (Seconds)`,
				options.rateLimitWaitSeconds ?? defaultRateLimitWaitSeconds,
				0,
				MAX_RATE_LIMIT_WAIT_SECONDS,
				`Set how long a call may wait for a rate limit (${defaultRateLimitWaitSeconds} by ` +
					`default).`,
			) * 1000,
	};
}
