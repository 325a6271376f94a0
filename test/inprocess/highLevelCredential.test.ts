/** The HighLevel credentials' tests, run the way n8n's CLI runs them (a noOp node whose parameter routes the test request). */
import { HighLevelPaymentsApi } from '../../credentials/HighLevelPaymentsApi.credentials';
import { HighLevelPaymentsOAuth2Api } from '../../credentials/HighLevelPaymentsOAuth2Api.credentials';
import { credentialTestNode, registerNode, runNode } from '../harness/inProcess';
import { highLevelFixture, type HighLevelFixture } from './highLevelFixture';

let hl: HighLevelFixture;
beforeEach(async () => {
	hl = await highLevelFixture();
});
afterEach(async () => {
	await hl.stop();
});

function testCredential(type: 'highLevelPaymentsApi' | 'highLevelPaymentsOAuth2Api', id: { id: string; name: string }) {
	registerNode('n8n-nodes-base.noOp', credentialTestNode(type === 'highLevelPaymentsApi' ? new HighLevelPaymentsApi() : new HighLevelPaymentsOAuth2Api()));
	return runNode({ type: 'n8n-nodes-base.noOp', parameters: { temp: '' }, credentials: { [type]: id }, store: hl.store });
}

test('private integration token: one orders call with Version, altId and altType', async () => {
	const { error } = await testCredential('highLevelPaymentsApi', hl.credentials.privateToken);
	expect(error).toBeUndefined();
	const [call] = hl.sandbox.paymentsRequests();
	expect(call.query).toEqual({ altId: 'loc-sandbox', altType: 'location', limit: '1' });
	expect(call.headers.version).toBe('2021-07-28');
});

test('private integration token that was rotated: the test fails with HighLevel\'s answer', async () => {
	hl.store.get('hl-pit')!.data.apiKey = 'pit-rotated';
	const { error } = await testCredential('highLevelPaymentsApi', hl.credentials.privateToken);
	expect(error?.message).toMatch(/401|Invalid JWT|Authorization failed/i);
});

test('OAuth2 client credentials with a location: token fetched (user_type Location), then the orders call', async () => {
	hl.store.get('hl-cc')!.data.locationId = 'loc-sandbox';
	const { error } = await testCredential('highLevelPaymentsOAuth2Api', hl.credentials.clientCredentials);
	expect(error).toBeUndefined();
	expect(hl.sandbox.tokenRequests).toEqual([expect.objectContaining({ grant_type: 'client_credentials', user_type: 'Location' })]);
	expect(hl.sandbox.paymentsRequests().map((r) => r.status)).toEqual([200]);
});

test('OAuth2 authorization code: the location comes from the connected token', async () => {
	const { error } = await testCredential('highLevelPaymentsOAuth2Api', hl.credentials.code);
	expect(error).toBeUndefined();
	expect(hl.sandbox.paymentsRequests()[0].query.altId).toBe('loc-sandbox');
});
