/** Deterministic HighLevel payments data for one location: orders, their transactions, subscriptions. */

export type HlRecord = Record<string, unknown> & { _id: string };

const BASE = Date.parse('2026-10-01T00:00:00Z');

/** A 24-hex-digit id like HighLevel's Mongo ids, readable in tests: prefix + number. */
export const hlId = (prefix: string, n: number) =>
	`${prefix}${n.toString(16).padStart(24 - prefix.length, '0')}`;

export const priceIdOf = (n: number) => hlId('a1', n);

export function seedOrder(locationId: string, n: number): HlRecord {
	const amount = 50 + n * 10;
	const at = new Date(BASE + n * 3_600_000).toISOString();
	return {
		_id: hlId('0d', n),
		altId: locationId,
		altType: 'location',
		contactId: hlId('c0', (n % 5) + 1),
		contactSnapshot: {
			id: hlId('c0', (n % 5) + 1),
			name: `Customer ${(n % 5) + 1}`,
			email: `customer${(n % 5) + 1}@example.com`,
		},
		currency: 'USD',
		amount,
		status: n % 4 === 0 ? 'pending' : 'completed',
		paymentStatus: n % 4 === 0 ? 'unpaid' : 'paid',
		fulfillmentStatus: 'unfulfilled',
		liveMode: n % 7 !== 0,
		items: [
			{
				_id: hlId('1e', n),
				name: `Licence pack ${n}`,
				product: {
					_id: hlId('9p', n),
					locationId,
					name: `Licence pack ${n}`,
					productType: 'DIGITAL',
					createdAt: at,
					updatedAt: at,
				},
				qty: 1 + (n % 3),
				price: {
					_id: priceIdOf(n),
					name: `Licence pack ${n}`,
					type: 'one_time',
					amount: amount / (1 + (n % 3)),
					currency: 'USD',
				},
			},
		],
		amountSummary: { subtotal: amount, discount: 0 },
		source: { type: 'funnel', subType: 'one_step_order_form', id: 'funnel-1', name: 'MSP shop' },
		createdAt: at,
		updatedAt: at,
	};
}

export function seedTransaction(order: HlRecord, n: number): HlRecord {
	return {
		_id: hlId('7a', n),
		altId: order.altId,
		altType: 'location',
		contactId: order.contactId,
		status: 'succeeded',
		amount: order.amount,
		amountRefunded: 0,
		currency: 'USD',
		entityType: 'order',
		entityId: order._id,
		entitySourceType: 'funnel',
		entitySourceSubType: 'one_step_order_form',
		subscriptionId: null,
		chargeId: `ch_${n}`,
		paymentProviderType: 'stripe',
		liveMode: order.liveMode,
		createdAt: order.createdAt,
		updatedAt: order.createdAt,
		// TxnResponseSchema: when the charge was made.
		fulfilledAt: order.createdAt,
	};
}

export function seedSubscription(locationId: string, n: number): HlRecord {
	const at = new Date(BASE + n * 86_400_000).toISOString();
	return {
		_id: hlId('5b', n),
		altId: locationId,
		altType: 'location',
		contactId: hlId('c0', (n % 5) + 1),
		status: n % 3 === 0 ? 'canceled' : 'active',
		amount: 29 * n,
		currency: 'USD',
		entityId: hlId('0d', n),
		entitySourceType: 'funnel',
		subscriptionId: `sub_${n}`,
		// As HighLevel documents it: when the next charge runs and the recurrence rule.
		schedule: {
			executeAt: new Date(BASE + (n + 30) * 86_400_000).toISOString(),
			rrule: {
				intervalType: 'monthly',
				interval: 1,
				startDate: at.slice(0, 10),
				startTime: '00:00:00',
				dayOfMonth: 1 + (n % 28),
			},
		},
		canceledAt: n % 3 === 0 ? at : null,
		liveMode: true,
		createdAt: at,
		updatedAt: at,
	};
}
