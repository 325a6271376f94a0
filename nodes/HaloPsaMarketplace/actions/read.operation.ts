/**
 * The reads that are not lists (Ingram Micro reseller Get and Get Quote, Adobe Commerce status): a
 * GET with the user's query parameters.
 */
import type { IDataObject } from 'n8n-workflow';
import { extraOperationsOf } from '../resources/resourceTable';
import { answerRecords } from '../transport/haloApi';
import { param, shapeRecords, showFor, type HaloOperation } from './common';
import { request } from '../../shared/transport/apiClient';

export const readOperation: HaloOperation = {
	option: (resource) =>
		extraOperationsOf(resource, 'read').map((extra) => ({
			name: extra.name,
			value: extra.value,
			action: extra.action,
			description: extra.description,
		})),

	properties: (resource) => {
		const reads = extraOperationsOf(resource, 'read').map((e) => e.value);
		if (!reads.length) return [];
		return [
			{
				displayName: 'Query Parameters',
				name: 'queryParameters',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Parameter',
				default: {},
				displayOptions: showFor(resource, reads),
				options: [
					{
						displayName: 'Parameter',
						name: 'parameter',
						values: [
							{ displayName: 'Name', name: 'name', type: 'string', default: '' },
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
		];
	},

	async execute(item, operation) {
		const extra = extraOperationsOf(item.resource, 'read').find((e) => e.value === operation)!;
		const parameters =
			(param<IDataObject>(item, 'queryParameters', {}).parameter as IDataObject[] | undefined) ??
			[];
		const qs = Object.fromEntries(
			parameters.filter((p) => p.name).map((p) => [String(p.name), p.value as string]),
		);
		return shapeRecords(
			item,
			answerRecords(
				await request(item.context, item.connection, {
					method: 'GET',
					path: `/${extra.path}`,
					qs,
					idempotent: true,
				}),
			),
		);
	},
};
