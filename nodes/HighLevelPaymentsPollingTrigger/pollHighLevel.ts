/**
 * One poll of the HighLevel polling trigger: read the newest records, compare with the cursor, emit
 * what changed.
 */
import { type IDataObject, type INodeExecutionData, type IPollFunctions } from 'n8n-workflow';
import {
	highLevelConnection,
	highLevelPages,
	highLevelRequest,
	readHighLevelList,
	type HighLevelConnection,
} from '../HighLevelPayments/transport/highLevelApi';
import { DEFAULT_TIMEOUT_SECONDS } from '../shared/actions/requestOptions';
import {
	compareNewest,
	creationTime,
	readPollCursor,
	recordsToCompare,
	isCursorShape,
	isStringListMap,
	timeOf,
	type Emission,
	type WatchedEvent,
	type PollCursor,
} from '../shared/pollCursor';
import { simplifyRecord } from '../shared/simplify';
import {
	emissionItem,
	finishPoll,
	watchPolls,
	type Poll,
	type PollPart,
} from '../shared/pollSkeleton';
import { fulfillmentSummary, polledResources, type PolledResource } from './polledResources';

export const MAX_COMPARED = 500;
const newness = creationTime('_id', 'createdAt');
const created = (record: IDataObject) => timeOf(record, 'createdAt');

/**
 * The newest records, newest first: `compareCount` of them, every record created since `mark`, and
 * never a comparison that ends in the middle of a timestamp (see creationTime). One request when
 * nothing is new.
 */
async function newestRecords(
	this: IPollFunctions,
	connection: HighLevelConnection,
	polled: PolledResource,
	compareCount: number,
	mark: number | undefined,
) {
	const path = polled.list.operations.find((o) => o.kind === 'list')!.path;
	const pageSize = Math.min(compareCount + 1, 100);
	const records: IDataObject[] = [];
	let sorted = true;
	for await (const page of highLevelPages(this, connection, path, {}, pageSize, 'data')) {
		records.push(...page);
		sorted &&= page.every((record, i) => i === 0 || created(page[i - 1]) >= created(record));
		if (!sorted || records.length <= compareCount) continue;
		const last = created(records[records.length - 1]);
		if (last < created(records[compareCount - 1]) && (mark === undefined || last < mark)) break;
	}
	// HighLevel does not document its list order: a list that is not newest first is read whole and
	// sorted here.
	if (!sorted)
		records.sort((a, b) => created(b) - created(a) || String(b._id).localeCompare(String(a._id)));
	let comparedCount = Math.min(compareCount, records.length);
	while (
		comparedCount < records.length &&
		created(records[comparedCount]) === created(records[comparedCount - 1])
	)
		comparedCount++;
	return { records, comparedCount };
}

/** The values of payments.json's `paymentStatus` filter of the order list. */
export const PAYMENT_STATUSES = ['paid', 'unpaid', 'refunded', 'partially_paid'] as const;

/**
 * HighLevel documents no payment status on an order, in its list rows or its Get; it documents the
 * order list's `paymentStatus` filter. The orders compared get theirs from the four filtered lists,
 * each read newest first only as far back as the oldest of them (a list that is not newest first is
 * read whole), and not at all once every order compared is placed. An order in none of them has
 * none (null). Rows that carry a payment status themselves (an undocumented fuller variant) are
 * taken as they are. A status an order's stored fingerprint lacks (a cursor written before it was
 * read) is recorded, not reported.
 */
async function readPaymentStatuses(
	this: IPollFunctions,
	connection: HighLevelConnection,
	polled: PolledResource,
	previous: PollCursor | undefined,
	rows: IDataObject[],
) {
	const known = previous && { ...previous, seen: { ...previous.seen } };
	const missing = new Map(
		rows.filter((row) => row.paymentStatus === undefined).map((row) => [String(row._id), row]),
	);
	if (!missing.size) return known;
	const oldest = Math.min(...[...missing.values()].map(created));
	const path = polled.list.operations.find((o) => o.kind === 'list')!.path;
	const pageSize = Math.min(missing.size + 1, 100);
	const placed = new Map<string, string>();
	for (const paymentStatus of PAYMENT_STATUSES) {
		let sorted = true;
		const qs = { paymentStatus };
		for await (const page of highLevelPages(this, connection, path, qs, pageSize, 'data')) {
			for (const record of page)
				if (missing.has(String(record._id))) placed.set(String(record._id), paymentStatus);
			sorted &&= page.every((record, i) => i === 0 || created(page[i - 1]) >= created(record));
			if (placed.size === missing.size) break;
			if (sorted && page.length && created(page[page.length - 1]) < oldest) break;
		}
		if (placed.size === missing.size) break;
	}
	const payment = polled.fields.findIndex((f) => f.name === 'paymentStatus');
	for (const [id, row] of missing) {
		row.paymentStatus = placed.get(id) ?? null;
		const before = known?.seen[id];
		if (known && before && !before[payment])
			known.seen[id] = before.map((value, i) =>
				i === payment ? polled.fields[payment].read(row) : value,
			);
	}
	return known;
}

async function fulfillmentsOf(
	this: IPollFunctions,
	connection: HighLevelConnection,
	orderId: string,
): Promise<IDataObject[]> {
	const body = await highLevelRequest(this, connection, {
		method: 'GET',
		path: `/payments/orders/${encodeURIComponent(orderId)}/fulfillments`,
		idempotent: true,
		subject: `Order ${orderId}`,
	});
	return readHighLevelList(body, 'data').records;
}

/** Internal events of the orders compared: an order whose fulfillments must be read again. */
const ORDER_MOVED: WatchedEvent[] = [
	{
		value: 'touched',
		name: 'Order Moved',
		description: 'Fulfillment status or update time changed',
		kind: 'changed',
		fields: ['fulfillmentStatus', 'updatedAt'],
	},
	{ value: 'new', name: 'Order New', description: 'A new order', kind: 'created' },
];

type KnownFulfillments = Record<string, string[]>;
const encode = (f: { id: string; tracking: string[] }) => `${f.id}:${f.tracking.join('+')}`;
const decode = (s: string) => ({
	id: s.slice(0, s.indexOf(':')),
	tracking: s
		.slice(s.indexOf(':') + 1)
		.split('+')
		.filter(Boolean),
});

/** What one watch's poll of the HighLevel trigger works with, read once at its start. */
interface HighLevelPoll {
	connection: HighLevelConnection;
	polled: PolledResource;
	/** The watch's stored state. */
	state: IDataObject;
	/** Records to Compare. */
	compareCount: number;
	selected: Set<string>;
	simplify: boolean;
}

/**
 * Fulfillments have no list of their own: an order whose fulfillment status or update time moved is
 * read again, and its fulfillments compared with those remembered for it.
 */
async function pollFulfillments(this: IPollFunctions, poll: HighLevelPoll): Promise<PollPart> {
	const { connection, polled, state, compareCount, selected, simplify } = poll;
	const previous = readPollCursor(state.cursor, polled.value);
	const { records, comparedCount } = await newestRecords.call(
		this,
		connection,
		polled,
		compareCount,
		previous?.mark,
	);
	const spec = { fields: polled.fields, newness, events: ORDER_MOVED };
	const { emissions, next } = compareNewest(
		polled.value,
		spec,
		previous,
		records,
		comparedCount,
		new Set(['touched', 'new']),
	);
	const known: KnownFulfillments = previous
		? ((state.fulfillments as KnownFulfillments | undefined) ?? {})
		: {};
	const nextKnown: KnownFulfillments = {};
	const items: INodeExecutionData[] = [];
	const touched = new Set(emissions.map((e) => String(e.record._id)));
	for (const record of records.slice(0, comparedCount).reverse()) {
		const orderId = String(record._id);
		const baseline =
			!previous && record.fulfillmentStatus && record.fulfillmentStatus !== 'unfulfilled';
		if (!touched.has(orderId) && !baseline) {
			if (known[orderId]) nextKnown[orderId] = known[orderId];
			continue;
		}
		const fulfillments = await fulfillmentsOf.call(this, connection, orderId);
		nextKnown[orderId] = fulfillments.map((f) => encode(fulfillmentSummary(f)));
		if (baseline) continue;
		const before = new Map((known[orderId] ?? []).map((s) => [decode(s).id, decode(s).tracking]));
		for (const fulfillment of fulfillments) {
			const { id, tracking } = fulfillmentSummary(fulfillment);
			const oldTracking = before.get(id);
			const order = simplifyRecord(record, polled.list.simplify, simplify);
			if (!oldTracking && selected.has('fulfillment.created'))
				items.push({
					json: {
						event: 'fulfillment.created',
						orderId,
						fulfillment,
						trackingNumbers: tracking,
						order,
					},
				});
			const added = tracking.filter((t) => oldTracking && !oldTracking.includes(t));
			if (added.length && selected.has('fulfillment.trackingAdded'))
				items.push({
					json: {
						event: 'fulfillment.trackingAdded',
						orderId,
						fulfillment,
						newTrackingNumbers: added,
						trackingNumbers: tracking,
						order,
					},
				});
		}
	}
	return {
		items,
		// The last fulfillment of an order that has one.
		example: async () => {
			const example = records.find(
				(r) => r.fulfillmentStatus && r.fulfillmentStatus !== 'unfulfilled',
			);
			if (!example) return [];
			const fulfillments = await fulfillmentsOf.call(this, connection, String(example._id));
			const fulfillment = fulfillments[fulfillments.length - 1] ?? null;
			const json = {
				event: 'fulfillment.created',
				orderId: example._id as string,
				fulfillment,
				trackingNumbers: fulfillment ? fulfillmentSummary(fulfillment).tracking : [],
				order: simplifyRecord(example, polled.list.simplify, simplify),
				example: true,
			};
			return [{ json }];
		},
		commit: () => {
			state.cursor = next as unknown as IDataObject;
			state.fulfillments = nextKnown;
		},
	};
}

export async function pollHighLevel(this: IPollFunctions): Promise<Poll> {
	const { polls, save } = watchPolls(
		this,
		polledResources,
		{ cursor: isCursorShape, fulfillments: isStringListMap },
		'order',
	);
	const compareCount = recordsToCompare(this, 50, MAX_COMPARED, '50 suits most sub-accounts');
	const simplify = this.getNodeParameter('simplify', true) as boolean;
	const connection = await highLevelConnection(this, {
		itemIndex: 0,
		timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
		authentication: this.getNodeParameter('authentication', 'oAuth2'),
		locationId: this.getNodeParameter('locationId', ''),
	});
	const parts: PollPart[] = [];
	for (const { watch: polled, selected, state } of polls) {
		const poll = { connection, polled, state, compareCount, selected, simplify };
		parts.push(
			polled.value === 'fulfillment'
				? await pollFulfillments.call(this, poll)
				: await pollRecords.call(this, poll),
		);
	}
	return await finishPoll(this, parts, save);
}

/**
 * Orders, subscriptions, transactions, payment providers: the newest records against the cursor.
 */
async function pollRecords(this: IPollFunctions, poll: HighLevelPoll): Promise<PollPart> {
	const { connection, polled, state, compareCount, selected, simplify } = poll;
	const previous = readPollCursor(state.cursor, polled.value);
	const { records, comparedCount } = await newestRecords.call(
		this,
		connection,
		polled,
		compareCount,
		previous?.mark,
	);
	const known =
		polled.value === 'order' && selected.has('order.statusChanged')
			? await readPaymentStatuses.call(this, connection, polled, previous, records)
			: previous;
	const { emissions, next } = compareNewest(
		polled.value,
		{ fields: polled.fields, events: polled.events, newness },
		known,
		records,
		comparedCount,
		selected,
	);
	const output = (e: Emission, example = false) =>
		emissionItem(e, polled.outputKey, simplifyRecord(e.record, polled.list.simplify, simplify), {
			example,
		});
	return {
		items: emissions.filter((e) => polled.keep?.(e.event, e.changes) ?? true).map((e) => output(e)),
		// The newest record, as an example of the first event picked.
		example: () => {
			const event = polled.events.find((e) => selected.has(e.value))!;
			return records.length ? [output({ event: event.value, record: records[0] }, true)] : [];
		},
		commit: () => (state.cursor = next as unknown as IDataObject),
	};
}
