/**
 * Adobe Commerce Authenticate: the OAuth handshake pairs as multipart/form-data in the `obj` field.
 */
import type { IDataObject } from 'n8n-workflow';
import { extraOperation } from '../resources/resourceTable';
import { answerRecords } from '../transport/haloApi';
import { param, shapeRecords, showFor, itemError, type HaloOperation } from './common';
import { request } from '../../shared/transport/apiClient';

/** Adobe Commerce Authorisation's resource name less the word the action already implies. */
const handshakeWith = (displayName: string) => displayName.replace(/ Authorisation$/, '');

export const authenticateOperation: HaloOperation = {
	writes: true,

	option: (resource) => {
		const extra = extraOperation(resource, 'authenticate');
		return extra
			? [
					{
						name: extra.name,
						value: extra.value,
						action: `Send the OAuth handshake to ${handshakeWith(resource.displayName)}`,
						description: extra.description,
					},
				]
			: [];
	},

	properties: (resource) =>
		extraOperation(resource, 'authenticate')
			? [
					{
						displayName: 'Key/Value Pairs',
						name: 'authPairs',
						type: 'fixedCollection',
						typeOptions: { multipleValues: true },
						placeholder: 'Add Pair',
						default: {},
						description: 'Sent as multipart/form-data in the obj field',
						displayOptions: showFor(resource, ['authenticate']),
						options: [
							{
								displayName: 'Pair',
								name: 'pair',
								values: [
									{ displayName: 'Key', name: 'key', type: 'string', default: '' },
									{
										displayName: 'Value',
										name: 'value',
										type: 'string',
										typeOptions: { password: true },
										default: '',
									},
								],
							},
						],
					},
				]
			: [],

	async execute(item) {
		const extra = extraOperation(item.resource, 'authenticate')!;
		const pairs =
			(param<IDataObject>(item, 'authPairs', {}).pair as IDataObject[] | undefined) ?? [];
		if (!pairs.length)
			throw itemError(
				item,
				'Key/Value Pairs are empty',
				'Add the OAuth handshake values Adobe Commerce gave you (for example oauth_consumer_key).',
			);
		const form = new FormData();
		pairs.forEach((pair, index) => {
			if (!pair.key)
				throw itemError(item, `Key/Value pair ${index + 1} has no key`, 'Give every pair a key.');
			form.append(`obj[${index}].key`, String(pair.key));
			form.append(`obj[${index}].value`, String(pair.value ?? ''));
		});
		// The values are handshake secrets: none is repeated in an error.
		const sentSecrets = pairs.map((pair) => String(pair.value ?? ''));
		const records = answerRecords(
			await request(item.context, item.connection, {
				method: 'POST',
				path: `/${extra.path}`,
				body: form,
				formData: true,
				idempotent: false,
				sentSecrets,
			}),
		);
		return shapeRecords(item, records.length ? records : [{ success: true }]);
	},
};
