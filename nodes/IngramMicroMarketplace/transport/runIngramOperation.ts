/** Runs every operation of the Ingram Micro Marketplace node; wired in as the routing "pagination" function. */
import { NodeOperationError, type IDataObject, type IExecutePaginationFunctions, type IExecuteSingleFunctions, type INodeExecutionData } from 'n8n-workflow';
import { parseMaybeJson } from '../../shared/httpFailure';
import { findMarketplaceResource, type MarketplaceOperation, type MarketplaceResource } from '../resources/marketplaceTable';
import { buildCustomer, buildProducts, type ProductEntry } from './orderInput';
import { ingramPages, ingramRequest } from './ingramTransport';
import { INGRAM_CREDENTIAL } from './ingramUrls';

const PAGE_SIZE = 100;

function userError(this: IExecuteSingleFunctions, message: string, description: string) {
	return new NodeOperationError(this.getNode(), `${message} (item ${this.getItemIndex()})`, { itemIndex: this.getItemIndex(), description });
}

function shape(this: IExecuteSingleFunctions, resource: MarketplaceResource, records: IDataObject[], extra: IDataObject = {}): INodeExecutionData[] {
	const simplify = resource.simplify && (this.getNodeParameter('simplify', false) as boolean);
	return records.map((record) => ({
		json: { ...(simplify ? Object.fromEntries(resource.simplify!.filter((f) => f in record).map((f) => [f, record[f]])) : record), ...extra },
		pairedItem: { item: this.getItemIndex() },
	}));
}

function idOf(this: IExecuteSingleFunctions, parameter: string, label: string): string {
	const raw = this.getNodeParameter(parameter, '', { extractValue: true }) as unknown;
	const id = String(raw ?? '').trim();
	if (!id || /[\s/?#]/.test(id)) throw userError.call(this, `${label} ID must be an Ingram Micro ID, got ${JSON.stringify(raw ?? '')}`, `Pick the ${label.toLowerCase()} from the list or paste its ID.`);
	return id;
}

async function getMany(this: IExecuteSingleFunctions, resource: MarketplaceResource, operation: Extract<MarketplaceOperation, { value: 'getAll' }>) {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) throw userError.call(this, `Limit must be a whole number of at least 1, got ${limit}`, 'Set Limit to 1 or more, or turn on Return All.');
	const given = (this.getNodeParameter('filters', {}) as IDataObject) ?? {};
	const qs: IDataObject = {};
	for (const filter of operation.filters) {
		const value = given[filter.name];
		if (value === undefined || value === '') continue;
		if (filter.type === 'dateTime') {
			const time = Date.parse(String(value));
			if (Number.isNaN(time)) throw userError.call(this, `Filters > ${filter.label} must be a date, got ${JSON.stringify(value)}`, 'Pick the date in the date picker or write it as 2026-01-31.');
			qs[filter.name] = new Date(time).toISOString();
		} else qs[filter.name] = value;
	}
	const records: IDataObject[] = [];
	for await (const page of ingramPages.call(this, operation.path, qs, Math.min(PAGE_SIZE, limit))) {
		records.push(...page);
		if (records.length >= limit) break;
	}
	return shape.call(this, resource, records.slice(0, limit));
}

async function marketplaceCode(this: IExecuteSingleFunctions): Promise<string> {
	return String((await this.getCredentials(INGRAM_CREDENTIAL)).marketplace ?? '');
}

function productEntries(this: IExecuteSingleFunctions): ProductEntry[] {
	return (((this.getNodeParameter('products', {}) as IDataObject).product as ProductEntry[] | undefined) ?? []).map((p) => ({ ...p }));
}

async function orderBody(this: IExecuteSingleFunctions) {
	const type = this.getNodeParameter('orderType', 'sales') as string;
	const built = buildProducts(productEntries.call(this), type, 'order', await marketplaceCode.call(this));
	const body: IDataObject = { customerId: idOf.call(this, 'customerId', 'Customer'), type };
	const poNumber = String(this.getNodeParameter('poNumber', '') ?? '').trim();
	if (poNumber) body.poNumber = poNumber;
	if (type === 'renewal' || type === 'cancellation') {
		const subscriptionId = String(this.getNodeParameter('orderSubscriptionId', '') ?? '').trim();
		if (!subscriptionId) built.problems.push(`A ${type} order needs the Subscription ID it ${type === 'renewal' ? 'renews' : 'cancels'}`);
		body.subscriptionId = subscriptionId;
	} else body.products = built.products;
	if (built.problems.length) throw userError.call(this, `The order cannot be sent: ${built.problems.join('; ')}`, 'Correct the named products and parameters; nothing was sent to Ingram Micro.');
	return { body, corrections: built.corrections };
}

export async function runIngramOperation(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
	const resource = findMarketplaceResource(this.getNodeParameter('resource') as string);
	const operation = resource.operations.find((o) => o.value === (this.getNodeParameter('operation') as string));
	if (!operation) throw userError.call(this, 'Unknown operation', 'Pick an operation from the list.');
	switch (operation.value) {
		case 'getAll':
			return await getMany.call(this, resource, operation);
		case 'get': {
			const id = idOf.call(this, resource.idParameter!.name, resource.idParameter!.displayName);
			const answer = await ingramRequest.call(this, { method: 'GET', path: operation.path.replace('{id}', encodeURIComponent(id)), idempotent: true, subject: `${resource.displayName} ${id}` });
			return shape.call(this, resource, [(parseMaybeJson(answer) ?? {}) as IDataObject]);
		}
		case 'create': {
			if (resource.value === 'customer') {
				const { customer, problems } = buildCustomer(this.getNodeParameter('customerFields', {}) as IDataObject);
				if (problems.length) throw userError.call(this, `The customer cannot be sent: ${problems.join('; ')}`, 'Correct the named fields; nothing was sent to Ingram Micro.');
				const answer = await ingramRequest.call(this, { method: 'POST', path: operation.path, body: customer, idempotent: false });
				return shape.call(this, resource, [(parseMaybeJson(answer) ?? {}) as IDataObject]);
			}
			const { body, corrections } = await orderBody.call(this);
			const answer = await ingramRequest.call(this, { method: 'POST', path: operation.path, body, idempotent: false, placesOrder: true });
			return shape.call(this, resource, [(parseMaybeJson(answer) ?? {}) as IDataObject], corrections.length ? { parameterCorrections: corrections } : {});
		}
		case 'estimate': {
			const { body, corrections } = await orderBody.call(this);
			const answer = await ingramRequest.call(this, { method: 'POST', path: operation.path, body, idempotent: true });
			return shape.call(this, resource, [(parseMaybeJson(answer) ?? {}) as IDataObject], corrections.length ? { parameterCorrections: corrections } : {});
		}
		case 'validate': {
			const built = buildProducts(productEntries.call(this), 'sales', 'validation', await marketplaceCode.call(this));
			if (built.problems.length) throw userError.call(this, `The parameters cannot be validated: ${built.problems.join('; ')}`, 'Correct the named products and parameters; nothing was sent to Ingram Micro.');
			const body = { customerId: idOf.call(this, 'customerId', 'Customer'), products: built.products.map((p) => ({ mpn: p.mpn, parameters: p.parameters ?? [] })) };
			const answer = (parseMaybeJson(await ingramRequest.call(this, { method: 'POST', path: operation.path, body, idempotent: true })) ?? {}) as IDataObject;
			const results = Array.isArray(answer.data) ? (answer.data as IDataObject[]) : [answer];
			return shape.call(this, resource, results, built.corrections.length ? { parameterCorrections: built.corrections } : {});
		}
	}
}
