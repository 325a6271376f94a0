/**
 * The secrets sweep, in a real n8n: every credential holds a recognisable secret, every sandbox records
 * the tokens it hands out, and workflows of all three action nodes run with successes and failures
 * (a 404, a refused write carrying a `new_*` value, a bad id). Afterwards no client secret, password,
 * subscription key, private token, access or refresh token appears in n8n's logs, in the run data n8n
 * printed, or anywhere in n8n's user folder (its database with the stored executions, its event log);
 * no `new_*` value appears in the nodes' output items or errors.
 */
import { rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { HaloSandbox } from '../sandbox/haloSandbox';
import { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { IngramSandbox } from '../sandbox/ingramSandbox';
import { recordCell } from '../inprocess/reliabilityReport';
import { filesUnder, RealN8n, runDocument, workflowWith } from './realN8n';

jest.setTimeout(20 * 60_000);

const SECRETS = {
	haloClientSecret: 'SECRET-halo-client-5e1c9a',
	hlClientSecret: 'SECRET-hl-client-77b2d0',
	hlPrivateToken: 'SECRET-hl-pit-3a9f41',
	ingramPassword: 'SECRET-im-password-c40e',
	ingramSubscriptionKey: 'SECRET-im-subkey-91d7',
};
const NEW_FIELD_VALUE = 'SECRET-new-field-value-0b6e';

describe('real n8n: no secret in outputs, errors, logs or stored executions', () => {
	const halo = new HaloSandbox({ clientSecret: SECRETS.haloClientSecret });
	const hl = new HighLevelSandbox({
		clientSecret: SECRETS.hlClientSecret,
		privateToken: SECRETS.hlPrivateToken,
	});
	const im = new IngramSandbox({
		password: SECRETS.ingramPassword,
		subscriptionKey: SECRETS.ingramSubscriptionKey,
	});
	let n8n: RealN8n;
	const runs: Array<{ id: string; raw: string; log: string }> = [];

	beforeAll(async () => {
		const [haloUrl, hlUrl, imUrl] = await Promise.all([halo.start(), hl.start(), im.start()]);
		n8n = new RealN8n();
		await n8n.importCredentials([
			{
				id: 'halo',
				name: 'Halo',
				type: 'haloPsaMarketplaceOAuth2Api',
				data: {
					hostingType: 'hosted',
					resourceServerUrl: haloUrl,
					authServerUrl: `${haloUrl}/auth`,
					tenant: halo.options.tenant,
					clientId: halo.options.clientId,
					clientSecret: SECRETS.haloClientSecret,
					scope: 'all',
				},
			},
			{
				id: 'hlcc',
				name: 'HL client credentials',
				type: 'highLevelPaymentsOAuth2Api',
				data: {
					apiBaseUrl: hlUrl,
					grantType: 'clientCredentials',
					clientId: hl.options.clientId,
					clientSecret: SECRETS.hlClientSecret,
					locationId: hl.options.locationId,
				},
			},
			{
				id: 'hlpit',
				name: 'HL token',
				type: 'highLevelPaymentsApi',
				data: {
					apiBaseUrl: hlUrl,
					apiKey: SECRETS.hlPrivateToken,
					locationId: hl.options.locationId,
				},
			},
			{
				id: 'im',
				name: 'Ingram',
				type: 'ingramMicroMarketplaceApi',
				data: {
					baseUrl: imUrl,
					username: im.options.username,
					password: SECRETS.ingramPassword,
					subscriptionApiKey: SECRETS.ingramSubscriptionKey,
					marketplace: im.options.marketplace,
				},
			},
		]);
		const haloNode = (parameters: Record<string, unknown>) => ({
			type: 'n8n-nodes-halopsa-marketplace.haloPsaMarketplace',
			parameters,
			credentials: { haloPsaMarketplaceOAuth2Api: { id: 'halo', name: 'Halo' } },
		});
		const hlNode = (
			parameters: Record<string, unknown>,
			pit = false,
		): {
			type: string;
			parameters: Record<string, unknown>;
			credentials: Record<string, { id: string; name: string }>;
		} => ({
			type: 'n8n-nodes-halopsa-marketplace.highLevelPayments',
			parameters: { authentication: pit ? 'apiKey' : 'oAuth2', ...parameters },
			credentials: pit
				? { highLevelPaymentsApi: { id: 'hlpit', name: 'HL token' } }
				: { highLevelPaymentsOAuth2Api: { id: 'hlcc', name: 'HL client credentials' } },
		});
		const imNode = (parameters: Record<string, unknown>) => ({
			type: 'n8n-nodes-halopsa-marketplace.ingramMicroMarketplace',
			parameters,
			credentials: { ingramMicroMarketplaceApi: { id: 'im', name: 'Ingram' } },
		});
		const byId = (value: unknown) => ({ __rl: true, mode: 'id', value });
		// `new_*` values come from the input item, as a workflow passes them on; the node must not echo them.
		const newField = {
			inputMode: 'json',
			recordJson: '={{ JSON.stringify({ tenant_id: "t-1", new_client_secret: $json.secret }) }}',
		};
		await n8n.importWorkflow([
			workflowWith(
				'sHaloGet',
				haloNode({
					resource: 'ecommerceOrder',
					operation: 'get',
					recordId: byId(1),
					simplify: false,
				}),
			),
			workflowWith(
				'sHaloMissing',
				haloNode({ resource: 'ecommerceOrder', operation: 'get', recordId: byId(999999) }),
			),
			workflowWith(
				'sHaloNewField',
				haloNode({
					resource: 'pax8Details',
					operation: 'upsert',
					updateId: 1,
					...newField,
					simplify: false,
				}),
				[{ secret: NEW_FIELD_VALUE }],
			),
			workflowWith(
				'sHaloNewFieldRefused',
				haloNode({ resource: 'pax8Details', operation: 'upsert', updateId: 1, ...newField }),
				[{ secret: NEW_FIELD_VALUE }],
			),
			workflowWith('sHlCc', hlNode({ resource: 'transaction', operation: 'getAll', limit: 2 })),
			workflowWith(
				'sHlPitBad',
				hlNode(
					{ resource: 'order', operation: 'get', orderId: byId('0dffffffffffffffffffffff') },
					true,
				),
			),
			workflowWith(
				'sImGet',
				imNode({ resource: 'customer', operation: 'get', customerId: byId('CUS-1001') }),
			),
			workflowWith(
				'sImMissing',
				imNode({ resource: 'customer', operation: 'get', customerId: byId('CUS-404404') }),
			),
		]);
		for (const id of ['sHaloGet', 'sHaloMissing', 'sHaloNewField'])
			runs.push({ id, ...(await n8n.execute(id)) });
		halo.addFault({
			method: 'POST',
			path: /pax8details/i,
			status: 400,
			body: 'tenant_id is not valid for this integration',
		});
		for (const id of ['sHaloNewFieldRefused', 'sHlCc', 'sHlPitBad', 'sImGet', 'sImMissing'])
			runs.push({ id, ...(await n8n.execute(id)) });
	});

	afterAll(async () => {
		await Promise.all([halo.stop(), hl.stop(), im.stop()]);
		n8n?.cleanup();
	});

	it('the workflows really ran: successes, and the failures the sweep needs', () => {
		const outcome = (id: string) => {
			const document = runDocument(runs.find((r) => r.id === id)!.raw);
			const resultData = document?.data?.resultData ?? document?.resultData;
			return resultData?.error
				? 'error'
				: (resultData?.runData?.Subject?.[0]?.data?.main?.[0]?.length ?? 0) > 0
					? 'items'
					: 'nothing';
		};
		expect(Object.fromEntries(runs.map((r) => [r.id, outcome(r.id)]))).toEqual({
			sHaloGet: 'items',
			sHaloMissing: 'error',
			sHaloNewField: 'items',
			sHaloNewFieldRefused: 'error',
			sHlCc: 'items',
			sHlPitBad: 'error',
			sImGet: 'items',
			sImMissing: 'error',
		});
		// The sandboxes really received the secrets and handed out tokens.
		expect(halo.issuedTokens().length).toBeGreaterThan(0);
		expect(hl.issuedTokens().length).toBeGreaterThan(0);
		expect(im.issuedTokens().length).toBeGreaterThan(0);
		expect(halo.secrets.get('pax8Details:1')).toMatchObject({ new_client_secret: NEW_FIELD_VALUE });
	});

	it('no credential secret or token in logs, printed run data, or any file n8n keeps', () => {
		const secrets = [
			...Object.values(SECRETS),
			...halo.issuedTokens(),
			...hl.issuedTokens(),
			...im.issuedTokens(),
		];
		const places = filesUnder(join(n8n.userFolder, '.n8n')).map(([place]) => place);
		expect(n8n.secretLeaks(secrets)).toEqual([]);
		expect(places.some((place) => /database\.sqlite/.test(place))).toBe(true);
		recordCell(
			'Secrets',
			'client secrets, password, subscription key, private token, access and refresh tokens',
			'n8n logs, printed run data, database (credentials, stored executions), event log',
			// Counts that do not depend on timing: how many tokens were issued, and whether the
			// database has its journal files at that moment, vary between runs.
			`none found (${Object.values(SECRETS).length} credential values and every token the sandboxes issued; logs and every file in n8n's folder, its database included)`,
		);
	});

	it('the sweep finds a secret planted where none may be, so its silence means something', () => {
		const planted = join(n8n.userFolder, '.n8n', 'planted.log');
		writeFileSync(planted, `token=${halo.issuedTokens()[0]}`);
		try {
			expect(n8n.secretLeaks()).toEqual([expect.stringContaining('planted.log')]);
		} finally {
			rmSync(planted);
		}
	});

	it('no new_* value in the output items or errors of the nodes', () => {
		const leaks: string[] = [];
		for (const run of runs) {
			const document = runDocument(run.raw);
			const resultData = document?.data?.resultData ?? document?.resultData ?? {};
			// The "Items" node is the user's own input carrying the value; everything this package produced is checked.
			const produced = JSON.stringify({
				subject: resultData.runData?.Subject,
				error: resultData.error,
			});
			if (produced.includes(NEW_FIELD_VALUE)) leaks.push(run.id);
			if (run.log.includes(NEW_FIELD_VALUE)) leaks.push(`${run.id} log`);
		}
		expect(leaks).toEqual([]);
		recordCell(
			'Secrets',
			'new_* write-only field values',
			'output items and errors of the node, n8n logs',
			'none found (a write that succeeded and one Halo refused)',
		);
	});
});
