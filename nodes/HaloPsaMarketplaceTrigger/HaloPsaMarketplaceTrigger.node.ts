import { NodeConnectionTypes, type INodeType, type INodeTypeDescription } from 'n8n-workflow';
import { HALO_CREDENTIAL } from '../HaloPsaMarketplace/transport/haloApi';
import { TRIGGER_SUBTITLE, TRIGGER_VERSIONS } from '../shared/pollSkeleton';
import { pollHaloTrigger } from './pollHaloTrigger';
import { triggerProperties } from './triggerProperties';

/**
 * Halo publishes no webhook events for e-commerce orders, CSP invoices or integration syncs, so
 * this trigger polls.
 */
export class HaloPsaMarketplaceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HaloPSA Marketplace Trigger',
		name: 'haloPsaMarketplaceTrigger',
		icon: { light: 'file:halopsa.svg', dark: 'file:halopsa.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		defaultVersion: 1.1,
		subtitle: TRIGGER_SUBTITLE,
		description:
			'Starts a workflow when HaloPSA e-commerce orders, CSP invoices or distributor integration ' +
			'syncs change',
		defaults: { name: 'HaloPSA Marketplace Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: HALO_CREDENTIAL, required: true }],
		properties: triggerProperties,
	};

	poll = pollHaloTrigger;
}
