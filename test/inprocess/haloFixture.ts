import { HaloSandbox, type HaloSandboxOptions } from '../sandbox/haloSandbox';
import { CredentialStore, runNode, type RunOptions, type RunResult } from '../harness/inProcess';
import type { IDataObject } from 'n8n-workflow';

export const HALO_CRED = 'haloPsaMarketplaceOAuth2Api';

/** A started Halo sandbox, a credential pointing at it (hosted shape by default) and a runner. */
export async function haloFixture(
	options: HaloSandboxOptions = {},
	credentialOverrides: IDataObject = {},
) {
	const sandbox = new HaloSandbox(options);
	const url = await sandbox.start();
	const store = new CredentialStore();
	const credential = store.add('halo-1', HALO_CRED, {
		hostingType: 'hosted',
		resourceServerUrl: url,
		authServerUrl: `${url}/auth`,
		tenant: sandbox.options.tenant,
		clientId: sandbox.options.clientId,
		clientSecret: sandbox.options.clientSecret,
		scope: 'all',
		...credentialOverrides,
	} as never);
	const run = (
		parameters: IDataObject,
		extra: {
			input?: IDataObject[];
			continueOnFail?: boolean;
			onError?: RunOptions['onError'];
			typeVersion?: number;
		} = {},
	): Promise<RunResult> =>
		runNode({ parameters, credentials: { [HALO_CRED]: credential }, store, ...extra });
	return { sandbox, url, store, credential, run, stop: () => sandbox.stop() };
}

export type HaloFixture = Awaited<ReturnType<typeof haloFixture>>;
