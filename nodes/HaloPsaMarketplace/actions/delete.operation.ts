/** Delete: one record by its Halo key; the output says what was deleted. */
import { oneOf } from '../../shared/wording';
import { readId, recordLocator, type HaloOperation } from './common';
import { request } from '../../shared/transport/apiClient';

export const deleteOperation: HaloOperation = {
	writes: true,

	option: (resource) =>
		resource.crud.includes('delete')
			? [
					{
						name: 'Delete',
						value: 'delete',
						action: `Delete ${oneOf(resource.displayName)}`,
						description: `Delete one ${resource.displayName} record`,
					},
				]
			: [],

	properties: (resource) => [recordLocator(resource, ['delete'])],

	async execute(item) {
		const { resource } = item;
		const id = readId(item, 'recordId', resource.displayName);
		await request(item.context, item.connection, {
			method: 'DELETE',
			path: `/${resource.path}/${id}`,
			idempotent: true,
			subject: `${resource.displayName} ${id}`,
		});
		return [{ json: { deleted: true, id }, pairedItem: { item: item.itemIndex } }];
	},
};
