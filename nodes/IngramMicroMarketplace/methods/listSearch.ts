/**
 * "From List" pickers: one Ingram Micro page per scroll (customers searched by name, products by
 * MPN), through the same client as the operations.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { DEFAULT_TIMEOUT_SECONDS } from '../../shared/actions/requestOptions';
import { searchMethodName } from '../actions/common';
import { findMarketplaceResource } from '../resources/marketplaceTable';
import { ingramConnection, readIngramList } from '../transport/ingramApi';
import { request } from '../../shared/transport/apiClient';

const PAGE = 50;

function searchRecords(resourceValue: 'customer' | 'product' | 'order' | 'subscription') {
	const resource = findMarketplaceResource(resourceValue);
	const list = resource.operations.find((o) => o.value === 'getAll')!;
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const offset = Number(paginationToken ?? 0);
		const connection = await ingramConnection(this, {
			itemIndex: 0,
			timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
			rateLimitBudgetMs: 10_000,
		});
		const qs: IDataObject = { offset, limit: PAGE };
		if (filter && resourceValue === 'customer') qs.name = filter;
		if (filter && resourceValue === 'product') qs.mpn = filter;
		const { records, total } = readIngramList(
			await request(this, connection, {
				method: 'GET',
				path: list.path,
				qs,
				idempotent: true,
			}),
		);
		const results = records.map((record) => {
			const id = String(record.id ?? '');
			const label = resource
				.idParameter!.labelFields.map((f) => record[f])
				.filter((v) => v !== undefined && v !== null && v !== '' && v !== record.id)
				.join(' · ');
			return { name: label ? `${label} (${id})` : id, value: id };
		});
		const next = offset + records.length;
		return {
			results,
			paginationToken:
				records.length === PAGE && (total === undefined || next < total) ? String(next) : undefined,
		};
	};
}

export const listSearch = Object.fromEntries(
	(['customer', 'product', 'order', 'subscription'] as const).map((r) => [
		searchMethodName(r),
		searchRecords(r),
	]),
);
