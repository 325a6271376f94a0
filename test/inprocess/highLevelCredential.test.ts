/** The HighLevel credentials' tests, run the way n8n's CLI runs them (a noOp node whose parameter routes the test request). */
import { HighLevelPaymentsApi } from '../../credentials/HighLevelPaymentsApi.credentials';
import { HighLevelPaymentsOAuth2Api } from '../../credentials/HighLevelPaymentsOAuth2Api.credentials';
import { additionalDataFor, credentialTestNode, registerNode, runNode } from '../harness/inProcess';
import { byId, highLevelFixture, type HighLevelFixture } from './highLevelFixture';

let hl: HighLevelFixture;
beforeEach(async () => {
	hl = await highLevelFixture();
});
afterEach(async () => {
	await hl.stop();
});

function testCredential(
	type: 'highLevelPaymentsApi' | 'highLevelPaymentsOAuth2Api',
	id: { id: string; name: string },
) {
	registerNode(
		'n8n-nodes-base.noOp',
		credentialTestNode(
			type === 'highLevelPaymentsApi'
				? new HighLevelPaymentsApi()
				: new HighLevelPaymentsOAuth2Api(),
		),
	);
	return runNode({
		type: 'n8n-nodes-base.noOp',
		parameters: { temp: '' },
		credentials: { [type]: id },
		store: hl.store,
	});
}

test('private integration token: one orders call with Version and altId', async () => {
	const { error } = await testCredential('highLevelPaymentsApi', hl.credentials.privateToken);
	expect(error).toBeUndefined();
	const [call] = hl.sandbox.paymentsRequests();
	expect(call.query).toEqual({ altId: 'loc-sandbox', limit: '1' });
	expect(call.headers.version).toBe('2021-07-28');
});

test("an API Base URL typed with a trailing slash and spaces: the test and the token URL resolve as the node's calls do", async () => {
	hl.store.get('hl-pit')!.data.apiBaseUrl = `  ${hl.url}/  `;
	expect(
		(await testCredential('highLevelPaymentsApi', hl.credentials.privateToken)).error,
	).toBeUndefined();
	hl.store.get('hl-cc')!.data.apiBaseUrl = `${hl.url}//`;
	expect(
		(await testCredential('highLevelPaymentsOAuth2Api', hl.credentials.clientCredentials)).error,
	).toBeUndefined();
	expect(hl.sandbox.paymentsRequests().map((r) => `${r.path} ${r.status}`)).toEqual([
		'/payments/orders 200',
		'/payments/orders 200',
	]);
	expect(hl.sandbox.tokenRequests).toHaveLength(1);
});

test("private integration token that was rotated: the test fails with HighLevel's answer", async () => {
	hl.store.get('hl-pit')!.data.apiKey = 'pit-rotated';
	const { error } = await testCredential('highLevelPaymentsApi', hl.credentials.privateToken);
	expect(error?.message).toMatch(/401|Invalid JWT|Authorization failed/i);
});

test('OAuth2 client credentials with a location: token fetched (user_type Location), then the orders call', async () => {
	hl.store.get('hl-cc')!.data.locationId = 'loc-sandbox';
	const { error } = await testCredential(
		'highLevelPaymentsOAuth2Api',
		hl.credentials.clientCredentials,
	);
	expect(error).toBeUndefined();
	expect(hl.sandbox.tokenRequests).toEqual([
		expect.objectContaining({ grant_type: 'client_credentials', user_type: 'Location' }),
	]);
	expect(hl.sandbox.paymentsRequests().map((r) => r.status)).toEqual([200]);
});

test('OAuth2 authorization code: the location comes from the connected token', async () => {
	const { error } = await testCredential('highLevelPaymentsOAuth2Api', hl.credentials.code);
	expect(error).toBeUndefined();
	expect(hl.sandbox.paymentsRequests()[0].query.altId).toBe('loc-sandbox');
});

describe('OAuth2 as HighLevel documents it', () => {
	const resolvedAuthUrl = async (authorizePage: string) => {
		hl.store.get('hl-code')!.data.authorizePage = authorizePage;
		const helper = additionalDataFor(hl.store).credentialsHelper;
		const data = await helper.getDecrypted(
			{} as never,
			hl.credentials.code,
			'highLevelPaymentsOAuth2Api',
			'internal',
		);
		return data.authUrl;
	};

	test('the authorize page is the documented /v2/oauth/chooselocation by default; the older path stays selectable', async () => {
		expect(await resolvedAuthUrl('standard')).toBe(
			'https://marketplace.gohighlevel.com/v2/oauth/chooselocation',
		);
		expect(await resolvedAuthUrl('whiteLabel')).toBe(
			'https://marketplace.leadconnectorhq.com/v2/oauth/chooselocation',
		);
		expect(await resolvedAuthUrl('standardOlder')).toBe(
			'https://marketplace.gohighlevel.com/oauth/chooselocation',
		);
		expect(await resolvedAuthUrl('whiteLabelOlder')).toBe(
			'https://marketplace.leadconnectorhq.com/oauth/chooselocation',
		);
		expect(
			new HighLevelPaymentsOAuth2Api().properties.find((p) => p.name === 'authorizePage')?.default,
		).toBe('standard');
		// The fixture's credential was connected through the sandbox's documented page.
		expect(hl.sandbox.authorizePagesOpened).toEqual(['/v2/oauth/chooselocation']);
	});

	test('authorization code is the grant offered first; client credentials carry a notice', () => {
		const properties = new HighLevelPaymentsOAuth2Api().properties;
		const grant = properties.find((p) => p.name === 'grantType')!;
		expect(grant.default).toBe('authorizationCode');
		expect(grant.options?.[0]).toMatchObject({ value: 'authorizationCode' });
		const notice = properties.find((p) => p.type === 'notice');
		expect(notice?.displayOptions?.show?.grantType).toEqual(['clientCredentials']);
		expect(notice?.displayName).toMatch(/unsupported_grant_type/);
	});
});

describe('client credentials, which HighLevel may refuse or answer with a token naming no location', () => {
	test('a token naming no location and no Location ID set: the node asks for the Location ID; the call itself is never sent', async () => {
		hl.store.get('hl-cc')!.data.locationId = '';
		const fulfillment = {
			orderId: byId(hl.sandbox.orderId(1)),
			items: { item: [{ priceId: hl.sandbox.priceId(1), qty: 1 }] },
			trackings: { tracking: [{ trackingNumber: 'T-1', shippingCarrier: 'UPS' }] },
		};
		const { error } = await hl.run(
			{ resource: 'fulfillment', operation: 'create', ...fulfillment },
			{ auth: 'clientCredentials' },
		);
		expect(hl.sandbox.tokenRequests.map((r) => r.grant_type)).toEqual(['client_credentials']);
		expect(error?.message).toMatch(/No HighLevel location ID/);
		expect((error as { description?: string }).description).toMatch(
			/names no sub-account.*Set Location ID/,
		);
		// n8n fetches the token only along with a request: a one-record order read HighLevel refuses for its missing altId.
		expect(hl.sandbox.paymentsRequests().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'GET /payments/orders 422',
		]);
		expect(hl.sandbox.fulfillments.size).toBe(0);
	});

	test('the same token with Location ID set in the node reads the orders', async () => {
		hl.store.get('hl-cc')!.data.locationId = '';
		const { error, items } = await hl.run(
			{ resource: 'order', operation: 'getAll', limit: 5, locationId: 'loc-sandbox' },
			{ auth: 'clientCredentials' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(5);
	});

	test('the grant refused (unsupported_grant_type): the error says so and points to the authorization-code grant', async () => {
		hl.sandbox.options.clientCredentialsGrant = 'refused';
		const { error } = await hl.run(
			{ resource: 'order', operation: 'getAll', limit: 5 },
			{ auth: 'clientCredentials' },
		);
		expect(error?.message).toMatch(/unsupported_grant_type/);
		expect((error as { description?: string }).description).toMatch(/Authorization Code/);
		expect(hl.sandbox.paymentsRequests()).toHaveLength(0);
	});
});
