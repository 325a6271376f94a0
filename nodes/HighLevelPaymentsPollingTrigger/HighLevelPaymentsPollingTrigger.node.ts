import {
	NodeConnectionTypes,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import {
	authenticationProperty,
	highLevelCredentials,
	locationIdProperty,
} from '../HighLevelPayments/descriptions/authentication';
import { MAX_COMPARED, pollHighLevel } from './pollHighLevel';
import { polledResources, type PolledResource } from './polledResources';
import { ALL_EVENTS_FROM, TRIGGER_SUBTITLE, TRIGGER_VERSIONS } from '../shared/pollSkeleton';

const eventOptions = (polled: readonly PolledResource[]) =>
	polled
		.flatMap((p) => p.events)
		.map((e) => ({ name: e.name, value: e.value, description: e.description }))
		.sort((a, b) => a.name.localeCompare(b.name));

/** Version 1: the Events of the resource picked in Watch. */
const watchEventsProperties: INodeProperties[] = polledResources.map((polled) => ({
	displayName: 'Events',
	name: `${polled.value}Events`,
	type: 'multiOptions',
	required: true,
	displayOptions: { show: { '@version': [1], watch: [polled.value] } },
	options: eventOptions([polled]),
	// Generated from the table: every event is selected by default.
	default: [...polled.events.map((e) => e.value)],
	description: 'Which changes start the workflow',
}));

/**
 * What HighLevel sends no webhook for (fulfillments, transactions, subscriptions) and what private
 * tokens cannot receive: polled.
 */
export class HighLevelPaymentsPollingTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Payments Polling Trigger',
		name: 'highLevelPaymentsPollingTrigger',
		icon: { light: 'file:highlevel.svg', dark: 'file:highlevel.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		defaultVersion: 1.1,
		subtitle: TRIGGER_SUBTITLE,
		description:
			'Starts a workflow when HighLevel fulfillments, payments, refunds, subscriptions or order ' +
			'statuses change',
		defaults: { name: 'HighLevel Payments Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: highLevelCredentials,
		properties: [
			authenticationProperty,
			// Before version 1's Events, so that n8n's node creator lists every event of the trigger.
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				displayOptions: { show: { '@version': [ALL_EVENTS_FROM] } },
				options: eventOptions(polledResources),
				default: [],
				description:
					'Which changes start the workflow. Events of orders, fulfillments, payments and ' +
					'subscriptions can be mixed: each kind is read on every poll.',
			},
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { '@version': [1] } },
				options: polledResources.map((p) => ({
					name: p.name,
					value: p.value,
					description: p.summary,
				})),
				// Generated from the table; orders come first.
				default: 'order',
			},
			...watchEventsProperties,
			{
				displayName: 'Records to Compare',
				name: 'window',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_COMPARED },
				default: 50,
				description:
					'How many of the newest records are checked for changes on each poll (new records are ' +
					'always found)',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description: 'Whether to return only the main fields of the record instead of all of them',
			},
			locationIdProperty,
		],
	};

	poll = pollHighLevel;
}
