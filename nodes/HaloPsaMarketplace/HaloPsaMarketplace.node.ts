import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { resourceOperationProperties } from '../shared/actions/operationKit';
import { requestProperties } from '../shared/actions/requestOptions';
import { listOptionsInBox } from './actions/getMany.operation';
import { resourceProperties, runHaloNode } from './actions/router';
import { HALO_VERSIONS, ONE_BOX_PER_PANEL_FROM, OPTIONS_BOX_FROM } from './actions/versions';
import { listSearch } from './methods/listSearch';
import { resourceTable } from './resources/resourceTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS, HALO_CREDENTIAL } from './transport/haloApi';

/**
 * Resource (by vendor name; e-commerce orders are the default, where the sorted list would start at
 * Adobe Commerce), each resource's Operation and its operations' parameters.
 */
const resources = resourceOperationProperties(resourceTable, resourceProperties, {
	defaultResource: 'ecommerceOrder',
});

export class HaloPsaMarketplace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Marketplace',
		name: 'haloPsaMarketplace',
		icon: { light: 'file:halopsa.svg', dark: 'file:halopsa.dark.svg' },
		group: ['transform'],
		// What each version changed: actions/versions.ts.
		version: HALO_VERSIONS.versions,
		defaultVersion: 1.2,
		subtitle: resources.subtitle,
		description:
			'HaloPSA marketplace and distribution: Pax8, Ingram Micro, TD Synnex, Arrow Sphere, Datto ' +
			'Commerce, Adobe Commerce, Microsoft CSP, Amazon, Shopify and e-commerce orders',
		defaults: { name: 'HaloPSA Marketplace' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: HALO_CREDENTIAL, required: true }],
		properties: [
			...resources.properties,
			...requestProperties({
				service: 'HaloPSA',
				versions: HALO_VERSIONS,
				oneBoxFrom: OPTIONS_BOX_FROM,
				operationOptions: {
					from: ONE_BOX_PER_PANEL_FROM,
					operation: 'getAll',
					options: listOptionsInBox,
				},
				defaultRateLimitWaitSeconds: DEFAULT_RATE_LIMIT_WAIT_SECONDS,
				rateLimitNote:
					'Hosted HaloPSA allows about 300 requests per rolling 5 minutes; the default waits out ' +
					'one whole window.',
			}),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runHaloNode(this)];
	}
}
