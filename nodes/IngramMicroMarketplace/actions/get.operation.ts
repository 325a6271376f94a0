/** Get: one customer, product, order or subscription by its ID. */
import { withArticle } from '../../shared/wording';
import {
	readId,
	operationOf,
	recordLocator,
	recordOf,
	shapeRecords,
	showFor,
	type IngramOperation,
} from './common';
import { request } from '../../shared/transport/apiClient';
import { readOutputProperties } from '../../shared/actions/operationKit';
import { INGRAM_VERSIONS, OUTPUT_FROM } from './versions';

export const getOperation: IngramOperation = {
	option: (resource) => {
		const action = `Get ${withArticle(resource.displayName.toLowerCase())}`;
		return operationOf(resource, 'get')
			? [{ name: 'Get', value: 'get', action, description: action }]
			: [];
	},

	properties: (resource) =>
		operationOf(resource, 'get') && resource.idParameter
			? [
					recordLocator(
						resource.idParameter.name,
						resource.idParameter.displayName,
						resource.value,
						showFor(resource, ['get']),
					),
					...readOutputProperties(resource, ['get'], INGRAM_VERSIONS, OUTPUT_FROM),
				]
			: [],

	async execute(item) {
		const { resource } = item;
		const operation = operationOf(resource, 'get')!;
		const id = readId(item, resource.idParameter!.name, resource.idParameter!.displayName);
		const answer = await request(item.context, item.connection, {
			method: 'GET',
			path: operation.path.replace('{id}', encodeURIComponent(id)),
			idempotent: true,
			subject: `${resource.displayName} ${id}`,
		});
		return shapeRecords(item, [recordOf(answer)]);
	},
};
