import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { resourceOperationProperties } from '../shared/actions/operationKit';
import { requestProperties } from '../shared/actions/requestOptions';
import { resourceProperties, runIngramNode } from './actions/router';
import { INGRAM_VERSIONS, OPTIONS_BOX_FROM } from './actions/versions';
import { listSearch } from './methods/listSearch';
import { marketplaceTable } from './resources/marketplaceTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS } from './transport/ingramApi';
import { INGRAM_CREDENTIAL } from './transport/ingramUrls';

/** Resource (customers first, the default), each resource's Operation and its parameters. */
const resources = resourceOperationProperties(marketplaceTable, resourceProperties, {
	defaultResource: marketplaceTable[0].value,
});

export class IngramMicroMarketplace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ingram Micro Cloud Marketplace',
		name: 'ingramMicroMarketplace',
		icon: { light: 'file:ingram.svg', dark: 'file:ingram.dark.svg' },
		group: ['transform'],
		// What each version changed: actions/versions.ts.
		version: INGRAM_VERSIONS.versions,
		defaultVersion: 1.3,
		subtitle: resources.subtitle,
		description:
			'Ingram Micro Cloud Marketplace: customers, products, orders with product-specific ' +
			'parameters, subscriptions',
		defaults: { name: 'Ingram Micro Cloud Marketplace' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: INGRAM_CREDENTIAL, required: true }],
		properties: [
			...resources.properties,
			...requestProperties({
				service: 'Ingram Micro',
				versions: INGRAM_VERSIONS,
				oneBoxFrom: OPTIONS_BOX_FROM,
				defaultRateLimitWaitSeconds: DEFAULT_RATE_LIMIT_WAIT_SECONDS,
				rateLimitNote: 'Ingram Micro documents no rate limit but answers 429 under load.',
			}),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runIngramNode(this)];
	}
}
