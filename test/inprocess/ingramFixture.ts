import type { IDataObject } from 'n8n-workflow';
import { CredentialStore, runNode, type RunOptions, type RunResult } from '../harness/inProcess';
import { IngramSandbox, type IngramSandboxOptions } from '../sandbox/ingramSandbox';

export const INGRAM_NODE = 'n8n-nodes-halopsa-marketplace.ingramMicroMarketplace';
export const INGRAM_CRED = 'ingramMicroMarketplaceApi';

/** A started Ingram Micro sandbox, a credential pointing at it, and a runner. */
export async function ingramFixture(
	options: IngramSandboxOptions = {},
	credentialOverrides: IDataObject = {},
) {
	const sandbox = new IngramSandbox(options);
	const base = await sandbox.start();
	const store = new CredentialStore();
	const credential = store.add('im-1', INGRAM_CRED, {
		baseUrl: base,
		username: sandbox.options.username,
		password: sandbox.options.password,
		subscriptionApiKey: sandbox.options.subscriptionKey,
		marketplace: sandbox.options.marketplace,
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
		runNode({
			type: INGRAM_NODE,
			parameters,
			credentials: { [INGRAM_CRED]: credential },
			store,
			...extra,
		});
	return { sandbox, base, store, credential, run, stop: () => sandbox.stop() };
}

export type IngramFixture = Awaited<ReturnType<typeof ingramFixture>>;

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
