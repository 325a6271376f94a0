import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import type { ApiConnection } from '../shared/transport/apiClient';
import { haloPages } from '../HaloPsaMarketplace/transport/haloApi';
import type { WatchedRecords } from './watchedRecords';

const MAX_PAGE = 1000;

const keyOf = (watch: WatchedRecords, record: IDataObject) => Number(record[watch.resource.key]);

/**
 * The newest records of a watched resource, newest first: at least `compareCount` of them and every
 * record above `top`. Asks Halo to sort by key, descending, so a poll with nothing new is one
 * request however many records Halo holds. A server that ignores the sort order is read whole
 * (slower, still correct) rather than trusted.
 */
export async function newestRecords(
	this: IPollFunctions,
	connection: ApiConnection,
	watch: WatchedRecords,
	compareCount: number,
	top: number | undefined,
) {
	const { resource } = watch;
	const pageSize = Math.min(Math.max(compareCount, 1), MAX_PAGE);
	const qs: IDataObject = { order: resource.key, orderdesc: true };
	if (resource.listQuery?.includes('includedetails')) qs.includedetails = true;
	const records: IDataObject[] = [];
	let sorted = true;
	let requests = 0;
	for await (const page of haloPages(this, connection, resource, qs, pageSize)) {
		requests++;
		records.push(...page);
		sorted &&= page.every(
			(record, i) => i === 0 || keyOf(watch, page[i - 1]) >= keyOf(watch, record),
		);
		if (!sorted) continue;
		const oldest = records.length ? keyOf(watch, records[records.length - 1]) : 0;
		if (records.length >= compareCount && (top === undefined || oldest <= top)) break;
	}
	if (!sorted) records.sort((a, b) => keyOf(watch, b) - keyOf(watch, a));
	return { records, requests };
}
