/**
 * "From List" record pickers: one Halo page per scroll, searched by Halo, through the same client
 * and error wording as the operations.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { DEFAULT_TIMEOUT_SECONDS } from '../../shared/actions/requestOptions';
import { searchMethodName } from '../actions/common';
import { haloTickets, resourceTable, type PickedRecords } from '../resources/resourceTable';
import { haloConnection, readList } from '../transport/haloApi';
import { request } from '../../shared/transport/apiClient';

const PAGE = 100;

function searchRecords(resource: PickedRecords) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		// A picker is someone waiting in the editor: no long rate-limit waits.
		const connection = await haloConnection(this, {
			itemIndex: 0,
			timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
			rateLimitBudgetMs: 10_000,
		});
		const page = Number(paginationToken ?? 1);
		const qs: IDataObject = { pageinate: true, page_size: PAGE, page_no: page };
		if (filter) qs.search = filter;
		const { records, total } = readList(
			await request(this, connection, {
				method: 'GET',
				path: `/${resource.path}`,
				qs,
				idempotent: true,
			}),
			resource,
		);
		const results = records.map((record) => {
			const key = record[resource.key];
			const label = record[resource.labelField];
			// "1001 · acme-shop · paid (42)": the label, what tells look-alikes apart, then the ID.
			const shown = [
				label === key ? undefined : label,
				...(resource.pickerDetails ?? []).map((f) => record[f]),
			]
				.filter((part) => part !== undefined && part !== null && part !== '')
				.map(String);
			return {
				name: shown.length ? `${shown.join(' · ')} (${key})` : String(key),
				value: String(key),
			};
		});
		const more = records.length === PAGE && (total === undefined || page * PAGE < total);
		return { results, paginationToken: more ? String(page + 1) : undefined };
	};
}

export const listSearch = Object.fromEntries(
	[...resourceTable, haloTickets].map((resource) => [
		searchMethodName(resource),
		searchRecords(resource),
	]),
);
