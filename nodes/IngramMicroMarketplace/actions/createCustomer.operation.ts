/** Customer Create: the customer's fields, checked before sending. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { buildCustomer } from './orderInput';
import {
	operationOf,
	param,
	recordOf,
	send,
	shapeRecords,
	showFor,
	itemError,
	type IngramOperation,
} from './common';

function customerFields(displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Customer',
		name: 'customerFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions,
		options: [
			{
				displayName: 'Address',
				name: 'address',
				type: 'fixedCollection',
				default: {},
				options: [
					{
						displayName: 'Address',
						name: 'value',
						values: [
							{ displayName: 'Street Address', name: 'streetAddress', type: 'string', default: '' },
							{
								displayName: 'Address Extension',
								name: 'addressExtension',
								type: 'string',
								default: '',
							},
							{ displayName: 'Postal Code', name: 'postalCode', type: 'string', default: '' },
							{ displayName: 'City', name: 'city', type: 'string', default: '' },
							{ displayName: 'State', name: 'state', type: 'string', default: '' },
							{
								displayName: 'Country Code',
								name: 'countryCode',
								type: 'string',
								default: '',
								placeholder: 'e.g. US',
							},
						],
					},
				],
			},
			{
				displayName: 'Contact Persons',
				name: 'contactPersons',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				options: [
					{
						displayName: 'Contact',
						name: 'contact',
						values: [
							{
								displayName: 'Email',
								name: 'email',
								type: 'string',
								placeholder: 'e.g. name@email.com',
								default: '',
							},
							{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
							{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
							{ displayName: 'Phone Number', name: 'phoneNumber', type: 'string', default: '' },
							{
								displayName: 'Type',
								name: 'type',
								type: 'options',
								options: [
									{ name: 'Admin', value: 'admin' },
									{ name: 'Billing', value: 'billing' },
									{ name: 'Technical', value: 'technical' },
								],
								default: 'admin',
							},
						],
					},
				],
			},
			{
				displayName: 'External ID',
				name: 'externalId',
				type: 'string',
				default: '',
				description: 'Your own ID, for example the HaloPSA client ID',
			},
			{
				displayName: 'Language',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. en_US',
				description: 'Language and country, as Ingram Micro writes them (en_US, de_DE)',
			},
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			{ displayName: 'Tax Registration ID', name: 'taxRegId', type: 'string', default: '' },
		],
	};
}

export const createCustomerOperation: IngramOperation = {
	writes: true,

	option: (resource) =>
		resource.value === 'customer' && operationOf(resource, 'create')
			? [
					{
						name: 'Create',
						value: 'create',
						action: 'Create a customer',
						description: 'Create a customer',
					},
				]
			: [],

	properties: (resource) =>
		resource.value === 'customer' && operationOf(resource, 'create')
			? [customerFields(showFor(resource, ['create']))]
			: [],

	async execute(item) {
		const { customer, problems } = buildCustomer(param<IDataObject>(item, 'customerFields', {}));
		if (problems.length)
			throw itemError(
				item,
				`The customer cannot be sent: ${problems.join('; ')}`,
				'Correct the named fields; nothing was sent to Ingram Micro.',
			);
		const answer = await send(item, {
			method: 'POST',
			path: operationOf(item.resource, 'create')!.path,
			body: customer,
			idempotent: false,
		});
		return shapeRecords(item, [recordOf(answer)]);
	},
};
