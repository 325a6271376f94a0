import { NodeConnectionTypes, type INodeProperties, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { crudResource, searchMethodName } from './descriptions/crudResource';
import { requestTimeoutProperty } from './descriptions/requestTimeout';
import { resourceTable } from './resources/resourceTable';
import { listSearchFor } from './transport/listSearch';

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: resourceTable
		.map((r) => ({ name: r.displayName, value: r.value, description: `HaloPSA /${r.path}` }))
		.sort((a, b) => a.name.localeCompare(b.name)),
	// The options are generated from the table, which the linter cannot read; this value is one of them.
	default: 'ecommerceOrder',
};

export class HaloPsaMarketplace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Marketplace',
		name: 'haloPsaMarketplace',
		icon: { light: 'file:halopsa.svg', dark: 'file:halopsa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'HaloPSA marketplace and distribution: Pax8, Ingram Micro, TD Synnex, Arrow Sphere, Datto Commerce, Adobe Commerce, Microsoft CSP, Amazon, Shopify and e-commerce orders',
		defaults: { name: 'HaloPSA Marketplace' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'haloPsaMarketplaceOAuth2Api', required: true }],
		requestDefaults: {
			baseURL: '={{$credentials.resourceServerUrl.trim().replace(/\\/+$/, "").replace(/\\/api$/i, "")}}/api',
			headers: { Accept: 'application/json' },
		},
		properties: [resourceProperty, ...resourceTable.flatMap(crudResource), requestTimeoutProperty],
	};

	methods = {
		listSearch: Object.fromEntries(resourceTable.map((r) => [searchMethodName(r), listSearchFor(r)])),
	};
}
