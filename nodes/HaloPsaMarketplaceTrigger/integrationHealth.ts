/**
 * Integration health: every distributor and marketplace integration that reports HaloIntegrator
 * sync state (the resources with `sync` fields in the resource table). A sync fails when the
 * integration reports a new last-sync error, or when its last sync is older than the user's
 * threshold; it recovers when neither holds any more. Each transition is emitted once.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { resourceTable, type HaloResource } from '../HaloPsaMarketplace/resources/resourceTable';
import type { ApiConnection } from '../shared/transport/apiClient';
import { haloPages } from '../HaloPsaMarketplace/transport/haloApi';
import { withoutWriteOnly } from '../HaloPsaMarketplace/resources/resourceTable';
import { CURSOR_VERSION } from '../shared/pollCursor';

export const syncedIntegrations: readonly HaloResource[] = resourceTable.filter((r) => r.sync);

export const HEALTH_FAILED = 'integration.syncFailed';
export const HEALTH_RECOVERED = 'integration.syncRecovered';

/** Integration health as the trigger's watch table has it: its value and its events. */
export const watchedHealth = {
	value: 'integrationHealth',
	noun: 'Integration Health',
	summary: 'Distributor and marketplace sync errors and overdue syncs',
	events: [
		{
			name: 'Integration Sync Failed',
			value: HEALTH_FAILED,
			description: 'An integration reports a new sync error, or its last sync is overdue',
		},
		{
			name: 'Integration Sync Recovered',
			value: HEALTH_RECOVERED,
			description: 'A failing integration syncs again without error',
		},
	],
} as const;

/** Per integration record: the error last reported (cut short) and whether it was overdue. */
export interface HealthCursor {
	v: number;
	watch: 'integrationHealth';
	seen: Record<string, [error: string, stale: boolean]>;
}

export interface IntegrationState {
	resource: HaloResource;
	record: IDataObject;
	error: string;
	stale: boolean;
	lastSync: string | null;
}

const ERROR_KEPT = 300;

export function readHealthCursor(stored: unknown): HealthCursor | undefined {
	const cursor = stored as HealthCursor | undefined;
	return cursor &&
		cursor.v === CURSOR_VERSION &&
		cursor.watch === 'integrationHealth' &&
		cursor.seen
		? cursor
		: undefined;
}

/** The sync state of one integration record; disabled integrations have none. */
export function integrationState(
	resource: HaloResource,
	record: IDataObject,
	staleAfterHours: number,
	now: number,
): IntegrationState | undefined {
	const sync = resource.sync!;
	if (record[sync.enabled] === false) return undefined;
	const error = sync.lastError
		? String(record[sync.lastError] ?? '')
				.trim()
				.slice(0, ERROR_KEPT)
		: '';
	const lastSyncRaw = record[sync.lastSync];
	const lastSyncTime =
		typeof lastSyncRaw === 'string' && lastSyncRaw
			? Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(lastSyncRaw) ? lastSyncRaw : `${lastSyncRaw}Z`)
			: NaN;
	// A sync that never ran (no date) counts as overdue once a threshold is set.
	const stale =
		staleAfterHours > 0 &&
		(!Number.isFinite(lastSyncTime) || now - lastSyncTime > staleAfterHours * 3_600_000);
	return {
		resource,
		record,
		error,
		stale,
		lastSync: Number.isFinite(lastSyncTime) ? new Date(lastSyncTime).toISOString() : null,
	};
}

export async function readIntegrations(
	this: IPollFunctions,
	connection: ApiConnection,
	resources: readonly HaloResource[],
	staleAfterHours: number,
	now: number,
) {
	const states: IntegrationState[] = [];
	for (const resource of resources) {
		for await (const page of haloPages(this, connection, resource, {}, 100)) {
			for (const record of page) {
				const state = integrationState(resource, withoutWriteOnly(record), staleAfterHours, now);
				if (state) states.push(state);
			}
		}
	}
	return states;
}

const stateKey = (state: IntegrationState) =>
	`${state.resource.value}:${state.record[state.resource.key]}`;

export function healthOutput(
	event: string,
	state: IntegrationState,
	previousError?: string,
): IDataObject {
	const failing = !!state.error || state.stale;
	return {
		event,
		integration: state.resource.displayName,
		resource: state.resource.value,
		recordId: state.record[state.resource.key] as number,
		name: (state.record[state.resource.labelField] as string) ?? null,
		reason: !failing ? null : state.error ? 'error' : 'stale',
		lastSync: state.lastSync,
		lastError: state.error || null,
		previousError: previousError || null,
		overdue: state.stale,
	};
}

export function compareHealth(
	previous: HealthCursor | undefined,
	states: IntegrationState[],
	selected: ReadonlySet<string>,
) {
	const next: HealthCursor = { v: CURSOR_VERSION, watch: 'integrationHealth', seen: {} };
	const emissions: IDataObject[] = [];
	for (const state of states) {
		const key = stateKey(state);
		next.seen[key] = [state.error, state.stale];
		if (!previous) continue;
		const [oldError, oldStale] = previous.seen[key] ?? ['', false];
		const failing = !!state.error || state.stale;
		const wasFailing = !!oldError || oldStale;
		const newProblem =
			(state.error && state.error !== oldError) || (state.stale && !oldStale && !state.error);
		if (failing && newProblem && selected.has(HEALTH_FAILED))
			emissions.push(healthOutput(HEALTH_FAILED, state, oldError));
		if (!failing && wasFailing && selected.has(HEALTH_RECOVERED))
			emissions.push(healthOutput(HEALTH_RECOVERED, state, oldError));
	}
	return { emissions, next };
}
