import { HaloPsaMarketplaceOAuth2Api } from '../../credentials/HaloPsaMarketplaceOAuth2Api.credentials';
import { credentialTestNode, registerNode, runNode } from '../harness/inProcess';
import { HALO_CRED, haloFixture, type HaloFixture } from './haloFixture';

const listOrders = {
	resource: 'ecommerceOrder',
	operation: 'get',
	recordId: '={{ { __rl: true, mode: "id", value: String($json.id) } }}',
	simplify: true,
};
const fiftyItems = Array.from({ length: 50 }, (_, i) => ({ id: (i % 25) + 1 }));

describe('HaloPSA credential in-process', () => {
	let halo: HaloFixture;
	afterEach(async () => {
		await halo.stop();
	});

	it('one token serves 3 executions x 50 items (hosted: {auth server}/token?tenant=)', async () => {
		halo = await haloFixture();
		for (let execution = 0; execution < 3; execution++) {
			const { items, error } = await halo.run(listOrders, { input: fiftyItems });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(50);
		}
		expect(halo.sandbox.tokenRequests).toBe(1);
		expect(halo.sandbox.apiRequests()).toHaveLength(150);
		const tokenCall = halo.sandbox.requests.find((r) => r.path === '/auth/token')!;
		expect(tokenCall.query).toEqual({ tenant: 'acme' });
		expect(tokenCall.body).toEqual({
			grant_type: 'client_credentials',
			client_id: 'sandbox-client',
			client_secret: 'sandbox-secret',
			scope: 'all',
			tenant: 'acme',
		});
		// The token is kept in the credential, as n8n stores it, not in the node.
		expect(halo.store.get('halo-1')!.data.accessToken).toMatch(/^[0-9a-f]{48}$/);
	});

	it("a hosted credential with Authorisation Server URL and Tenant left empty reads them from the instance's /api/authinfo", async () => {
		halo = await haloFixture({}, { authServerUrl: '', tenant: '' });
		const { error } = await halo.run(listOrders, { input: [{ id: 1 }] });
		expect(error).toBeUndefined();
		expect(halo.sandbox.requests.slice(0, 2).map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /api/authinfo',
			'POST /auth/token',
		]);
		const tokenCall = halo.sandbox.requests.find((r) => r.path === '/auth/token')!;
		// The tenant came from /api/authinfo, not from the credential.
		expect(tokenCall.query).toEqual({ tenant: 'acme' });
	});

	it('an instance without /api/authinfo leaves the credential as filled in, and an error says where the token URL came from', async () => {
		halo = await haloFixture({}, { authServerUrl: '', tenant: '' });
		halo.sandbox.addFault({
			method: 'GET',
			path: /^\/api\/authinfo$/i,
			status: 404,
			body: 'Not found',
		});
		expect((await halo.run(listOrders, { input: [{ id: 1 }] })).error).toBeUndefined();
		const tokenCall = halo.sandbox.requests.find((r) => r.path === '/auth/token')!;
		expect(tokenCall.query).toEqual({});
		halo.sandbox.options.clientSecret = 'rotated';
		const other = await haloFixture({ tenantFrom: 'query' }, { authServerUrl: '', tenant: '' });
		try {
			other.sandbox.addFault({
				method: 'POST',
				path: /^\/auth\/token$/i,
				status: 200,
				body: '<html>login</html>',
			});
			const { error } = await other.run(listOrders, { input: [{ id: 1 }] });
			expect(error?.message).toMatch(
				/token URL http:\/\/127\.0\.0\.1:\d+\/auth\/token\?tenant=acme \(the token URL as http:\/\/127\.0\.0\.1:\d+\/api\/authinfo gives it\) answered HTTP 200 with a web page/,
			);
		} finally {
			await other.stop();
		}
	});

	it('an expired token gets a 401, one new token, and the call is retried once', async () => {
		halo = await haloFixture();
		await halo.run(listOrders, { input: [{ id: 1 }] });
		halo.sandbox.expireTokens();
		halo.sandbox.clearLog();
		const { items, error } = await halo.run(listOrders, { input: [{ id: 2 }] });
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual([2]);
		expect(halo.sandbox.tokenRequests).toBe(1);
		expect(halo.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'GET /api/EcommerceOrder/2 401',
			'POST /auth/token 200',
			'GET /api/EcommerceOrder/2 200',
		]);
	});

	it.each(['query', 'form'] as const)(
		'a Halo that reads the tenant from the %s finds it, and refuses a wrong one',
		async (tenantFrom) => {
			halo = await haloFixture({ tenantFrom });
			const { items, error } = await halo.run(listOrders, { input: [{ id: 1 }] });
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			await halo.stop();
			halo = await haloFixture({ tenantFrom }, { tenant: 'not-acme' });
			const refused = await halo.run(listOrders, { input: [{ id: 1 }] });
			expect(refused.error?.message).toMatch(/Unknown tenant not-acme/);
			expect(halo.sandbox.apiRequests()).toHaveLength(0);
		},
	);

	it('own instance / on-premise posts to {instance}/auth/token without a tenant, even with /api pasted in the URL', async () => {
		halo = await haloFixture({}, { hostingType: 'onPremise', authServerUrl: '', tenant: '' });
		halo.store.get('halo-1')!.data.resourceServerUrl = `${halo.url}/api/`;
		const { items, error } = await halo.run(listOrders, { input: [{ id: 1 }] });
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const tokenCall = halo.sandbox.requests.find((r) => r.method === 'POST')!;
		expect(tokenCall.path).toBe('/auth/token');
		expect(tokenCall.query).toEqual({});
	});

	it('a wrong client secret says invalid_client and what to check, without the secret', async () => {
		halo = await haloFixture({}, { clientSecret: 'wrong-secret-value' });
		const { error } = await halo.run(listOrders, { input: [{ id: 1 }] });
		expect(error?.message).toMatch(
			/^HaloPSA rejected the client ID or client secret \(invalid_client\)/,
		);
		expect(JSON.stringify(error)).not.toContain('wrong-secret-value');
	});

	it('a wrong authorisation server URL (an HTML page) says so', async () => {
		halo = await haloFixture({}, {});
		halo.store.get('halo-1')!.data.authServerUrl = `${halo.url}/wrong`;
		const { error } = await halo.run(listOrders, { input: [{ id: 1 }] });
		expect(error?.message).toMatch(
			/^The HaloPSA token URL .*\/wrong\/token\?tenant=acme answered HTTP 404 with a web page, not a token/,
		);
		expect(error?.message).toContain('Authorisation Server URL');
	});
});

describe('HaloPSA credential test (as n8n runs it)', () => {
	let halo: HaloFixture;
	afterEach(async () => {
		await halo.stop();
	});

	it('fetches a token and calls /api/Agent/me with it', async () => {
		halo = await haloFixture();
		registerNode('n8n-nodes-base.noOp', credentialTestNode(new HaloPsaMarketplaceOAuth2Api()));
		const { items, error } = await runNode({
			type: 'n8n-nodes-base.noOp',
			parameters: { temp: '' },
			credentials: { [HALO_CRED]: halo.credential },
			store: halo.store,
		});
		expect(error).toBeUndefined();
		expect(items[0].json).toEqual({ id: 1, name: 'API Agent' });
		expect(halo.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /auth/token 200',
			'GET /api/Agent/me 200',
		]);
	});

	it('a Resource Server URL typed with /API, a trailing slash and spaces: n8n resolves the test to the same /api/Agent/me', async () => {
		halo = await haloFixture();
		halo.store.get('halo-1')!.data.resourceServerUrl = `  ${halo.url}/API/  `;
		registerNode('n8n-nodes-base.noOp', credentialTestNode(new HaloPsaMarketplaceOAuth2Api()));
		const { error } = await runNode({
			type: 'n8n-nodes-base.noOp',
			parameters: { temp: '' },
			credentials: { [HALO_CRED]: halo.credential },
			store: halo.store,
		});
		expect(error).toBeUndefined();
		expect(halo.sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
			'POST /auth/token 200',
			'GET /api/Agent/me 200',
		]);
	});

	it('fails with the invalid_client message when the secret is wrong', async () => {
		halo = await haloFixture({}, { clientSecret: 'nope' });
		registerNode('n8n-nodes-base.noOp', credentialTestNode(new HaloPsaMarketplaceOAuth2Api()));
		const { error } = await runNode({
			type: 'n8n-nodes-base.noOp',
			parameters: { temp: '' },
			credentials: { [HALO_CRED]: halo.credential },
			store: halo.store,
		});
		expect(error?.message).toMatch(
			/HaloPSA rejected the client ID or client secret \(invalid_client\)/,
		);
		expect(halo.sandbox.apiRequests()).toHaveLength(0);
	});
});
