/** The HighLevel webhook events about payments: orders and invoices (no transaction, fulfillment or subscription events exist). */
export const WEBHOOK_EVENTS = [
	{ value: 'OrderCreate', name: 'Order Created', description: 'An order was placed' },
	{ value: 'OrderStatusUpdate', name: 'Order Status Updated', description: 'The status of an order changed' },
	{ value: 'InvoiceCreate', name: 'Invoice Created', description: 'An invoice was created' },
	{ value: 'InvoiceUpdate', name: 'Invoice Updated', description: 'An invoice was changed' },
	{ value: 'InvoiceSent', name: 'Invoice Sent', description: 'An invoice was sent to the customer' },
	{ value: 'InvoicePaid', name: 'Invoice Paid', description: 'An invoice was paid in full' },
	{ value: 'InvoicePartiallyPaid', name: 'Invoice Partially Paid', description: 'A part payment was made on an invoice' },
	{ value: 'InvoiceVoid', name: 'Invoice Voided', description: 'An invoice was voided' },
	{ value: 'InvoiceDelete', name: 'Invoice Deleted', description: 'An invoice was deleted' },
] as const;
