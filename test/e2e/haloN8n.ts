/** A Halo sandbox and a real n8n holding a credential that points at it: the start of every Halo e2e suite. */
import { HaloSandbox, type HaloSandboxOptions } from '../sandbox/haloSandbox';
import { RealN8n } from './realN8n';

export const HALO_NODE = 'n8n-nodes-halopsa-marketplace.haloPsaMarketplace';
export const HALO_TRIGGER = 'n8n-nodes-halopsa-marketplace.haloPsaMarketplaceTrigger';

/** `credentialData` replaces the hosted-shape credential fields (for example an own-instance credential); `n8nEnv` goes to every n8n process (queue mode). */
export async function haloWithN8n(
	credentialId: string,
	options: HaloSandboxOptions = {},
	credentialData?: (url: string) => Record<string, unknown>,
	n8nEnv?: Record<string, string>,
) {
	const halo = new HaloSandbox(options);
	const url = await halo.start();
	const n8n = new RealN8n({ env: n8nEnv });
	await n8n.importCredentials([
		{
			id: credentialId,
			name: 'Halo sandbox',
			type: 'haloPsaMarketplaceOAuth2Api',
			data: credentialData?.(url) ?? {
				hostingType: 'hosted',
				resourceServerUrl: url,
				authServerUrl: `${url}/auth`,
				tenant: halo.options.tenant,
				clientId: halo.options.clientId,
				clientSecret: halo.options.clientSecret,
				scope: 'all',
			},
		},
	]);
	const credentials = { haloPsaMarketplaceOAuth2Api: { id: credentialId, name: 'Halo sandbox' } };
	return { halo, url, n8n, credentials };
}
