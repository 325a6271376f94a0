/**
 * What the HighLevel polling trigger watches, as data: per resource, the fields whose changes make
 * an event.
 */
import type { IDataObject } from 'n8n-workflow';
import {
	findPaymentsResource,
	type PaymentsResource,
} from '../HighLevelPayments/resources/paymentsTable';
import type { Fingerprint, WatchedEvent, WatchedField } from '../shared/pollCursor';

export interface PolledResource {
	value: 'order' | 'fulfillment' | 'transaction' | 'subscription';
	name: string;
	/** What it is, for an operator: the option's description in the node. */
	summary: string;
	/**
	 * The list the records compared are read from (fulfillments: the orders whose fulfillments are
	 * compared).
	 */
	list: PaymentsResource;
	outputKey: string;
	fields: readonly WatchedField[];
	events: readonly WatchedEvent[];
	/** Keeps an emission only when the change goes the way the event means (a refund grows). */
	keep?: (
		event: string,
		changes: Record<string, { old: Fingerprint; new: Fingerprint }> | undefined,
	) => boolean;
}

/**
 * A watched value as text. payments.json types transaction and subscription `status` as an object
 * (its examples are strings): an object is compared by its JSON, so a change inside it is seen,
 * never hidden behind "[object Object]".
 */
const text =
	(name: string) =>
	(record: IDataObject): Fingerprint => {
		const value = record[name];
		if (value === undefined || value === null) return '';
		return typeof value === 'object' ? JSON.stringify(value) : String(value);
	};
const amount =
	(name: string) =>
	(record: IDataObject): Fingerprint =>
		Number(record[name] ?? 0);

export const polledResources: readonly PolledResource[] = [
	{
		value: 'order',
		name: 'Orders',
		summary: 'New orders, and changes of an order status or payment status',
		list: findPaymentsResource('order'),
		outputKey: 'order',
		// HighLevel's documented list rows carry no payment status: an order whose update time moved is
		// read (within a budget per poll) to learn it; see pollHighLevel.
		fields: [
			{ name: 'status', read: text('status') },
			{ name: 'paymentStatus', read: text('paymentStatus') },
			{ name: 'updatedAt', read: text('updatedAt'), opaque: true },
		],
		events: [
			{
				value: 'order.created',
				name: 'Order Created',
				description: 'A new order',
				kind: 'created',
			},
			{
				value: 'order.statusChanged',
				name: 'Order Status Changed',
				description:
					'The status or the payment status of an order changed (the payment status is read from ' +
					'the order when its update time moves)',
				kind: 'changed',
				fields: ['status', 'paymentStatus'],
			},
		],
	},
	{
		value: 'fulfillment',
		name: 'Fulfillments',
		summary: 'New fulfillments of any order, and tracking numbers added to them',
		list: findPaymentsResource('order'),
		outputKey: 'order',
		// Cheap signs that an order's fulfillments may have changed; its fulfillments are then read and
		// compared.
		fields: [
			{ name: 'fulfillmentStatus', read: text('fulfillmentStatus') },
			{ name: 'updatedAt', read: text('updatedAt'), opaque: true },
		],
		events: [
			{
				value: 'fulfillment.created',
				name: 'Fulfillment Created',
				description: 'A new fulfillment on any order',
				kind: 'changed',
				fields: ['fulfillmentStatus', 'updatedAt'],
			},
			{
				value: 'fulfillment.trackingAdded',
				name: 'Fulfillment Tracking Added',
				description: 'A fulfillment got new tracking numbers',
				kind: 'changed',
				fields: ['fulfillmentStatus', 'updatedAt'],
			},
		],
	},
	{
		value: 'transaction',
		name: 'Payments (Transactions)',
		summary: 'Payments received, refunded, or whose status changed',
		list: findPaymentsResource('transaction'),
		outputKey: 'transaction',
		fields: [
			{ name: 'status', read: text('status') },
			{ name: 'amountRefunded', read: amount('amountRefunded') },
		],
		events: [
			{
				value: 'payment.received',
				name: 'Payment Received',
				description: 'A new transaction',
				kind: 'created',
			},
			{
				value: 'payment.refunded',
				name: 'Payment Refunded',
				description: 'The refunded amount of a transaction grew',
				kind: 'changed',
				fields: ['amountRefunded'],
			},
			{
				value: 'payment.statusChanged',
				name: 'Payment Status Changed',
				description: 'The status of a transaction changed (for example to failed)',
				kind: 'changed',
				fields: ['status'],
			},
		],
		keep: (event, changes) =>
			event !== 'payment.refunded' ||
			Number(changes?.amountRefunded?.new ?? 0) > Number(changes?.amountRefunded?.old ?? 0),
	},
	{
		value: 'subscription',
		name: 'Subscriptions',
		summary: 'New subscriptions, and changes of their status',
		list: findPaymentsResource('subscription'),
		outputKey: 'subscription',
		fields: [{ name: 'status', read: text('status') }],
		events: [
			{
				value: 'subscription.created',
				name: 'Subscription Created',
				description: 'A new subscription',
				kind: 'created',
			},
			{
				value: 'subscription.statusChanged',
				name: 'Subscription Status Changed',
				description: 'A subscription became active, past due, canceled, …',
				kind: 'changed',
				fields: ['status'],
			},
		],
	},
];

/** A fulfillment's identity and tracking numbers, compactly: "id:TN1+TN2". */
export function fulfillmentSummary(fulfillment: IDataObject): { id: string; tracking: string[] } {
	const trackings = Array.isArray(fulfillment.trackings)
		? (fulfillment.trackings as IDataObject[])
		: [];
	return {
		id: String(fulfillment._id ?? fulfillment.id ?? ''),
		tracking: trackings
			.map((t) => String(t.trackingNumber ?? ''))
			.filter(Boolean)
			.sort(),
	};
}
