import type { IDataObject } from 'n8n-workflow';
import { CredentialStore, runNode, type RunOptions, type RunResult } from '../harness/inProcess';
import { HighLevelSandbox, type HighLevelSandboxOptions } from '../sandbox/highLevelSandbox';

export const HL_NODE = 'n8n-nodes-halopsa-marketplace.highLevelPayments';

/** A white-label provider Create as a marketplace app would send it, valid by every rule the node checks. */
export const WHITE_LABEL_PROVIDER_CREATE = {
	resource: 'whiteLabelProvider',
	operation: 'create',
	uniqueName: 'acme-pay',
	title: 'Acme Pay',
	provider: 'nmi',
	description: 'Card payments',
	imageUrl: 'https://acme.example/logo.png',
};
export const REDIRECT_URI = 'http://localhost:5678/rest/oauth2-credential/callback';

/**
 * What n8n's OAuth callback does for an authorization-code credential: the user approves on the
 * authorize page, n8n exchanges the code at the token URL and stores the answer as `oauthTokenData`.
 */
export async function connectAuthorizationCode(sandbox: HighLevelSandbox, authUrl: string) {
	const authorize = new URL(authUrl);
	authorize.search = new URLSearchParams({
		client_id: sandbox.options.clientId,
		redirect_uri: REDIRECT_URI,
		response_type: 'code',
		scope: 'payments/orders.readonly',
		state: 'n8n-state',
	}).toString();
	const page = await (await fetch(authorize)).text();
	const approve = /id="approve" href="([^"]+)"/.exec(page)![1].replace(/&amp;/g, '&');
	const redirect = await fetch(approve, { redirect: 'manual' });
	const callback = new URL(redirect.headers.get('location')!);
	const code = callback.searchParams.get('code')!;
	const token = await fetch(`${sandbox.url}/oauth/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			client_id: sandbox.options.clientId,
			client_secret: sandbox.options.clientSecret,
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
			user_type: 'Location',
		}),
	});
	return {
		state: callback.searchParams.get('state'),
		tokenData: (await token.json()) as IDataObject,
	};
}

/** A started HighLevel sandbox, the three kinds of credential pointing at it, and a runner. */
export async function highLevelFixture(options: HighLevelSandboxOptions = {}) {
	const sandbox = new HighLevelSandbox(options);
	const url = await sandbox.start();
	const store = new CredentialStore();
	const common = {
		apiBaseUrl: url,
		clientId: sandbox.options.clientId,
		clientSecret: sandbox.options.clientSecret,
	};
	const connected = await connectAuthorizationCode(sandbox, `${url}/v2/oauth/chooselocation`);
	const credentials = {
		code: store.add('hl-code', 'highLevelPaymentsOAuth2Api', {
			...common,
			grantType: 'authorizationCode',
			authorizePage: 'custom',
			customAuthUrl: `${url}/v2/oauth/chooselocation`,
			oauthTokenData: connected.tokenData,
		} as never),
		// HighLevel does not say which location a client-credentials token names: the user sets Location ID.
		clientCredentials: store.add('hl-cc', 'highLevelPaymentsOAuth2Api', {
			...common,
			grantType: 'clientCredentials',
			locationId: sandbox.options.locationId,
		}),
		privateToken: store.add('hl-pit', 'highLevelPaymentsApi', {
			apiKey: sandbox.options.privateToken,
			locationId: sandbox.options.locationId,
			apiBaseUrl: url,
		}),
	};
	sandbox.clearLog();
	type Auth = keyof typeof credentials;
	const run = (
		parameters: IDataObject,
		extra: {
			auth?: Auth;
			input?: IDataObject[];
			continueOnFail?: boolean;
			onError?: RunOptions['onError'];
			typeVersion?: number;
		} = {},
	): Promise<RunResult> => {
		const auth = extra.auth ?? 'code';
		const type = auth === 'privateToken' ? 'highLevelPaymentsApi' : 'highLevelPaymentsOAuth2Api';
		return runNode({
			type: HL_NODE,
			parameters: { authentication: auth === 'privateToken' ? 'apiKey' : 'oAuth2', ...parameters },
			credentials: { [type]: credentials[auth] },
			store,
			input: extra.input,
			continueOnFail: extra.continueOnFail,
			onError: extra.onError,
			typeVersion: extra.typeVersion,
		});
	};
	return { sandbox, url, store, credentials, run, stop: () => sandbox.stop() };
}

export type HighLevelFixture = Awaited<ReturnType<typeof highLevelFixture>>;

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
