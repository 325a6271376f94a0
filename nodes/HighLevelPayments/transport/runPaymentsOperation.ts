/** Runs every operation of the HighLevel Payments node; wired in as the routing "pagination" function. */
import {
	NodeOperationError,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';
import { findPaymentsResource, type ListFilter, type PaymentsOperation, type PaymentsResource } from '../resources/paymentsTable';
import { dateFilter, fulfillmentSchema, inputProblems, whiteLabelProviderSchema } from './paymentsInput';
import { paymentsConnection, paymentsPages, paymentsRequest, readPaymentsList, readPaymentsRecord, type PaymentsConnection } from './paymentsTransport';

const PAGE_SIZE = 100;

function userError(this: IExecuteSingleFunctions, message: string, description: string) {
	return new NodeOperationError(this.getNode(), `${message} (item ${this.getItemIndex()})`, { itemIndex: this.getItemIndex(), description });
}

function shape(this: IExecuteSingleFunctions, resource: PaymentsResource, records: IDataObject[]): INodeExecutionData[] {
	const simplify = resource.simplify && (this.getNodeParameter('simplify', false) as boolean);
	return records.map((record) => ({
		json: simplify ? Object.fromEntries(resource.simplify!.filter((f) => f in record).map((f) => [f, record[f]])) : record,
		pairedItem: { item: this.getItemIndex() },
	}));
}

/** The record (or parent order) ID from its resource locator; HighLevel IDs are opaque strings. */
function recordId(this: IExecuteSingleFunctions, resource: PaymentsResource): string {
	const parameter = resource.idParameter!;
	const raw = this.getNodeParameter(parameter.name, '', { extractValue: true }) as unknown;
	const id = String(raw ?? '').trim();
	if (!id || /[\s/?#]/.test(id)) {
		throw userError.call(this, `${parameter.displayName} ID must be a HighLevel ID, got ${JSON.stringify(raw ?? '')}`, `Pick the ${parameter.displayName.toLowerCase()} from the list, or paste its ID (for example 65f0c3…).`);
	}
	return id;
}

function pathOf(this: IExecuteSingleFunctions, resource: PaymentsResource, operation: PaymentsOperation) {
	return operation.path.includes('{') ? operation.path.replace(/\{\w+\}/, encodeURIComponent(recordId.call(this, resource))) : operation.path;
}

function listQuery(this: IExecuteSingleFunctions, filters: readonly ListFilter[]): IDataObject {
	const given = (this.getNodeParameter('filters', {}) as IDataObject) ?? {};
	const qs: IDataObject = {};
	for (const filter of filters) {
		const value = given[filter.name];
		if (value === undefined || value === '' || value === null) continue;
		if (filter.type === 'dateTime') {
			const date = dateFilter(value);
			if (date.problem) throw userError.call(this, `Filters > ${filter.label} ${date.problem}`, 'Enter the date as YYYY-MM-DD, or pick it in the date picker.');
			qs[filter.name] = date.value;
		} else {
			qs[filter.name] = value;
		}
	}
	if (qs.startAt && qs.endAt && Date.parse(String(qs.endAt)) < Date.parse(String(qs.startAt))) {
		throw userError.call(this, `Filters > End Date (${qs.endAt}) is before Start Date (${qs.startAt})`, 'Swap the dates or correct one of them.');
	}
	return qs;
}

async function getMany(this: IExecuteSingleFunctions, connection: PaymentsConnection, resource: PaymentsResource, operation: Extract<PaymentsOperation, { kind: 'list' }>) {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) throw userError.call(this, `Limit must be a whole number of at least 1, got ${limit}`, 'Set Limit to 1 or more, or turn on Return All.');
	const path = pathOf.call(this, resource, operation);
	const qs = operation.filters ? listQuery.call(this, operation.filters) : {};
	const records: IDataObject[] = [];
	if (!operation.paged) {
		const body = await paymentsRequest.call(this, connection, { method: 'GET', path, qs, idempotent: true, subject: resource.idParameter ? `Order ${recordId.call(this, resource)}` : undefined });
		records.push(...readPaymentsList(body, operation.listKey).records);
	} else {
		for await (const page of paymentsPages.call(this, connection, path, qs, Math.min(PAGE_SIZE, limit), operation.listKey)) {
			records.push(...page);
			if (records.length >= limit) break;
		}
	}
	return shape.call(this, resource, records.slice(0, limit));
}

function whiteLabelBody(this: IExecuteSingleFunctions): IDataObject {
	const body: IDataObject = {
		uniqueName: this.getNodeParameter('uniqueName', '') as string,
		title: this.getNodeParameter('title', '') as string,
		provider: this.getNodeParameter('provider', '') as string,
		description: this.getNodeParameter('description', '') as string,
		imageUrl: this.getNodeParameter('imageUrl', '') as string,
	};
	const problems = inputProblems(whiteLabelProviderSchema, body);
	if (problems) throw userError.call(this, `Invalid white-label provider: ${problems}`, 'Correct the named fields; nothing was sent to HighLevel.');
	return whiteLabelProviderSchema.parse(body) as IDataObject;
}

/** The JSON input mode: a JSON text or an object from an expression, read before any check of its content. */
function fulfillmentJson(this: IExecuteSingleFunctions): IDataObject {
	const raw = this.getNodeParameter('fulfillmentJson', '{}') as unknown;
	let value: unknown = raw;
	if (typeof raw === 'string') {
		try {
			value = JSON.parse(raw);
		} catch (error) {
			throw userError.call(this, `Fulfillment (JSON) is not valid JSON: ${(error as Error).message}`, 'Give an object such as {"items": [{"priceId": "…", "qty": 1}], "trackings": [{"trackingNumber": "…"}]}; nothing was sent to HighLevel.');
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		throw userError.call(this, 'Fulfillment (JSON) must be an object with items and trackings', 'Give an object such as {"items": [{"priceId": "…", "qty": 1}], "trackings": []}; nothing was sent to HighLevel.');
	}
	const given = value as IDataObject;
	return { trackings: given.trackings ?? [], items: given.items, notifyCustomer: given.notifyCustomer ?? false };
}

function fulfillmentBody(this: IExecuteSingleFunctions): IDataObject {
	const body = (this.getNodeParameter('fulfillmentInput', 'fields') as string) === 'json' ? fulfillmentJson.call(this) : fulfillmentFieldsBody.call(this);
	const problems = inputProblems(fulfillmentSchema, body);
	if (problems) throw userError.call(this, `Invalid fulfillment: ${problems}`, 'Correct the named fields; nothing was sent to HighLevel.');
	return fulfillmentSchema.parse(body) as IDataObject;
}

function fulfillmentFieldsBody(this: IExecuteSingleFunctions): IDataObject {
	const trackings = (((this.getNodeParameter('trackings', {}) as IDataObject).tracking as IDataObject[] | undefined) ?? []).map((t) => {
		const tracking: IDataObject = { trackingNumber: t.trackingNumber ?? '' };
		if (t.shippingCarrier) tracking.shippingCarrier = t.shippingCarrier;
		if (t.trackingUrl) tracking.trackingUrl = t.trackingUrl;
		return tracking;
	});
	const items = (((this.getNodeParameter('items', {}) as IDataObject).item as IDataObject[] | undefined) ?? []).map((i) => ({
		priceId: i.priceId,
		qty: typeof i.qty === 'string' && i.qty.trim() !== '' ? Number(i.qty) : i.qty,
	}));
	return { trackings, items, notifyCustomer: this.getNodeParameter('notifyCustomer', false) as boolean };
}

export async function runPaymentsOperation(this: IExecutePaginationFunctions, _requestData: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
	const resource = findPaymentsResource(this.getNodeParameter('resource') as string);
	const operationValue = this.getNodeParameter('operation') as string;
	const operation = resource.operations.find((o) => o.value === operationValue);
	if (!operation) throw userError.call(this, `Unknown operation "${operationValue}" for ${resource.displayName}`, 'Pick an operation from the list.');
	// Input is checked before the credential is even read: bad input never reaches HighLevel.
	const body = operation.kind === 'create' ? (operation.body === 'fulfillment' ? fulfillmentBody.call(this) : whiteLabelBody.call(this)) : undefined;
	const path = operation.kind === 'list' ? undefined : pathOf.call(this, resource, operation);
	const connection = await paymentsConnection.call(this);
	switch (operation.kind) {
		case 'list':
			return await getMany.call(this, connection, resource, operation);
		case 'get': {
			const subject = `${resource.displayName} ${recordId.call(this, resource)}`;
			const answer = await paymentsRequest.call(this, connection, { method: 'GET', path: path!, idempotent: true, subject });
			return shape.call(this, resource, [readPaymentsRecord(answer)]);
		}
		case 'create': {
			const subject = resource.idParameter ? `Order ${recordId.call(this, resource)}` : undefined;
			const answer = await paymentsRequest.call(this, connection, { method: 'POST', path: path!, body, idempotent: false, subject });
			return shape.call(this, resource, [readPaymentsRecord(answer)]);
		}
	}
}
