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
import { MAX_WINDOW, pollHighLevel } from './pollHighLevel';
import { polledResources } from './polledResources';

const eventProperties: INodeProperties[] = polledResources.map((polled) => ({
	displayName: 'Events',
	name: `${polled.value}Events`,
	type: 'multiOptions',
	required: true,
	displayOptions: { show: { watch: [polled.value] } },
	options: polled.events.map((e) => ({ name: e.name, value: e.value, description: e.description })),
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
		version: 1,
		subtitle: '={{$parameter["watch"]}}',
		description:
			'Starts a workflow when HighLevel fulfillments, payments, refunds, subscriptions or order statuses change',
		defaults: { name: 'HighLevel Payments Polling Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: highLevelCredentials,
		properties: [
			authenticationProperty,
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				noDataExpression: true,
				options: polledResources.map((p) => ({
					name: p.name,
					value: p.value,
					description: p.summary,
				})),
				// Generated from the table; orders come first.
				default: 'order',
			},
			...eventProperties,
			{
				displayName: 'Records to Compare',
				name: 'window',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: MAX_WINDOW },
				default: 50,
				description:
					'How many of the newest records are checked for changes on each poll (new records are always found)',
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
