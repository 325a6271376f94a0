import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { findMarketplaceResource } from '../resources/marketplaceTable';
import { ingramRequest, readIngramList } from './ingramTransport';

const PAGE = 50;

/** "From List" pickers: one Ingram Micro page per scroll; customers are searched by name. */
export function ingramSearch(resourceValue: 'customer' | 'product' | 'order' | 'subscription') {
	const resource = findMarketplaceResource(resourceValue);
	const list = resource.operations.find((o) => o.value === 'getAll')!;
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const offset = Number(paginationToken ?? 0);
		const qs: IDataObject = { offset, limit: PAGE };
		if (filter && resourceValue === 'customer') qs.name = filter;
		if (filter && resourceValue === 'product') qs.mpn = filter;
		const { records, total } = readIngramList(await ingramRequest.call(this, { method: 'GET', path: list.path, qs, idempotent: true }));
		const results = records.map((record) => {
			const id = String(record.id ?? '');
			const label = resource.idParameter!.labelFields.map((f) => record[f]).filter((v) => v !== undefined && v !== null && v !== '' && v !== record.id).join(' · ');
			return { name: label ? `${label} (${id})` : id, value: id };
		});
		const next = offset + records.length;
		return { results, paginationToken: records.length === PAGE && (total === undefined || next < total) ? String(next) : undefined };
	};
}
