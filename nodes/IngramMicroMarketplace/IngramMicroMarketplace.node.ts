import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { marketplaceProperties, searchMethodName } from './descriptions/marketplaceProperties';
import { ingramSearch } from './transport/ingramListSearch';
import { INGRAM_CREDENTIAL, INGRAM_DEFAULT_BASE } from './transport/ingramUrls';

export class IngramMicroMarketplace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ingram Micro Cloud Marketplace',
		name: 'ingramMicroMarketplace',
		icon: { light: 'file:ingram.svg', dark: 'file:ingram.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Ingram Micro Cloud Marketplace: customers, products, orders with product-specific parameters, subscriptions',
		defaults: { name: 'Ingram Micro Cloud Marketplace' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: INGRAM_CREDENTIAL, required: true }],
		requestDefaults: {
			baseURL: `={{($credentials.baseUrl || "${INGRAM_DEFAULT_BASE}").trim().replace(/\\/+$/, "")}}`,
			headers: { Accept: 'application/json' },
		},
		properties: marketplaceProperties,
	};

	methods = {
		listSearch: Object.fromEntries((['customer', 'product', 'order', 'subscription'] as const).map((r) => [searchMethodName(r), ingramSearch(r)])),
	};
}
