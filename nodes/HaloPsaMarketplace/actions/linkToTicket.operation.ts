/**
 * Link to Ticket: an e-commerce order's `ticket_id` set through a Create or Update of that order.
 */
import { oneOf } from '../../shared/wording';
import { extraOperation, type ExtraOperationValue } from '../resources/resourceTable';
import { readId, recordLocator, showFor, type HaloOperation } from './common';
import { saveRecord } from './upsert.operation';

const VALUE: ExtraOperationValue = 'linkToTicket';

export const linkToTicketOperation: HaloOperation = {
	writes: true,

	option: (resource) => {
		const extra = extraOperation(resource, VALUE);
		return extra
			? [
					{
						name: extra.name,
						value: VALUE,
						action: `Link ${oneOf(resource.displayName)} to a ticket`,
						description: extra.description,
					},
				]
			: [];
	},

	properties: (resource) => [
		recordLocator(resource, [VALUE]),
		{
			displayName: 'Ticket ID',
			name: 'ticketId',
			type: 'number',
			typeOptions: { numberPrecision: 0 },
			required: true,
			default: 0,
			description: 'The HaloPSA ticket to link the order to',
			displayOptions: showFor(resource, [VALUE]),
		},
	],

	async execute(item) {
		const id = readId(item, 'recordId', `${item.resource.displayName} ID`);
		const ticketId = readId(item, 'ticketId', 'Ticket ID');
		return await saveRecord(item, { [item.resource.key]: id, ticket_id: ticketId });
	},
};
