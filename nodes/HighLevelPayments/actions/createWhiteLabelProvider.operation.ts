/** White-Label Payment Provider Create: the five required fields, checked before sending. */
import type { IDataObject } from 'n8n-workflow';
import { WHITE_LABEL_PROVIDERS } from '../resources/paymentsTable';
import { inputProblems, whiteLabelProviderSchema } from './paymentsInput';
import { highLevelRequest, readHighLevelRecord } from '../transport/highLevelApi';
import { param, shapeRecords, showFor, itemError, type HighLevelOperation } from './common';

const firstProvider = WHITE_LABEL_PROVIDERS[0];

export const createWhiteLabelProviderOperation: HighLevelOperation = {
	writes: true,

	option: (resource) =>
		resource.operations.some((o) => o.kind === 'create' && o.body === 'whiteLabelProvider')
			? [
					{
						name: 'Create',
						value: 'create',
						action: 'Create a white-label payment provider',
						description: 'Create a white-label payment provider',
					},
				]
			: [],

	properties: (resource) => {
		if (!resource.operations.some((o) => o.kind === 'create' && o.body === 'whiteLabelProvider'))
			return [];
		const displayOptions = showFor(resource, ['create']);
		return [
			{
				displayName: 'Unique Name',
				name: 'uniqueName',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. acme-pay',
				description: 'Lower-case letters and hyphens, starting and ending with a letter',
				displayOptions,
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				required: true,
				default: '',
				displayOptions,
			},
			{
				displayName: 'Provider',
				name: 'provider',
				type: 'options',
				required: true,
				options: WHITE_LABEL_PROVIDERS.map((p) => ({
					name: p === 'nmi' ? 'NMI' : 'Authorize.Net',
					value: p,
				})),
				default: firstProvider,
				displayOptions,
			},
			{
				displayName: 'Description',
				name: 'description',
				type: 'string',
				required: true,
				default: '',
				displayOptions,
			},
			{
				displayName: 'Image URL',
				name: 'imageUrl',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. https://example.com/logo.png',
				description: 'Logo shown to customers (https only)',
				displayOptions,
			},
		];
	},

	async execute(item) {
		const operation = item.resource.operations.find((o) => o.kind === 'create')!;
		const body: IDataObject = {
			uniqueName: param(item, 'uniqueName', ''),
			title: param(item, 'title', ''),
			provider: param(item, 'provider', ''),
			description: param(item, 'description', ''),
			imageUrl: param(item, 'imageUrl', ''),
		};
		const problems = inputProblems(whiteLabelProviderSchema, body);
		if (problems)
			throw itemError(
				item,
				`Invalid white-label provider: ${problems}`,
				'Correct the named fields; nothing was sent to HighLevel.',
			);
		const answer = await highLevelRequest(item.context, item.connection, {
			method: 'POST',
			path: operation.path,
			body: whiteLabelProviderSchema.parse(body) as IDataObject,
			idempotent: false,
		});
		return shapeRecords(item, [readHighLevelRecord(answer)]);
	},
};
