/**
 * An app installed at agency level (oauth.json): its authorization code gives a Company token, which payments
 * endpoints refuse; the node exchanges it with POST /oauth/locationToken for each sub-account it reaches.
 */
import { answerViolations, contractViolations } from '../contract/highLevelContract';
import { highLevelFixture, HL_NODE, type HighLevelFixture } from './highLevelFixture';

let hl: HighLevelFixture;
beforeEach(async () => {
	hl = await highLevelFixture({ installedAt: 'agency' });
});
afterEach(async () => {
	await hl.stop();
});

const orderList = (locationId: string) => ({
	resource: 'order',
	operation: 'getAll',
	returnAll: true,
	simplify: false,
	locationId,
});
const exchanges = () => hl.sandbox.tokenRequests.filter((r) => r.grant_type === 'locationToken');

test('the connected credential holds a Company token that names no location', () => {
	const tokenData = hl.store.get('hl-code')!.data.oauthTokenData as Record<string, unknown>;
	expect(tokenData).toMatchObject({ userType: 'Company', companyId: 'company-sandbox' });
	expect(tokenData.locationId).toBeUndefined();
});

test("one Company token reaches the orders of two sub-accounts, each with its location's token", async () => {
	const first = await hl.run(orderList('loc-sandbox'));
	const second = await hl.run(orderList('loc-branch'));
	expect(first.error).toBeUndefined();
	expect(second.error).toBeUndefined();
	expect(first.items).toHaveLength(30);
	expect(second.items).toHaveLength(3);
	expect(new Set(first.items.map((i) => i.json.altId))).toEqual(new Set(['loc-sandbox']));
	expect(new Set(second.items.map((i) => i.json.altId))).toEqual(new Set(['loc-branch']));
	expect(exchanges()).toEqual([
		{ grant_type: 'locationToken', companyId: 'company-sandbox', locationId: 'loc-sandbox' },
		{ grant_type: 'locationToken', companyId: 'company-sandbox', locationId: 'loc-branch' },
	]);
	// Every payments call carried a location token, never the agency token.
	const agencyToken = (hl.store.get('hl-code')!.data.oauthTokenData as { access_token: string })
		.access_token;
	for (const request of hl.sandbox.paymentsRequests()) {
		expect(request.status).toBe(200);
		expect(request.headers.authorization).toMatch(/^Bearer hl-lt-/);
		expect(request.headers.authorization).not.toContain(agencyToken);
	}
	// The exchange and the calls are as oauth.json and payments.json document them.
	const exchange = hl.sandbox.requests.find((r) => r.path === '/oauth/locationToken')!;
	expect(exchange.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
	expect(exchange.headers.version).toBe('2021-07-28');
	expect(await contractViolations(hl.sandbox.requests)).toEqual([]);
	expect(await answerViolations(hl.sandbox.requests)).toEqual([]);
});

test("a location's token is kept for later runs and exchanged again when HighLevel refuses it", async () => {
	await hl.run(orderList('loc-sandbox'));
	await hl.run(orderList('loc-sandbox'));
	expect(exchanges()).toHaveLength(1);
	hl.sandbox.revokeLocationTokens();
	const again = await hl.run(orderList('loc-sandbox'));
	expect(again.error).toBeUndefined();
	expect(again.items).toHaveLength(30);
	expect(exchanges()).toHaveLength(2);
});

test('no Location ID: the error names the sub-accounts of the install and nothing is sent', async () => {
	const { error } = await hl.run(orderList(''));
	expect(error?.message).toBe('No HighLevel location ID (altId) is known for this call');
	expect(error?.description).toMatch(/agency level/);
	expect(error?.description).toContain('loc-sandbox, loc-branch');
	expect(hl.sandbox.requests).toHaveLength(0);
});

test('a sub-account the app is not installed in: HighLevel refuses the exchange, and the error says why', async () => {
	const { error } = await hl.run(orderList('loc-elsewhere'));
	expect(error?.message).toMatch(/HighLevel gave no token for location loc-elsewhere/);
	expect(error?.description).toMatch(/installed at agency level/);
	expect(hl.sandbox.paymentsRequests()).toHaveLength(0);
});

test("the order picker lists a sub-account's orders through the same exchange", async () => {
	const { runPicker } = await import('../harness/pickerRunner');
	const listed = await runPicker({
		type: HL_NODE,
		method: 'searchOrders',
		parameters: {
			authentication: 'oAuth2',
			resource: 'order',
			operation: 'get',
			locationId: 'loc-branch',
		},
		credentials: { highLevelPaymentsOAuth2Api: hl.credentials.code },
		store: hl.store,
	});
	expect(listed.results).toHaveLength(3);
	expect(exchanges().map((r) => r.locationId)).toEqual(['loc-branch']);
});
