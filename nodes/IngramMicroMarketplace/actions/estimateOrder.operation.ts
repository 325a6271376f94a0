/**
 * Order Estimate: the price of an order as it would be placed, with the same checks, nothing
 * ordered.
 */
import { operationOf, recordOf, shapeRecords, type IngramOperation } from './common';
import { estimateBody, orderProperties } from './orderFields';
import { request } from '../../shared/transport/apiClient';

export const estimateOrderOperation: IngramOperation = {
	option: (resource) =>
		operationOf(resource, 'estimate')
			? [
					{
						name: 'Estimate',
						value: 'estimate',
						action: 'Estimate an order',
						description: 'Estimate an order',
					},
				]
			: [],

	properties: (resource) =>
		operationOf(resource, 'estimate') ? orderProperties(resource, 'estimate') : [],

	async execute(item) {
		const { body, corrections } = await estimateBody(item);
		const answer = await request(item.context, item.connection, {
			method: 'POST',
			path: operationOf(item.resource, 'estimate')!.path,
			body,
			idempotent: true,
		});
		return shapeRecords(
			item,
			[recordOf(answer)],
			corrections.length ? { parameterCorrections: corrections } : {},
		);
	},
};
