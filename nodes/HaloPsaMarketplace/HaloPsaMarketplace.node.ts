import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { subtitleOf } from '../shared/wording';
import { resourceParameter } from '../shared/actions/operationKit';
import { requestOptionsProperty } from '../shared/actions/requestOptions';
import { resourceProperties, runHaloNode } from './actions/router';
import { requestTimeoutProperty } from './descriptions/requestTimeout';
import { listSearch } from './methods/listSearch';
import { resourceTable } from './resources/resourceTable';
import { DEFAULT_RATE_LIMIT_WAIT_SECONDS, HALO_CREDENTIAL } from './transport/haloApi';

/**
 * The resources of the table, by vendor name; e-commerce orders are the default (the first of the
 * sorted list would be Adobe Commerce).
 */
const resourceOptions = resourceTable
	.map((r) => ({ name: r.displayName, value: r.value, description: r.summary }))
	.sort((a, b) => a.name.localeCompare(b.name));
const defaultResource = resourceTable.find((r) => r.value === 'ecommerceOrder')!.value;

const resourceProperty = resourceParameter(resourceOptions, defaultResource);

/** Every resource's Operation parameter and its operations' parameters, built once. */
const operationParameters = resourceTable.flatMap(resourceProperties);

export class HaloPsaMarketplace implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Marketplace',
		name: 'haloPsaMarketplace',
		icon: { light: 'file:halopsa.svg', dark: 'file:halopsa.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(resourceOptions, operationParameters),
		description:
			'HaloPSA marketplace and distribution: Pax8, Ingram Micro, TD Synnex, Arrow Sphere, Datto Commerce, Adobe Commerce, Microsoft CSP, Amazon, Shopify and e-commerce orders',
		defaults: { name: 'HaloPSA Marketplace' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: HALO_CREDENTIAL, required: true }],
		properties: [
			resourceProperty,
			...operationParameters,
			requestTimeoutProperty,
			requestOptionsProperty(
				DEFAULT_RATE_LIMIT_WAIT_SECONDS,
				'Hosted HaloPSA allows about 300 requests per rolling 5 minutes; the default waits out one whole window.',
			),
		],
	};

	methods = { listSearch };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await runHaloNode(this)];
	}
}
