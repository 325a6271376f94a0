/** Deterministic seed records for every Halo resource, generated from the field types the seeds give (haloResources.ts). */
import type { ContractField } from './haloContract';
import { sandboxResources, type SandboxResource } from './haloResources';

const BASE_TIME = Date.parse('2026-01-01T00:00:00Z');

function seedValue({ name, type }: ContractField, n: number): unknown {
	switch (type) {
		case 'integer':
			return n * 10 + name.length;
		case 'number':
			return Math.round((n * 12.5 + name.length) * 100) / 100;
		case 'boolean':
			return n % 2 === 0;
		case 'dateTime':
			return new Date(BASE_TIME + n * 3_600_000).toISOString();
		case 'uuid':
			return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
		case 'array':
			return [];
		case 'object':
			return {};
		default:
			return `${name}-${n}`;
	}
}

export function seedRecord(resource: SandboxResource, n: number): Record<string, unknown> {
	const record: Record<string, unknown> = {};
	for (const field of resource.fields) {
		if (field.writeOnly || field.name.startsWith('_')) continue;
		record[field.name] = seedValue(field, n);
	}
	record[resource.key] = n;
	if (resource.value === 'ecommerceOrder') {
		Object.assign(record, {
			thirdpartyordernumber: `#${1000 + n}`,
			thirdpartyid: `gid://shopify/Order/${5000 + n}`,
			thirdpartystatus: 'paid',
			thirdpartystatus2: 'unfulfilled',
			integration_name: n % 2 ? 'Shopify' : 'Amazon Seller',
			shop_name: n % 2 ? 'acme-shop' : 'acme-amazon',
			ticket_id: 0,
			linked_tickets: [],
			jsonobj: JSON.stringify({ id: 5000 + n, fulfillments: [] }),
		});
	}
	if (resource.value === 'cspInvoice') record.id = `G00${1000 + n}`;
	if (resource.value === 'cspConsumptionData') record.parentid = 1 + (n % 3);
	// Integrations start healthy: their last sync error (integrator_last_sync_error, halointegrator_lasterror, …) is empty.
	for (const field of resource.fields) if (/last.*error/.test(field.name)) record[field.name] = '';
	return record;
}

/** How many records each resource starts with; orders get enough to page. */
export const seedCounts: Record<string, number> = {
	ecommerceOrder: 25,
	cspConsumptionData: 12,
	cspInvoice: 5,
};

export function seedAll(
	counts: Record<string, number> = {},
): Map<string, Map<number, Record<string, unknown>>> {
	const store = new Map<string, Map<number, Record<string, unknown>>>();
	for (const resource of sandboxResources) {
		const count =
			counts[resource.value] ??
			seedCounts[resource.value] ??
			(resource.records || resource.extras.some((e) => e.kind === 'bulkManage') ? 3 : 0);
		const records = new Map<number, Record<string, unknown>>();
		for (let n = 1; n <= count; n++) records.set(n, seedRecord(resource, n));
		store.set(resource.value, records);
	}
	return store;
}
