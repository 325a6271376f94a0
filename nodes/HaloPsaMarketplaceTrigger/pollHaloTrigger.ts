/**
 * One poll of the HaloPSA trigger: read Halo, compare with the cursor in static data, emit what
 * changed.
 */
import {
	NodeOperationError,
	type IDataObject,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';
import type { ApiConnection } from '../shared/transport/apiClient';
import { haloConnection } from '../HaloPsaMarketplace/transport/haloApi';
import { withoutWriteOnly } from '../HaloPsaMarketplace/resources/resourceTable';
import { simplifyRecord } from '../shared/simplify';
import {
	compareHealth,
	healthOutput,
	HEALTH_FAILED,
	HEALTH_RECOVERED,
	readHealthCursor,
	readIntegrations,
	syncedIntegrations,
} from './integrationHealth';
import {
	compareNewest,
	growingKey,
	isCursorShape,
	readPollCursor,
	recordsToCompare,
	type Emission,
} from '../shared/pollCursor';
import { newestRecords } from './newestRecords';
import {
	emissionItem,
	finishPoll,
	watchPolls,
	type Poll,
	type PollPart,
	type WatchPoll,
} from '../shared/pollSkeleton';
import { haloWatches, MAX_COMPARED } from './triggerProperties';
import { watchedTable, type WatchedRecords } from './watchedRecords';
import { requestTimeoutMs } from '../HaloPsaMarketplace/descriptions/requestTimeout';

const list = (value: unknown) =>
	String(value ?? '')
		.split(',')
		.map((s) => s.trim().toLowerCase())
		.filter(Boolean);

function recordFilter(
	this: IPollFunctions,
	watch: WatchedRecords,
): (record: IDataObject) => boolean {
	if (watch.value === 'ecommerceOrder') {
		const filters = this.getNodeParameter('orderFilters', {}) as IDataObject;
		const rules: Array<[string, string[]]> = [
			['integration_name', list(filters.integrationNames)],
			['shop_name', list(filters.shopNames)],
			['thirdpartystatus', list(filters.statuses)],
		];
		return (record) =>
			rules.every(
				([field, allowed]) =>
					!allowed.length || allowed.includes(String(record[field] ?? '').toLowerCase()),
			);
	}
	const clientId = Number(
		(this.getNodeParameter('invoiceFilters', {}) as IDataObject).clientId ?? 0,
	);
	return (record) => !clientId || Number(record.client_id) === clientId;
}

function outputOf(
	watch: WatchedRecords,
	emission: Emission,
	simplify: boolean,
	example = false,
): INodeExecutionData {
	const record = withoutWriteOnly(emission.record);
	return emissionItem(
		emission,
		watch.outputKey,
		simplifyRecord(record, watch.resource.simplify, simplify),
		{ details: watch.details?.(emission.record), example },
	);
}

async function pollRecords(
	this: IPollFunctions,
	connection: ApiConnection,
	watch: WatchedRecords,
	{ selected, state }: WatchPoll<unknown>,
): Promise<PollPart> {
	const compareCount = recordsToCompare(this, 250, MAX_COMPARED, '250 suits most shops');
	const matches = recordFilter.call(this, watch);
	const previous = readPollCursor(state.cursor, watch.value);
	const { records } = await newestRecords.call(
		this,
		connection,
		watch,
		compareCount,
		previous?.mark,
	);
	const spec = {
		fields: watch.fields,
		events: watch.events,
		newness: growingKey(watch.resource.key),
	};
	const { emissions, next } = compareNewest(
		watch.value,
		spec,
		previous,
		records,
		compareCount,
		selected,
	);
	// Read once per poll: n8n checks a parameter against the node's description on every read.
	const simplify =
		!!watch.resource.simplify && (this.getNodeParameter('simplify', true) as boolean);
	return {
		items: emissions.filter((e) => matches(e.record)).map((e) => outputOf(watch, e, simplify)),
		// The newest record, as an example of the first event picked.
		example: () => {
			const newest = records.find(matches);
			const event = watch.events.find((e) => selected.has(e.value))!;
			return newest
				? [outputOf(watch, { event: event.value, record: newest }, simplify, true)]
				: [];
		},
		commit: () => (state.cursor = next as unknown as IDataObject),
	};
}

async function pollHealth(
	this: IPollFunctions,
	connection: ApiConnection,
	{ selected, state }: WatchPoll<unknown>,
): Promise<PollPart> {
	const chosen = this.getNodeParameter('integrations', []) as string[];
	const resources = syncedIntegrations.filter((r) => !chosen.length || chosen.includes(r.value));
	const staleAfterHours = this.getNodeParameter('staleAfterHours', 24) as number;
	if (typeof staleAfterHours !== 'number' || !(staleAfterHours >= 0)) {
		throw new NodeOperationError(
			this.getNode(),
			`Overdue After (Hours) must be 0 or more, got ${staleAfterHours}`,
			{
				description:
					'Set it to the hours after which a missing sync should alert you, or 0 to turn the ' +
					'check off.',
			},
		);
	}
	const states = await readIntegrations.call(
		this,
		connection,
		resources,
		staleAfterHours,
		Date.now(),
	);
	const previous = readHealthCursor(state.cursor);
	const { emissions, next } = compareHealth(previous, states, selected);
	return {
		items: emissions.map((json) => ({ json })),
		// The failing integrations, else the one synced last as recovered.
		example: () => {
			const failing = states
				.filter((s) => s.error || s.stale)
				.map((s) => ({ json: { ...healthOutput(HEALTH_FAILED, s), example: true } }));
			if (failing.length) return failing;
			const newest = [...states].sort((a, b) =>
				String(b.lastSync).localeCompare(String(a.lastSync)),
			)[0];
			return newest ? [{ json: { ...healthOutput(HEALTH_RECOVERED, newest), example: true } }] : [];
		},
		commit: () => (state.cursor = next as unknown as IDataObject),
	};
}

export async function pollHaloTrigger(this: IPollFunctions): Promise<Poll> {
	const { polls, save } = watchPolls(
		this,
		haloWatches,
		{ cursor: isCursorShape },
		'ecommerceOrder',
	);
	const connection = await haloConnection(this, {
		itemIndex: 0,
		timeoutMs: requestTimeoutMs.call(this),
	});
	const parts: PollPart[] = [];
	for (const poll of polls) {
		// The watch table holds the watched records; the one other watch is integration health.
		const records = watchedTable.find((w) => w.value === poll.watch.value);
		parts.push(
			records
				? await pollRecords.call(this, connection, records, poll)
				: await pollHealth.call(this, connection, poll),
		);
	}
	return await finishPoll(this, parts, save);
}
