/**
 * Rate limits waited out, not failed: 1,000 calls in one run against sandboxes that enforce HaloPSA's
 * 300 requests per rolling window (time-scaled: 3 s instead of 5 minutes) and HighLevel's 100 per window
 * (1 s instead of 10 s, with its X-RateLimit headers). Every record comes back once, in input order.
 */
import { haloFixture } from './haloFixture';
import { highLevelFixture } from './highLevelFixture';
import { recordCell } from './reliabilityReport';

jest.setTimeout(180_000);

const CALLS = 1000;

test("HaloPSA: 1,000 Gets against 300 per rolling window, with the credential's pacing off, finish with every record once", async () => {
	const halo = await haloFixture(
		{ rateLimit: { limit: 300, windowMs: 3000 }, seedCounts: { ecommerceOrder: 50 } },
		{ requestsPerWindow: 0 },
	);
	try {
		const input = Array.from({ length: CALLS }, (_, i) => ({ id: (i % 50) + 1 }));
		const { error, items } = await halo.run(
			{
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				simplify: false,
			},
			{ input },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(input.map((i) => i.id));
		const refused = halo.sandbox.apiRequests().filter((r) => r.status === 429).length;
		expect(refused).toBeGreaterThan(0);
		recordCell(
			'Rate limits',
			'HaloPSA, 1,000 Gets in one run',
			'300 per rolling window (time-scaled to 3 s), no Retry-After',
			'complete: 1,000 of 1,000 records once, in order (the answers of 429 waited out)',
		);
	} finally {
		await halo.stop();
	}
});

test("HaloPSA: the credential's request window spaces 1,000 Gets so that Halo never refuses one", async () => {
	const halo = await haloFixture(
		{ rateLimit: { limit: 300, windowMs: 3000 }, seedCounts: { ecommerceOrder: 50 } },
		{ requestsPerWindow: 300, windowSeconds: 3 },
	);
	try {
		const input = Array.from({ length: CALLS }, (_, i) => ({ id: (i % 50) + 1 }));
		const { error, items } = await halo.run(
			{
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				simplify: false,
			},
			{ input },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json.id)).toEqual(input.map((i) => i.id));
		const answered = halo.sandbox.apiRequests();
		expect(answered.filter((r) => r.status === 429)).toHaveLength(0);
		expect(answered.filter((r) => r.status === 200)).toHaveLength(CALLS);
		recordCell(
			'Rate limits',
			'HaloPSA, 1,000 Gets in one run, credential window 300 per 3 s',
			'300 per rolling window (time-scaled to 3 s)',
			'complete: 1,000 of 1,000 records once, in order, paced by the credential: no 429',
		);
	} finally {
		await halo.stop();
	}
});

test('HaloPSA: a request window used up for longer than Rate Limit Wait fails clearly, before sending', async () => {
	const halo = await haloFixture(
		{ seedCounts: { ecommerceOrder: 5 } },
		{ requestsPerWindow: 2, windowSeconds: 60 },
	);
	try {
		const input = [1, 2, 3].map((id) => ({ id }));
		const { error, items } = await halo.run(
			{
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				requestOptions: { rateLimitWaitSeconds: 5, itemsInParallel: 1 },
			},
			{ input, continueOnFail: true },
		);
		expect(error).toBeUndefined();
		expect(items.slice(0, 2).map((i) => i.json.id)).toEqual([1, 2]);
		const refused = items[2].json.error as string;
		expect(refused).toMatch(
			/request window \(2 requests per 60 s\) is used up for the next \d+ s, longer than Rate Limit Wait/,
		);
		expect(
			halo.sandbox.apiRequests().filter((r) => /EcommerceOrder\/3/i.test(r.path)),
		).toHaveLength(0);
		recordCell(
			'Rate limits',
			'HaloPSA, credential window 2 per 60 s, Rate Limit Wait 5 s, 3 Gets',
			'no limit enforced',
			`items 1-2 output; item 3 not sent: "${refused.replace(/next \d+ s/, 'next ~60 s')}"`,
		);
	} finally {
		await halo.stop();
	}
});

test('HighLevel: 1,000 Gets against 100 per window finish with every record once, paced by X-RateLimit headers', async () => {
	const hl = await highLevelFixture({ rateLimit: { limit: 100, windowMs: 1000 } });
	try {
		const ids = Array.from({ length: 30 }, (_, i) => hl.sandbox.orderId(i + 1));
		const input = Array.from({ length: CALLS }, (_, i) => ({ id: ids[i % 30] }));
		const { error, items } = await hl.run(
			{
				resource: 'order',
				operation: 'get',
				orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				simplify: false,
			},
			{ input, auth: 'privateToken' },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.json._id)).toEqual(input.map((i) => i.id));
		recordCell(
			'Rate limits',
			'HighLevel, 1,000 Gets in one run',
			'100 per window (time-scaled to 1 s), X-RateLimit headers',
			'complete: 1,000 of 1,000 records once, in order (paced by X-RateLimit-Remaining, any 429 waited out)',
		);
	} finally {
		await hl.stop();
	}
});
