/**
 * Unlink From Ticket: Halo's `_unlink_from_ticket` action sent through a Create or Update of the
 * order.
 */
import { oneOf } from '../../shared/wording';
import { extraOperation, type ExtraOperationValue } from '../resources/resourceTable';
import { readId, recordLocator, type HaloOperation } from './common';
import { saveRecord } from './upsert.operation';

const VALUE: ExtraOperationValue = 'unlinkFromTicket';

export const unlinkFromTicketOperation: HaloOperation = {
	writes: true,

	option: (resource) => {
		const extra = extraOperation(resource, VALUE);
		return extra
			? [
					{
						name: extra.name,
						value: VALUE,
						action: `Unlink ${oneOf(resource.displayName)} from its ticket`,
						description: extra.description,
					},
				]
			: [];
	},

	properties: (resource) => [recordLocator(resource, [VALUE])],

	async execute(item) {
		const id = readId(item, 'recordId', item.resource.displayName);
		return await saveRecord(item, { [item.resource.key]: id, _unlink_from_ticket: true });
	},
};
