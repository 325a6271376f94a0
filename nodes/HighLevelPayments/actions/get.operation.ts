/** Get: one order, transaction or subscription by its ID. */
import { withArticle } from '../../shared/wording';
import { highLevelRequest, readHighLevelRecord } from '../transport/highLevelApi';
import {
	operationOf,
	pathOf,
	readId,
	recordLocator,
	shapeRecords,
	simplifyProperty,
	type HighLevelOperation,
} from './common';

export const getOperation: HighLevelOperation = {
	option: (resource) => {
		const noun = resource.displayName.toLowerCase();
		return operationOf(resource, 'get')
			? [
					{
						name: 'Get',
						value: 'get',
						action: `Get ${withArticle(noun)}`,
						description: `Get one ${noun} by ID`,
					},
				]
			: [];
	},

	properties: (resource) =>
		operationOf(resource, 'get')
			? [...recordLocator(resource, ['get']), ...simplifyProperty(resource, ['get'])]
			: [],

	async execute(item) {
		const operation = operationOf(item.resource, 'get')!;
		const answer = await highLevelRequest(item.context, item.connection, {
			method: 'GET',
			path: pathOf(item, operation),
			idempotent: true,
			subject: `${item.resource.displayName} ${readId(item)}`,
		});
		return shapeRecords(item, [readHighLevelRecord(answer)]);
	},
};
