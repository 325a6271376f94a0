/** Order Create: places the order once; a lost answer is never followed by a second order. */
import { operationOf, recordOf, shapeRecords, type IngramOperation } from './common';
import { orderBody, orderProperties } from './orderFields';
import { request } from '../../shared/transport/apiClient';

export const createOrderOperation: IngramOperation = {
	writes: true,

	option: (resource) =>
		resource.value === 'order' && operationOf(resource, 'create')
			? [
					{
						name: 'Create',
						value: 'create',
						action: 'Create an order',
						description: 'Create an order',
					},
				]
			: [],

	properties: (resource) =>
		resource.value === 'order' && operationOf(resource, 'create')
			? orderProperties(resource, 'create')
			: [],

	async execute(item) {
		const { body, corrections } = await orderBody(item);
		const answer = await request(item.context, item.connection, {
			method: 'POST',
			path: operationOf(item.resource, 'create')!.path,
			body,
			idempotent: false,
			placesOrder: true,
		});
		return shapeRecords(
			item,
			[recordOf(answer)],
			corrections.length ? { parameterCorrections: corrections } : {},
		);
	},
};
