/**
 * The contract tier for HaloPSA: every POST body the HaloPSA node sends (Create or Update with every field
 * the seeds give a resource, Link and Unlink to a ticket) to an endpoint Halo's own OpenAPI documents is
 * valid against Halo's schema for it; the extract is re-derived from ../shared/vendor-specs when it is
 * there; a body made wrong on purpose is refused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import { haloFixture, type HaloFixture } from '../inprocess/haloFixture';
import { haloContract } from '../sandbox/haloContract';
import { documentedPosts, haloBodyViolation } from './haloContract';

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../..');

test('the committed extract is what scripts/extract-contracts.mjs makes of the vendor file', () => {
	if (!existsSync(join(ROOT, '..', 'shared', 'vendor-specs', 'halopsa', 'swagger.json'))) {
		expect(existsSync(join(__dirname, 'halopsa-marketplace.contract.json'))).toBe(true);
		return;
	}
	expect(() =>
		execFileSync(process.execPath, [join(ROOT, 'scripts/extract-contracts.mjs'), '--check'], {
			stdio: 'pipe',
		}),
	).not.toThrow();
});

/** A value of the seed's type for a field, as a user's record would hold it. */
function sample(type: string, n: number): string | number | boolean | IDataObject | IDataObject[] {
	switch (type) {
		case 'array':
			return [];
		case 'object':
			return {};
		case 'integer':
			return n + 1;
		case 'number':
			return n + 0.5;
		case 'boolean':
			return n % 2 === 0;
		case 'uuid':
			return '00000000-0000-4000-8000-00000000000' + (n % 10);
		case 'dateTime':
			return '2026-11-30T12:00:00Z';
		default:
			return `value ${n}`;
	}
}

describe('HaloPSA POST bodies against Halo API v2', () => {
	let halo: HaloFixture;
	beforeAll(async () => {
		halo = await haloFixture();
	});
	afterAll(async () => {
		await halo.stop();
	});

	const documented = haloContract().filter((resource) =>
		resource.endpoints.some(
			(e) => e.method === 'POST' && documentedPosts().includes(`/${e.path}`.toLowerCase()),
		),
	);

	test('the endpoints Halo documents are the ones the seeds give a POST', () => {
		expect(documented.map((r) => r.name).sort()).toEqual(
			documentedPosts()
				.map((p) => p.slice(1))
				.sort()
				.map((p) => documented.find((r) => r.name.toLowerCase() === p)?.name ?? p),
		);
	});

	test.each(documented.map((r) => [r.name, r] as const))(
		'%s: Create or Update with every field the seeds give it',
		async (_name, resource) => {
			const record: IDataObject = {};
			resource.fields
				.filter((f) => f.name !== 'id')
				.forEach((field, n) => (record[field.name] = sample(field.type, n)));
			halo.sandbox.clearLog();
			const value = resource.name.charAt(0).toLowerCase() + resource.name.slice(1);
			const { error } = await halo.run({
				resource: value,
				operation: 'upsert',
				inputMode: 'json',
				recordJson: JSON.stringify(record),
			});
			const posts = halo.sandbox.apiRequests().filter((r) => r.method === 'POST');
			expect(error?.message).toBeUndefined();
			expect(posts).toHaveLength(1);
			expect(await haloBodyViolation(posts[0].path, posts[0].body)).toBeUndefined();
		},
	);

	test('E-Commerce Order: Link to Ticket and Unlink from Ticket', async () => {
		halo.sandbox.clearLog();
		const byId = { __rl: true, mode: 'id', value: 2 };
		await halo.run({
			resource: 'ecommerceOrder',
			operation: 'linkToTicket',
			recordId: byId,
			ticketId: 7,
		});
		await halo.run({ resource: 'ecommerceOrder', operation: 'unlinkFromTicket', recordId: byId });
		const posts = halo.sandbox.apiRequests().filter((r) => r.method === 'POST');
		expect(posts).toHaveLength(2);
		expect(await Promise.all(posts.map((p) => haloBodyViolation(p.path, p.body)))).toEqual([
			undefined,
			undefined,
		]);
	});
});

describe('the tier refuses what Halo API v2 does not document', () => {
	test.each<[string, unknown, RegExp]>([
		['a record, not an array of records', { id: 1 }, /must be array/],
		['a field the schema lacks', [{ id: 1, nickname: 'x' }], /additionalProperty.*nickname/],
		['a field of the wrong type', [{ id: 'one' }], /must be integer/],
	])('%s', async (_label, body, expected) => {
		expect(await haloBodyViolation('/api/EcommerceOrder', body)).toMatch(expected);
	});
	test('a newer field the seeds document is accepted', async () => {
		expect(
			await haloBodyViolation('/api/AmazonSellerDetails', [{ redirect_uri: 'https://x' }]),
		).toBeUndefined();
	});
});

test('every suite: a Halo sandbox that got an undocumented field refuses to stop quietly', async () => {
	const halo = await haloFixture();
	const token = await fetch(`${halo.url}/auth/token`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: halo.sandbox.options.clientId,
			client_secret: halo.sandbox.options.clientSecret,
			scope: 'all',
			tenant: halo.sandbox.options.tenant,
		}),
	}).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
	await fetch(`${halo.url}/api/EcommerceOrder`, {
		method: 'POST',
		headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
		body: JSON.stringify([{ shop_name: 'x', delivery_notes: 'not a Halo field' }]),
	});
	await expect(halo.stop()).rejects.toThrow(
		/does not document:\nPOST \/api\/EcommerceOrder .*delivery_notes/,
	);
});
