/**
 * Parameters Validate: Ingram Micro's check of product parameters (a domain's availability), with
 * the full domain the validation call needs.
 */
import type { IDataObject } from 'n8n-workflow';
import { buildProducts } from './orderInput';
import {
	readId,
	operationOf,
	recordOf,
	recordLocator,
	shapeRecords,
	showFor,
	itemError,
	type IngramOperation,
} from './common';
import { marketplaceCode, productEntries, productsProperty } from './orderFields';
import { request } from '../../shared/transport/apiClient';

export const validateParametersOperation: IngramOperation = {
	option: (resource) =>
		operationOf(resource, 'validate')
			? [
					{
						name: 'Validate',
						value: 'validate',
						action: 'Validate order parameters',
						description: 'Validate order parameters',
					},
				]
			: [],

	properties: (resource) =>
		operationOf(resource, 'validate')
			? [
					recordLocator('customerId', 'Customer', 'customer', showFor(resource, ['validate'])),
					productsProperty(false, showFor(resource, ['validate'])),
				]
			: [],

	async execute(item) {
		const built = buildProducts(
			productEntries(item),
			'sales',
			'validation',
			await marketplaceCode(item),
		);
		if (built.problems.length)
			throw itemError(
				item,
				`The parameters cannot be validated: ${built.problems.join('; ')}`,
				'Correct the named products and parameters; nothing was sent to Ingram Micro.',
			);
		const body = {
			customerId: readId(item, 'customerId', 'Customer'),
			products: built.products.map((p) => ({ mpn: p.mpn, parameters: p.parameters ?? [] })),
		};
		const answer = recordOf(
			await request(item.context, item.connection, {
				method: 'POST',
				path: operationOf(item.resource, 'validate')!.path,
				body,
				idempotent: true,
			}),
		);
		const results = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [answer];
		return shapeRecords(
			item,
			results,
			built.corrections.length ? { parameterCorrections: built.corrections } : {},
		);
	},
};
