/** Get: one record by its Halo key. */
import type { IDataObject } from 'n8n-workflow';
import { oneOf } from '../../shared/wording';
import { answerRecords } from '../transport/haloApi';
import {
	param,
	readId,
	recordLocator,
	shapeRecords,
	showFor,
	haloReadOutputProperties,
	simplifier,
	type HaloOperation,
} from './common';
import { request } from '../../shared/transport/apiClient';

export const getOperation: HaloOperation = {
	option: (resource) =>
		resource.crud.includes('get')
			? [
					{
						name: 'Get',
						value: 'get',
						action: `Get ${oneOf(resource.displayName)}`,
						description: `Get one ${resource.displayName} record by ID`,
					},
				]
			: [],

	properties: (resource) => [
		recordLocator(resource, ['get']),
		...(resource.getQuery?.includes('includedetails')
			? [
					{
						displayName: 'Include Details',
						name: 'includeDetails',
						type: 'boolean' as const,
						default: false,
						description: 'Whether to include additional detail objects',
						displayOptions: showFor(resource, ['get']),
					},
				]
			: []),
		...haloReadOutputProperties(resource, ['get']),
	],

	async execute(item) {
		const { resource } = item;
		const id = readId(item, 'recordId', resource.displayName);
		const shape = simplifier(item);
		const qs: IDataObject = {};
		if (resource.getQuery?.includes('includedetails'))
			qs.includedetails = param(item, 'includeDetails', false);
		const answer = await request(item.context, item.connection, {
			method: 'GET',
			path: `/${resource.path}/${id}`,
			qs,
			idempotent: true,
			subject: `${resource.displayName} ${id}`,
		});
		return shapeRecords(item, answerRecords(answer), shape);
	},
};
