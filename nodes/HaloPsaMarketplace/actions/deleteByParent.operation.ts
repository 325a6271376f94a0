/** Delete All of Parent: Halo's `DELETE /CSPConsumptionData/Parent/{id}`. */
import { pluralOf } from '../../shared/wording';
import { extraOperation } from '../resources/resourceTable';
import { readId, showFor, type HaloOperation } from './common';
import { request } from '../../shared/transport/apiClient';

export const deleteByParentOperation: HaloOperation = {
	writes: true,

	option: (resource) => {
		const extra = extraOperation(resource, 'deleteByParent');
		return extra
			? [
					{
						name: extra.name,
						value: extra.value,
						action: `Delete all ${pluralOf(resource.displayName)} of a parent`,
						description: extra.description,
					},
				]
			: [];
	},

	properties: (resource) =>
		extraOperation(resource, 'deleteByParent')
			? [
					{
						displayName: 'Parent ID',
						name: 'parentId',
						type: 'number',
						typeOptions: { numberPrecision: 0 },
						required: true,
						default: 0,
						description: 'The parent record whose consumption records are all deleted',
						displayOptions: showFor(resource, ['deleteByParent']),
					},
				]
			: [],

	async execute(item) {
		const extra = extraOperation(item.resource, 'deleteByParent')!;
		const parentId = readId(item, 'parentId', 'Parent ID');
		await request(item.context, item.connection, {
			method: 'DELETE',
			path: `/${extra.path}/${parentId}`,
			idempotent: true,
			subject: `${item.resource.displayName} parent ${parentId}`,
		});
		return [{ json: { deleted: true, parentId }, pairedItem: { item: item.itemIndex } }];
	},
};
