/**
 * Output (Simplified, Raw, Selected Fields) on Get and Get Many of HighLevel Payments 1.2 and Ingram
 * Micro 1.3, run through n8n-core against their sandboxes (HaloPSA 1.2's is in
 * haloVersion12.test.ts); older versions keep Simplify.
 */
import type { IDataObject } from 'n8n-workflow';
import { HighLevelPayments } from '../../nodes/HighLevelPayments/HighLevelPayments.node';
import { IngramMicroMarketplace } from '../../nodes/IngramMicroMarketplace/IngramMicroMarketplace.node';
import { shownParameters } from '../harness/shownParameters';
import { highLevelFixture } from './highLevelFixture';
import { byId, ingramFixture } from './ingramFixture';

test.each([
	['HighLevel', new HighLevelPayments().description, 1.2, 'order'],
	['Ingram Micro', new IngramMicroMarketplace().description, 1.3, 'subscription'],
])(
	'%s: Output on Get and Get Many from %s, Simplify before',
	(_name, description, from, resource) => {
		expect(description.defaultVersion).toBe(from);
		for (const operation of ['get', 'getAll']) {
			const values = { resource, operation, authentication: 'apiKey' };
			expect(shownParameters(description, from, values)).toContain('output');
			expect(shownParameters(description, from, values)).not.toContain('simplify');
			const older = shownParameters(description, Math.round((from - 0.1) * 10) / 10, values);
			expect(older).toContain('simplify');
			expect(older).not.toContain('output');
			expect(shownParameters(description, from, { ...values, output: 'fields' })).toContain(
				'outputFields',
			);
		}
	},
);

test('HighLevel 1.2: Simplified by default, Raw, or the fields named', async () => {
	const hl = await highLevelFixture();
	try {
		const orderId = hl.sandbox.orderId(3);
		const get = (parameters: IDataObject, typeVersion = 1.2) =>
			hl.run(
				{
					resource: 'order',
					operation: 'get',
					orderId: { __rl: true, mode: 'id', value: orderId },
					...parameters,
				},
				{ auth: 'privateToken', typeVersion },
			);
		const simple = (await get({})).items[0].json;
		const raw = (await get({ output: 'raw' })).items[0].json;
		expect(Object.keys(raw).length).toBeGreaterThan(Object.keys(simple).length);
		expect((await get({ output: 'fields', outputFields: ' _id, status ,' })).items[0].json).toEqual(
			{ _id: orderId, status: raw.status },
		);
		expect((await get({ simplify: false }, 1.1)).items[0].json).toEqual(raw);
		const empty = await get({ output: 'fields', outputFields: '={{ "" }}' });
		expect(empty.error?.message).toBe(
			'Output is Selected Fields, but no field is picked in Fields [item 0]',
		);
	} finally {
		await hl.stop();
	}
});

test('Ingram Micro 1.3: Get Many and Get with the fields named; Raw', async () => {
	const im = await ingramFixture();
	try {
		const many = await im.run(
			{
				resource: 'subscription',
				operation: 'getAll',
				limit: 2,
				output: 'fields',
				outputFields: 'id,status',
			},
			{ typeVersion: 1.3 },
		);
		expect(many.error).toBeUndefined();
		expect(many.items.map((i) => Object.keys(i.json).sort())).toEqual([
			['id', 'status'],
			['id', 'status'],
		]);
		const raw = await im.run(
			{
				resource: 'subscription',
				operation: 'get',
				subscriptionId: byId('SUB-2001'),
				output: 'raw',
			},
			{ typeVersion: 1.3 },
		);
		expect(raw.items[0].json).toMatchObject({
			id: 'SUB-2001',
			renewalDate: '2027-02-01T00:00:00Z',
		});
	} finally {
		await im.stop();
	}
});
