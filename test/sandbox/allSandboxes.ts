/** The three sandboxes started together (for `npm run sandbox` and the demo), with the credentials that point at them. */
import { Collector } from './collector';
import { HaloSandbox } from './haloSandbox';
import { HighLevelSandbox } from './highLevelSandbox';
import { IngramSandbox } from './ingramSandbox';
import { ScriptedModel } from './scriptedModel';

/** The fields of an n8n credential pointing at each sandbox (import:credentials `data`). */
export const sandboxCredentialData = {
	halo: (halo: HaloSandbox, url: string) => ({
		hostingType: 'hosted',
		resourceServerUrl: url,
		authServerUrl: `${url}/auth`,
		tenant: halo.options.tenant,
		clientId: halo.options.clientId,
		clientSecret: halo.options.clientSecret,
		scope: 'all',
	}),
	highLevelPrivateToken: (highLevel: HighLevelSandbox, url: string) => ({
		apiBaseUrl: url,
		apiKey: highLevel.options.privateToken,
		locationId: highLevel.options.locationId,
	}),
	ingram: (ingram: IngramSandbox, base: string) => ({
		baseUrl: base,
		username: ingram.options.username,
		password: ingram.options.password,
		subscriptionApiKey: ingram.options.subscriptionKey,
		marketplace: ingram.options.marketplace,
	}),
};

/**
 * The three credentials a real-n8n suite imports (import:credentials records, ids `halo`, `hl` — a HighLevel
 * Private Integration Token — and `im`), pointing at started sandboxes.
 */
export function sandboxCredentialRecords(s: {
	halo: HaloSandbox;
	haloUrl: string;
	highLevel: HighLevelSandbox;
	highLevelUrl: string;
	ingram: IngramSandbox;
	ingramBase: string;
}) {
	return [
		{
			id: 'halo',
			name: 'halo',
			type: 'haloPsaMarketplaceOAuth2Api',
			data: sandboxCredentialData.halo(s.halo, s.haloUrl),
		},
		{
			id: 'hl',
			name: 'hl',
			type: 'highLevelPaymentsApi',
			data: sandboxCredentialData.highLevelPrivateToken(s.highLevel, s.highLevelUrl),
		},
		{
			id: 'im',
			name: 'im',
			type: 'ingramMicroMarketplaceApi',
			data: sandboxCredentialData.ingram(s.ingram, s.ingramBase),
		},
	];
}

export async function startSandboxes(
	ports: {
		halo?: number;
		highLevel?: number;
		ingram?: number;
		alerts?: number;
		model?: number;
	} = {},
) {
	const halo = new HaloSandbox({ tokenTtlSeconds: Number(process.env.HALO_TOKEN_TTL ?? 3600) });
	const haloUrl = await halo.start(ports.halo ?? 0);
	const highLevel = new HighLevelSandbox();
	const highLevelUrl = await highLevel.start(ports.highLevel ?? 0);
	const ingram = new IngramSandbox();
	const ingramBase = await ingram.start(ports.ingram ?? 0);
	// The example workflows POST their alerts here (http://127.0.0.1:5683/alerts in the shipped JSON).
	const alerts = new Collector();
	const alertsUrl = await alerts.start(ports.alerts ?? 0);
	// The example AI Agent workflow's chat model: a scripted stand-in that asks the HaloPSA tool for the orders that came from Amazon.
	const model = new ScriptedModel();
	const modelUrl = await model.start(ports.model ?? 0);
	model.defaultScript = [{ tool: /order/i, args: { search: 'Amazon' } }];
	/** n8n credentials (import:credentials format) pointing at the sandboxes. */
	const credentials = [
		{
			id: 'halo-sandbox',
			name: 'HaloPSA sandbox',
			type: 'haloPsaMarketplaceOAuth2Api',
			data: sandboxCredentialData.halo(halo, haloUrl),
		},
		{
			id: 'highlevel-sandbox',
			name: 'HighLevel sandbox (client credentials)',
			type: 'highLevelPaymentsOAuth2Api',
			data: {
				apiBaseUrl: highLevelUrl,
				grantType: 'clientCredentials',
				clientId: highLevel.options.clientId,
				clientSecret: highLevel.options.clientSecret,
				locationId: highLevel.options.locationId,
			},
		},
		{
			id: 'highlevel-pit-sandbox',
			name: 'HighLevel sandbox (private token)',
			type: 'highLevelPaymentsApi',
			data: sandboxCredentialData.highLevelPrivateToken(highLevel, highLevelUrl),
		},
		{
			id: 'scripted-model',
			name: 'Scripted chat model (demo)',
			type: 'openAiApi',
			data: { apiKey: 'sk-scripted-demo-model', url: `${modelUrl}/v1` },
		},
		{
			id: 'ingram-sandbox',
			name: 'Ingram Micro sandbox',
			type: 'ingramMicroMarketplaceApi',
			data: sandboxCredentialData.ingram(ingram, ingramBase),
		},
	];
	const description =
		`HaloPSA sandbox on ${haloUrl}\n` +
		`  Resource Server URL: ${haloUrl}\n  Authorisation Server URL: ${haloUrl}/auth\n  Tenant: ${halo.options.tenant}\n` +
		`  Client ID: ${halo.options.clientId}\n  Client Secret: ${halo.options.clientSecret}\n` +
		`HighLevel sandbox on ${highLevelUrl}\n` +
		`  API Base URL: ${highLevelUrl}\n  Authorization Page: Custom, ${highLevelUrl}/v2/oauth/chooselocation\n` +
		`  Client ID: ${highLevel.options.clientId}\n  Client Secret: ${highLevel.options.clientSecret}\n` +
		`  Private Integration Token: ${highLevel.options.privateToken}\n  Location ID: ${highLevel.options.locationId}\n` +
		`Ingram Micro sandbox on ${ingramBase}\n` +
		`  Marketplace API URL: ${ingramBase}\n  API Username: ${ingram.options.username}\n  API Password: ${ingram.options.password}\n` +
		`  Subscription Key: ${ingram.options.subscriptionKey}\n  Marketplace Code: ${ingram.options.marketplace}\n` +
		`Alert inbox (the example workflows' alerts) on ${alertsUrl}/alerts\n` +
		`Scripted chat model (the AI Agent example's, OpenAI-compatible) on ${modelUrl}/v1\n`;
	// Every sandbox is stopped even when one refuses what it got (the HighLevel sandbox judges its requests).
	const stop = async () => {
		const stopped = await Promise.allSettled(
			[halo, highLevel, ingram, alerts, model].map((sandbox) => sandbox.stop()),
		);
		const refused = stopped.find((s): s is PromiseRejectedResult => s.status === 'rejected');
		if (refused) throw refused.reason;
	};
	return { halo, highLevel, ingram, alerts, model, credentials, description, stop };
}
