/** Customer Create: the customer's fields, checked before sending. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { buildCustomer } from './orderInput';
import {
	operationOf,
	param,
	recordOf,
	shapeRecords,
	showFor,
	itemError,
	type IngramItem,
	type IngramOperation,
} from './common';
import { request } from '../../shared/transport/apiClient';
import { atVersions } from '../../shared/actions/operationKit';
import { INGRAM_VERSIONS, REQUIRED_CUSTOMER_FIELDS_FROM } from './versions';

/** The contact persons of a customer (type, name, e-mail, phone), any number of them. */
function contactPersonsProperty(
	displayName: string,
	defaultType: 'admin' | 'billing',
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name: 'contactPersons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		...extra,
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				values: [
					{
						displayName: 'Email',
						name: 'email',
						type: 'string',
						placeholder: 'name@email.com',
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
						default: defaultType,
					},
				],
			},
		],
	};
}

/** A required text field of Customer > Create, shown at the top of the panel. */
function requiredText(
	displayName: string,
	name: string,
	displayOptions: INodeProperties['displayOptions'],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		displayOptions,
		...extra,
	};
}

/**
 * What Ingram Micro requires of a new customer, in the order a person fills it in (name, language,
 * address, admin contact), then the optional fields in one collection (node version 1.1; n8n
 * refuses to run a node whose required field is empty, so saved version 1 nodes keep their one
 * collection).
 */
function customerProperties(displayOptions: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		requiredText('Name', 'customerName', displayOptions, {
			placeholder: 'e.g. Acme Ltd',
			description: "The customer's company name",
		}),
		{
			displayName: 'Language',
			name: 'customerLanguage',
			type: 'string',
			default: '',
			placeholder: 'e.g. en_US',
			description:
				'Language and country, as Ingram Micro writes them (en_US, de_DE); Ingram Micro uses its ' +
				'default when empty',
			displayOptions,
		},
		requiredText('Street Address', 'addressStreet', displayOptions, {
			placeholder: 'e.g. 1 Main Street',
		}),
		requiredText('City', 'addressCity', displayOptions, { placeholder: 'e.g. Leeds' }),
		requiredText('State', 'addressState', displayOptions, {
			placeholder: 'e.g. West Yorkshire',
			description: 'State, province or county',
		}),
		requiredText('Postal Code', 'addressPostalCode', displayOptions, {
			placeholder: 'e.g. LS1 4AP',
		}),
		requiredText('Country Code', 'addressCountryCode', displayOptions, {
			placeholder: 'e.g. GB',
			description: 'Two letters (ISO 3166), such as US, GB or DE',
		}),
		requiredText('Admin First Name', 'adminFirstName', displayOptions, { placeholder: 'e.g. Ann' }),
		requiredText('Admin Last Name', 'adminLastName', displayOptions, { placeholder: 'e.g. Lee' }),
		requiredText('Admin Email', 'adminEmail', displayOptions, {
			placeholder: 'name@email.com',
			description: "The admin contact's e-mail address",
		}),
		requiredText('Admin Phone Number', 'adminPhoneNumber', displayOptions, {
			placeholder: 'e.g. +44 113 000 0000',
		}),
		{
			displayName: 'Additional Fields',
			name: 'customerFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			displayOptions,
			options: [
				{
					displayName: 'Address Extension',
					name: 'addressExtension',
					type: 'string',
					default: '',
					placeholder: 'e.g. Floor 2',
				},
				{
					displayName: 'External ID',
					name: 'externalId',
					type: 'string',
					default: '',
					description: 'Your own ID, for example the HaloPSA client ID',
				},
				contactPersonsProperty('Other Contacts', 'billing', {
					description: 'Billing and technical contacts, or a second admin',
				}),
				{ displayName: 'Tax Registration ID', name: 'taxRegId', type: 'string', default: '' },
			],
		},
	];
}

/** Version 1's panel: every field in one collection (saved workflows of version 1 keep it). */
function legacyCustomerFields(displayOptions: INodeProperties['displayOptions']): INodeProperties {
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
			contactPersonsProperty('Contact Persons', 'admin'),
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

const text = (item: IngramItem, name: string) => String(param<string>(item, name, '') ?? '').trim();

/**
 * The customer as buildCustomer reads it: the top-level fields (version 1.1), and where one is
 * empty, what the collection holds there (version 1 keeps every field in it).
 */
function customerInput(item: IngramItem): IDataObject {
	const extra = param<IDataObject>(item, 'customerFields', {});
	const savedAddress =
		((extra.address as IDataObject | undefined)?.value as IDataObject | undefined) ?? {};
	const address: IDataObject = { ...savedAddress };
	for (const [part, name] of [
		['streetAddress', 'addressStreet'],
		['city', 'addressCity'],
		['state', 'addressState'],
		['postalCode', 'addressPostalCode'],
		['countryCode', 'addressCountryCode'],
	] as const) {
		const given = text(item, name);
		if (given) address[part] = given;
	}
	if (extra.addressExtension) address.addressExtension = extra.addressExtension;
	const admin = {
		label: 'Admin',
		type: 'admin',
		firstName: text(item, 'adminFirstName'),
		lastName: text(item, 'adminLastName'),
		email: text(item, 'adminEmail'),
		phoneNumber: text(item, 'adminPhoneNumber'),
	};
	const others =
		((extra.contactPersons as IDataObject | undefined)?.contact as IDataObject[]) ?? [];
	const adminGiven = admin.firstName || admin.lastName || admin.email || admin.phoneNumber;
	return {
		...extra,
		name: text(item, 'customerName') || extra.name,
		language: text(item, 'customerLanguage') || extra.language,
		address: { value: address },
		contactPersons: { contact: adminGiven || !others.length ? [admin, ...others] : others },
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
			? [
					// Version 1.1 on: the required fields at the top; version 1: one collection.
					...customerProperties(
						atVersions(
							showFor(resource, ['create']),
							INGRAM_VERSIONS.from(REQUIRED_CUSTOMER_FIELDS_FROM),
						),
					),
					legacyCustomerFields(
						atVersions(
							showFor(resource, ['create']),
							INGRAM_VERSIONS.before(REQUIRED_CUSTOMER_FIELDS_FROM),
						),
					),
				]
			: [],

	async execute(item) {
		const { customer, problems } = buildCustomer(customerInput(item));
		if (problems.length)
			throw itemError(
				item,
				`The customer cannot be sent: ${problems.join('; ')}`,
				'Correct the named fields; nothing was sent to Ingram Micro.',
			);
		const answer = await request(item.context, item.connection, {
			method: 'POST',
			path: operationOf(item.resource, 'create')!.path,
			body: customer,
			idempotent: false,
		});
		return shapeRecords(item, [recordOf(answer)]);
	},
};
