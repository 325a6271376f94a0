import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { resourceOperationProperties } from '../shared/actions/operationKit';
import { requestProperties } from '../shared/actions/requestOptions';
import { OPTIONS_BOX_FROM, resourceProperties, runIngramNode } from './actions/router';
import { listSearch } from './methods/listSearch';
import { marketplaceTable } from './resources/marketplaceTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS } from './transport/ingramApi';
import { INGRAM_CREDENTIAL } from './transport/ingramUrls';

/** Resource (customers first, the default), each resource's Operation and its parameters. */
const resources = resourceOperationProperties(marketplaceTable, resourceProperties, {
	defaultResource: marketplaceTable[0].value,
	order: 'table',
});

export class IngramMicroMarketplace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ingram Micro Cloud Marketplace',
		name: 'ingramMicroMarketplace',
		icon: { light: 'file:ingram.svg', dark: 'file:ingram.dark.svg' },
		group: ['transform'],
		// 1.1: Customer > Create shows Ingram Micro's required fields at the top of the panel.
		// 1.2: one Options box (the timeout in it), as n8n's built-in nodes have.
		version: [1, 1.1, 1.2],
		defaultVersion: 1.2,
		subtitle: resources.subtitle,
		description:
			'Ingram Micro Cloud Marketplace: customers, products, orders with product-specific parameters, subscriptions',
		defaults: { name: 'Ingram Micro Cloud Marketplace' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: INGRAM_CREDENTIAL, required: true }],
		properties: [
			...resources.properties,
			...requestProperties({
				service: 'Ingram Micro',
				versions: [1, 1.1, 1.2],
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
