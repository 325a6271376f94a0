/** Get: one order, transaction or subscription by its ID. */
import { withArticle } from '../../shared/wording';
import { highLevelRequest, readHighLevelRecord } from '../transport/highLevelApi';
import {
	operationOf,
	pathOf,
	readId,
	recordLocator,
	shapeRecords,
	type HighLevelOperation,
} from './common';
import { readOutputProperties } from '../../shared/actions/operationKit';
import { HIGHLEVEL_VERSIONS, OUTPUT_FROM } from './versions';

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
			? [
					...recordLocator(resource, ['get']),
					...readOutputProperties(resource, ['get'], HIGHLEVEL_VERSIONS, OUTPUT_FROM),
				]
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
