/**
 * The HighLevel webhook events about payments: orders and invoices (no transaction, fulfillment or
 * subscription events exist).
 */
export const WEBHOOK_EVENTS = [
	{ value: 'OrderCreate', name: 'Order Created', description: 'An order was placed' },
	{
		value: 'OrderStatusUpdate',
		name: 'Order Status Updated',
		description: 'The status of an order changed',
	},
	{ value: 'InvoiceCreate', name: 'Invoice Created', description: 'An invoice was created' },
	{ value: 'InvoiceUpdate', name: 'Invoice Updated', description: 'An invoice was changed' },
	{
		value: 'InvoiceSent',
		name: 'Invoice Sent',
		description: 'An invoice was sent to the customer',
	},
	{ value: 'InvoicePaid', name: 'Invoice Paid', description: 'An invoice was paid in full' },
	{
		value: 'InvoicePartiallyPaid',
		name: 'Invoice Partially Paid',
		description: 'A part payment was made on an invoice',
	},
	{ value: 'InvoiceVoid', name: 'Invoice Voided', description: 'An invoice was voided' },
	{ value: 'InvoiceDelete', name: 'Invoice Deleted', description: 'An invoice was deleted' },
] as const;

/** What an untyped invoice delivery with this status stands for. */
const INVOICE_EVENT_BY_STATUS: Record<string, string> = {
	paid: 'InvoicePaid',
	partially_paid: 'InvoicePartiallyPaid',
	sent: 'InvoiceSent',
	void: 'InvoiceVoid',
	// InvoiceDelete's documented payload.
	delete: 'InvoiceDelete',
};

/** Statuses that narrow an untyped invoice delivery to some events without telling which one. */
const INVOICE_EVENTS_BY_STATUS: Record<string, string[]> = {
	// InvoiceCreate's and InvoiceUpdate's documented payloads are both drafts.
	draft: ['InvoiceCreate', 'InvoiceUpdate'],
};

export interface DeliveryEvent {
	/**
	 * The event, from `type`, or read from an untyped invoice's status; undefined when it cannot be
	 * known.
	 */
	event?: string;
	/**
	 * True when the delivery had no `type` (HighLevel documents its Invoice* payloads without one).
	 */
	untyped: boolean;
	/**
	 * For an untyped delivery whose status narrows it to some events (a draft: created or updated).
	 */
	possible?: string[];
}

/**
 * The event a delivery stands for. HighLevel's order events carry `type`; its documented invoice
 * events do not (nor `locationId`: they name the location in `altId`). An untyped delivery is taken
 * for an invoice event, named by its status where that tells which (paid, partially_paid, sent,
 * void, delete), or narrowed to the events it may be (draft: created or updated).
 */
export function deliveryEvent(body: Record<string, unknown>): DeliveryEvent {
	if (typeof body.type === 'string' && body.type.trim())
		return { event: body.type.trim(), untyped: false };
	const status = String(body.status ?? '').toLowerCase();
	const possible = INVOICE_EVENTS_BY_STATUS[status];
	return possible
		? { untyped: true, possible }
		: { event: INVOICE_EVENT_BY_STATUS[status], untyped: true };
}

/**
 * Whether a delivery is wanted by a trigger that selected `selected`. An untyped delivery whose
 * event cannot be read is wanted by any trigger that selected an invoice event: acknowledging and
 * dropping it would lose a payment event for good (HighLevel does not resend what was answered
 * 200).
 */
export function isWanted(delivery: DeliveryEvent, selected: readonly string[]): boolean {
	if (delivery.event) return selected.includes(delivery.event);
	if (delivery.possible) return delivery.possible.some((event) => selected.includes(event));
	return delivery.untyped && selected.some((event) => event.startsWith('Invoice'));
}
