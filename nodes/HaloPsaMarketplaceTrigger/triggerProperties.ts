/** The trigger's parameters, generated from the watch table and the resource table. */
import type { INodeProperties } from 'n8n-workflow';
import { requestTimeoutProperty } from '../HaloPsaMarketplace/descriptions/requestTimeout';
import { firstOptionValue } from '../shared/wording';
import { HEALTH_FAILED, HEALTH_RECOVERED, syncedIntegrations } from './integrationHealth';
import {
	watchedInvoices,
	watchedOrders,
	watchedTable,
	type WatchedRecords,
} from './watchedRecords';

export const DEFAULT_WINDOW = 250;
export const MAX_WINDOW = 5000;

export const eventsParameter = (watch: string) => `${watch}Events`;

const eventsProperty = (watch: WatchedRecords): INodeProperties => ({
	displayName: 'Events',
	name: eventsParameter(watch.value),
	type: 'multiOptions',
	required: true,
	displayOptions: { show: { watch: [watch.value] } },
	options: watch.events.map((e) => ({ name: e.name, value: e.value, description: e.description })),
	// Generated from the watch table, which the linter cannot read: every event is selected by
	// default.
	default: [...watch.events.map((e) => e.value)],
	description: 'Which changes start the workflow',
});

const show = (...watch: string[]) => ({ show: { watch } });

/**
 * What the trigger can watch: the watched Halo resources (the first is the default), then
 * integration health.
 */
const watchOptions = [
	...watchedTable.map((w) => ({
		name: w.noun,
		value: w.value,
		description: w.resource.summary,
	})),
	{
		name: 'Integration Health',
		value: 'integrationHealth',
		description: 'Distributor and marketplace sync errors and overdue syncs',
	},
];

export const triggerProperties: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		options: watchOptions,
		default: firstOptionValue(watchOptions),
	},
	...watchedTable.map(eventsProperty),
	{
		displayName: 'Events',
		name: eventsParameter('integrationHealth'),
		type: 'multiOptions',
		required: true,
		displayOptions: show('integrationHealth'),
		options: [
			{
				name: 'Sync Failed',
				value: HEALTH_FAILED,
				description: 'An integration reports a new sync error, or its last sync is overdue',
			},
			{
				name: 'Sync Recovered',
				value: HEALTH_RECOVERED,
				description: 'A failing integration syncs again without error',
			},
		],
		default: [HEALTH_FAILED, HEALTH_RECOVERED],
		description: 'Which changes start the workflow',
	},
	{
		displayName: 'Integrations',
		name: 'integrations',
		type: 'multiOptions',
		displayOptions: show('integrationHealth'),
		options: syncedIntegrations.map((r) => ({ name: r.displayName, value: r.value })),
		// Every integration with sync state, generated from the resource table.
		default: [...syncedIntegrations.map((r) => r.value)],
		description: 'Integrations to watch',
	},
	{
		displayName: 'Overdue After (Hours)',
		name: 'staleAfterHours',
		type: 'number',
		typeOptions: { minValue: 0 },
		displayOptions: show('integrationHealth'),
		default: 24,
		description: 'A sync older than this counts as failed. 0 turns the check off.',
	},
	{
		displayName: 'Records to Compare',
		name: 'window',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_WINDOW },
		displayOptions: show(watchedOrders.value, watchedInvoices.value),
		default: DEFAULT_WINDOW,
		description:
			'How many of the newest records are checked for changes on each poll (new records are always found). More finds changes to older records at the cost of larger requests.',
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
