/**
 * The trigger's parameters, generated from the watch table and the resource table. Version 1 picks
 * one watch, then its events; from ALL_EVENTS_FROM one Events parameter lists every event, and a
 * watch's own parameters show when one of its events is picked.
 */
import type { INodeProperties } from 'n8n-workflow';
import { requestTimeoutProperty } from '../HaloPsaMarketplace/descriptions/requestTimeout';
import { byName, firstOptionValue } from '../shared/wording';
import { ALL_EVENTS_FROM } from '../shared/pollSkeleton';
import { syncedIntegrations, watchedHealth } from './integrationHealth';
import { watchedInvoices, watchedOrders, watchedTable } from './watchedRecords';

export const DEFAULT_COMPARED = 250;
export const MAX_COMPARED = 5000;

interface Watch {
	value: string;
	noun: string;
	summary: string;
	events: ReadonlyArray<{ value: string; name: string; description: string }>;
}

/**
 * Every watch of the trigger: the watched Halo resources (the first is the default), then health.
 */
export const haloWatches: readonly Watch[] = [
	...watchedTable.map((w) => ({
		value: w.value,
		noun: w.noun,
		summary: w.resource.summary,
		events: w.events,
	})),
	watchedHealth,
];

export const eventsParameter = (watch: string) => `${watch}Events`;

const eventOptions = (watches: readonly Watch[]) =>
	watches
		.flatMap((w) => w.events)
		.map((e) => ({ name: e.name, value: e.value, description: e.description }))
		.sort((a, b) => a.name.localeCompare(b.name));

const EVENTS_DESCRIPTION = 'Which changes start the workflow';

/** Version 1: the Events of the watch picked in Watch. */
const watchEventsProperty = (watch: Watch): INodeProperties => ({
	displayName: 'Events',
	name: eventsParameter(watch.value),
	type: 'multiOptions',
	required: true,
	displayOptions: { show: { '@version': [1], watch: [watch.value] } },
	options: eventOptions([watch]),
	// Generated from the watch table, which the linter cannot read: every event is selected by
	// default.
	default: [...watch.events.map((e) => e.value)],
	description: EVENTS_DESCRIPTION,
});

const watchOptions = haloWatches.map((w) => ({
	name: w.noun,
	value: w.value,
	description: w.summary,
}));

/** A parameter of some watches only: written once, shown by Watch (version 1) or by Events. */
const show = (...watch: string[]) => ({ show: { watch } });

function byVersion(property: INodeProperties): INodeProperties[] {
	const show = property.displayOptions?.show;
	const watches = show?.watch as string[] | undefined;
	// Parameters of one version already say so (Watch and its Events are version 1's).
	if (!watches || show?.['@version']) return [property];
	const events = haloWatches
		.filter((w) => watches.includes(w.value))
		.flatMap((w) => w.events.map((e) => e.value));
	return [
		{ ...property, displayOptions: { show: { '@version': [1], watch: watches } } },
		{ ...property, displayOptions: { show: { '@version': [ALL_EVENTS_FROM], events } } },
	];
}

const properties: INodeProperties[] = [
	// Before version 1's Events, so that n8n's node creator lists every event of the trigger.
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		displayOptions: { show: { '@version': [ALL_EVENTS_FROM] } },
		options: eventOptions(haloWatches),
		default: [],
		description:
			`${EVENTS_DESCRIPTION}. Events of orders, CSP invoices and integration health can be ` +
			`mixed: each kind is read on every poll.`,
	},
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { '@version': [1] } },
		options: watchOptions,
		default: firstOptionValue(watchOptions),
	},
	...haloWatches.map(watchEventsProperty),
	{
		displayName: 'Integrations',
		name: 'integrations',
		type: 'multiOptions',
		displayOptions: show(watchedHealth.value),
		options: syncedIntegrations.map((r) => ({ name: r.displayName, value: r.value })).sort(byName),
		// Every integration with sync state, generated from the resource table.
		default: [...syncedIntegrations.map((r) => r.value)],
		description: 'Integrations to watch',
	},
	{
		displayName: 'Overdue After (Hours)',
		name: 'staleAfterHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		displayOptions: show(watchedHealth.value),
		default: 24,
		description: 'A sync older than this counts as failed. 0 turns the check off.',
	},
	{
		displayName: 'Records to Compare',
		name: 'window',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_COMPARED },
		displayOptions: show(watchedOrders.value, watchedInvoices.value),
		default: DEFAULT_COMPARED,
		description:
			'How many of the newest records are checked for changes on each poll (new records are ' +
			'always found). More finds changes to older records at the cost of larger requests.',
	},
	{
		displayName: 'Filters',
		name: 'orderFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: show(watchedOrders.value),
		default: {},
		options: [
			{
				displayName: 'Integration Names',
				name: 'integrationNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. Shopify, Amazon Seller',
				description: 'Only orders from these integrations (comma-separated, any case)',
			},
			{
				displayName: 'Shop Names',
				name: 'shopNames',
				type: 'string',
				default: '',
				placeholder: 'e.g. acme-shop',
				description: 'Only orders from these shops (comma-separated, any case)',
			},
			{
				displayName: 'Statuses',
				name: 'statuses',
				type: 'string',
				default: '',
				placeholder: 'e.g. paid, refunded',
				description: 'Only orders whose status is one of these (comma-separated, any case)',
			},
		],
	},
	{
		displayName: 'Filters',
		name: 'invoiceFilters',
		type: 'collection',
		placeholder: 'Add Filter',
		displayOptions: show(watchedInvoices.value),
		default: {},
		options: [
			{
				displayName: 'Client ID',
				name: 'clientId',
				type: 'number',
				default: 0,
				description: 'Only invoices of this HaloPSA client',
			},
		],
	},
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		displayOptions: show(watchedOrders.value, watchedInvoices.value),
		default: true,
		description: 'Whether to return only the main fields of the record instead of all of them',
	},
	requestTimeoutProperty,
];

export const triggerProperties = properties.flatMap(byVersion);
