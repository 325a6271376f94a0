/**
 * What the HaloPSA trigger watches, as data: per watched resource, the fields whose changes make an
 * event and which event each field belongs to. Halo keeps no "last modified" stamp on e-commerce
 * orders or CSP invoices, so changes are found by comparing these fields with the values seen at
 * the previous poll (see ../shared/pollCursor.ts).
 */
import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { findResource, type HaloResource } from '../HaloPsaMarketplace/resources/resourceTable';
import type { Fingerprint, WatchedEvent, WatchedField } from '../shared/pollCursor';

export interface WatchedRecords {
	value: 'ecommerceOrder' | 'cspInvoice';
	resource: HaloResource;
	/** The output property holding the record. */
	outputKey: string;
	/** Noun for option labels. */
	noun: string;
	fields: readonly WatchedField[];
	events: readonly WatchedEvent[];
	/** Extra output for an event (for example the fulfillment data of an order). */
	details?: (record: IDataObject) => IDataObject;
}

const text =
	(name: string) =>
	(record: IDataObject): Fingerprint =>
		record[name] === undefined || record[name] === null ? '' : String(record[name]);
const numeric =
	(name: string) =>
	(record: IDataObject): Fingerprint =>
		record[name] === undefined || record[name] === null ? null : Number(record[name]);
const flag =
	(name: string) =>
	(record: IDataObject): Fingerprint =>
		record[name] === true || record[name] === 'true';

/**
 * The order JSON Halo stored from the shop (Shopify, Amazon, Adobe Commerce, the Orders API): a
 * string or an object.
 */
function orderJson(record: IDataObject): unknown {
	const raw = record.jsonobj;
	if (typeof raw !== 'string') return raw ?? null;
	try {
		return JSON.parse(raw);
	} catch {
		return null;
	}
}

const FULFILLMENT_KEY = /fulfil/i;
const TRACKING_KEY = /^tracking_?(number|numbers|no|nos)$/i;

/**
 * Fulfillment and tracking data wherever the shop put it: keys naming fulfil(l)ment at any depth
 * (Shopify `fulfillments`, `fulfillment_status`; Amazon `FulfillmentChannel`; the Orders API's
 * fulfillments with `trackings`) and tracking numbers under any of their usual names.
 */
export function fulfillmentOf(record: IDataObject): {
	data: IDataObject;
	trackingNumbers: string[];
} {
	const data: IDataObject = {};
	const tracking = new Set<string>();
	const walk = (value: unknown, path: string, depth: number, insideFulfillment: boolean) => {
		if (depth > 6 || value === null || typeof value !== 'object') return;
		for (const [key, child] of Object.entries(value as IDataObject)) {
			const childPath = path ? `${path}.${key}` : key;
			if (TRACKING_KEY.test(key)) {
				for (const number of Array.isArray(child) ? child : [child])
					if (number !== null && number !== undefined && number !== '')
						tracking.add(String(number));
			}
			const isFulfillment = FULFILLMENT_KEY.test(key);
			if (isFulfillment && !insideFulfillment) data[childPath] = child as IDataObject;
			walk(child, childPath, depth + 1, insideFulfillment || isFulfillment);
		}
	};
	walk(orderJson(record), '', 0, false);
	return { data, trackingNumbers: [...tracking].sort() };
}

const digest = (value: unknown) =>
	createHash('sha1')
		.update(JSON.stringify(value ?? null))
		.digest('hex')
		.slice(0, 16);

export const watchedOrders: WatchedRecords = {
	value: 'ecommerceOrder',
	resource: findResource('ecommerceOrder'),
	outputKey: 'order',
	noun: 'E-Commerce Orders',
	fields: [
		{ name: 'thirdpartystatus', read: text('thirdpartystatus') },
		{ name: 'thirdpartystatus2', read: text('thirdpartystatus2') },
		{ name: 'ticket_id', read: numeric('ticket_id') },
		{
			name: 'linked_tickets',
			read: (record) =>
				Array.isArray(record.linked_tickets)
					? (record.linked_tickets as IDataObject[])
							.map((t) => String(t?.ticket_id ?? t?.id ?? ''))
							.sort()
							.join(',')
					: '',
		},
		{ name: 'fulfillment', read: (record) => digest(fulfillmentOf(record).data), opaque: true },
		{ name: 'tracking_numbers', read: (record) => fulfillmentOf(record).trackingNumbers.join(',') },
	],
	events: [
		{
			value: 'order.created',
			name: 'Order Created',
			description: 'A new e-commerce order arrives in HaloPSA',
			kind: 'created',
		},
		{
			value: 'order.updated',
			name: 'Order Updated',
			description: 'Status, secondary status or ticket link of an order changed',
			kind: 'changed',
			fields: ['thirdpartystatus', 'thirdpartystatus2', 'ticket_id', 'linked_tickets'],
		},
		{
			value: 'order.fulfillmentChanged',
			name: 'Order Fulfillment Changed',
			description: 'Secondary status, fulfillments or tracking numbers of an order changed',
			kind: 'changed',
			fields: ['thirdpartystatus2', 'fulfillment', 'tracking_numbers'],
		},
	],
	details: (record) => {
		const { data, trackingNumbers } = fulfillmentOf(record);
		return { fulfillment: { status: record.thirdpartystatus2 ?? null, trackingNumbers, data } };
	},
};

export const watchedInvoices: WatchedRecords = {
	value: 'cspInvoice',
	resource: findResource('cspInvoice'),
	outputKey: 'invoice',
	noun: 'Microsoft CSP Invoices',
	fields: [
		{ name: 'paidamount', read: numeric('paidamount') },
		{ name: 'isbilled', read: flag('isbilled') },
		{ name: 'isfullybilled', read: flag('isfullybilled') },
	],
	events: [
		{
			value: 'invoice.created',
			name: 'CSP Invoice Created',
			description: 'A new CSP invoice arrives in HaloPSA',
			kind: 'created',
		},
		{
			value: 'invoice.paymentChanged',
			name: 'CSP Invoice Payment or Billing Changed',
			description: 'Paid amount, billed or fully billed state of a CSP invoice changed',
			kind: 'changed',
			fields: ['paidamount', 'isbilled', 'isfullybilled'],
		},
	],
};

export const watchedTable: readonly WatchedRecords[] = [watchedOrders, watchedInvoices];
