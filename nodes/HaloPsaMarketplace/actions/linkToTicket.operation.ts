/**
 * Link to Ticket: an e-commerce order's `ticket_id` set through a Create or Update of that order.
 */
import { oneOf } from '../../shared/wording';
import { forVersions, recordPicker } from '../../shared/actions/operationKit';
import { versionAtLeast } from '../../shared/contextNode';
import { extraOperation, haloTickets, type ExtraOperationValue } from '../resources/resourceTable';
import {
	readId,
	recordLocator,
	searchMethodName,
	showFor,
	TICKET_URL_EXAMPLE,
	TICKET_URL_PATTERN,
	type HaloOperation,
} from './common';
import { saveRecord } from './upsert.operation';
import { HALO_VERSIONS, ONE_BOX_PER_PANEL_FROM } from './versions';

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
		// Before 1.2 a number to type; from 1.2 picked from Halo's tickets, typed, or a ticket's link.
		...forVersions(HALO_VERSIONS.before(ONE_BOX_PER_PANEL_FROM), [
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
		]),
		...forVersions(HALO_VERSIONS.from(ONE_BOX_PER_PANEL_FROM), [
			recordPicker({
				name: 'ticketId',
				displayName: 'Ticket',
				description: 'The HaloPSA ticket to link the order to',
				displayOptions: showFor(resource, [VALUE]),
				searchListMethod: searchMethodName(haloTickets),
				placeholder: 'e.g. 1001',
				idPattern: '^\\d+$',
				idError: 'The ticket ID is written in digits only, e.g. 1001',
				url: {
					placeholder: `e.g. ${TICKET_URL_EXAMPLE}`,
					pattern: TICKET_URL_PATTERN,
					error: 'A HaloPSA ticket link ends in ?id= and the ticket number',
				},
			}),
		]),
	],

	async execute(item) {
		const id = readId(item, 'recordId', item.resource.displayName);
		const picked = versionAtLeast(item.context, ONE_BOX_PER_PANEL_FROM);
		const ticketId = readId(item, 'ticketId', picked ? 'Ticket' : 'Ticket ID');
		return await saveRecord(item, { [item.resource.key]: id, ticket_id: ticketId });
	},
};
