/**
 * The three routers: for every resource of every node, each Operation value is run by exactly one
 * module (operationMap), the description's Operation options are the map's, and a module claiming a
 * value another already offers is refused.
 */
import type { INodeProperties } from 'n8n-workflow';
import { HaloPsaMarketplace } from '../../nodes/HaloPsaMarketplace/HaloPsaMarketplace.node';
import { getOperation as haloGet } from '../../nodes/HaloPsaMarketplace/actions/get.operation';
import { operations as haloOperations } from '../../nodes/HaloPsaMarketplace/actions/router';
import { upsertOperation } from '../../nodes/HaloPsaMarketplace/actions/upsert.operation';
import { resourceTable } from '../../nodes/HaloPsaMarketplace/resources/resourceTable';
import { HighLevelPayments } from '../../nodes/HighLevelPayments/HighLevelPayments.node';
import { createFulfillmentOperation } from '../../nodes/HighLevelPayments/actions/createFulfillment.operation';
import { createWhiteLabelProviderOperation } from '../../nodes/HighLevelPayments/actions/createWhiteLabelProvider.operation';
import { operations as highLevelOperations } from '../../nodes/HighLevelPayments/actions/router';
import { paymentsTable } from '../../nodes/HighLevelPayments/resources/paymentsTable';
import { IngramMicroMarketplace } from '../../nodes/IngramMicroMarketplace/IngramMicroMarketplace.node';
import { createCustomerOperation } from '../../nodes/IngramMicroMarketplace/actions/createCustomer.operation';
import { createOrderOperation } from '../../nodes/IngramMicroMarketplace/actions/createOrder.operation';
import { operations as ingramOperations } from '../../nodes/IngramMicroMarketplace/actions/router';
import { marketplaceTable } from '../../nodes/IngramMicroMarketplace/resources/marketplaceTable';
import { operationMap, type TableResource } from '../../nodes/shared/actions/operationKit';

type AnyOperations = ReadonlyArray<Parameters<typeof operationMap>[0][number]>;

const nodes: Array<[string, INodeProperties[], readonly TableResource[], AnyOperations]> = [
	['HaloPSA', new HaloPsaMarketplace().description.properties, resourceTable, haloOperations],
	['HighLevel', new HighLevelPayments().description.properties, paymentsTable, highLevelOperations],
	[
		'Ingram Micro',
		new IngramMicroMarketplace().description.properties,
		marketplaceTable,
		ingramOperations,
	],
];

const cases = nodes.flatMap(([node, properties, table, operations]) =>
	table.map((resource) => [node, resource.value, properties, resource, operations] as const),
);

test.each(cases)(
	'%s %s: the Operation options are the map of value to module',
	(_node, value, properties, resource, operations) => {
		const map = operationMap(operations as never, resource);
		expect(map.size).toBeGreaterThan(0);
		const shown = properties.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(value),
		)!;
		const values = (shown.options as Array<{ value: string }>).map((o) => o.value);
		expect([...values].sort()).toEqual([...map.keys()].sort());
	},
);

test('the map names the module that runs a value, per resource', () => {
	const halo = (value: string) => resourceTable.find((r) => r.value === value)!;
	const ecommerce = operationMap(haloOperations, halo('ecommerceOrder'));
	expect(ecommerce.get('get')?.operation).toBe(haloGet);
	expect(ecommerce.get('upsert')?.operation).toBe(upsertOperation);
	// One value, a different module per resource.
	const payments = (value: string) => paymentsTable.find((r) => r.value === value)!;
	expect(operationMap(highLevelOperations, payments('fulfillment')).get('create')?.operation).toBe(
		createFulfillmentOperation,
	);
	expect(
		operationMap(highLevelOperations, payments('whiteLabelProvider')).get('create')?.operation,
	).toBe(createWhiteLabelProviderOperation);
	const ingram = (value: string) => marketplaceTable.find((r) => r.value === value)!;
	expect(operationMap(ingramOperations, ingram('customer')).get('create')?.operation).toBe(
		createCustomerOperation,
	);
	expect(operationMap(ingramOperations, ingram('order')).get('create')?.operation).toBe(
		createOrderOperation,
	);
});

test('two modules offering one value for a resource are refused', () => {
	const resource = resourceTable.find((r) => r.value === 'ecommerceOrder')!;
	expect(() => operationMap([haloGet, haloGet], resource)).toThrow(
		'Two operation modules offer "get" for resource ecommerceOrder',
	);
});
