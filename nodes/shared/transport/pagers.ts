/**
 * Walking a paged list with the guards every API needs, whichever way it pages (page numbers:
 * HaloPSA; offsets: HighLevel, Ingram Micro): a short page is the end only when no total says more
 * (a server may cap the page size), a page that brings no record not seen before ends the walk (a
 * server that ignores the paging parameters), and caps on pages and records end it loudly rather
 * than run until memory is gone.
 */
import type { IDataObject } from 'n8n-workflow';

export interface Page {
	records: IDataObject[];
	/** The total the API reports, when it does. */
	total?: number;
}

export interface PageRequest {
	/** 1-based page number (page-number APIs). */
	pageNo: number;
	/** Records before this page (offset APIs). */
	offset: number;
	/** Records asked for. */
	size: number;
}

export interface PagerOptions {
	pageSize: number;
	/** Identity of a record, to tell new records from repeated ones. */
	keyOf: (record: IDataObject) => string;
	/** How the list is paged: by page number or by offset. */
	style: 'pageNumber' | 'offset';
	maxPages?: number;
	maxRecords?: number;
	/** The error to raise when the list cannot be read completely, from the reason. */
	problem: (reason: string) => Error;
}

export const DEFAULT_MAX_PAGES = 10_000;
export const DEFAULT_MAX_RECORDS = 1_000_000;

/** Yields each page's new records until the list is complete. */
export async function* walkPages(
	fetchPage: (request: PageRequest) => Promise<Page>,
	options: PagerOptions,
): AsyncGenerator<IDataObject[]> {
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	const maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
	const seen = new Set<string>();
	let size = options.pageSize;
	let offset = 0;
	let pageNo = 1;
	let total: number | undefined;
	for (let pages = 1; ; pages++) {
		if (pages > maxPages)
			throw options.problem(
				`stopped after ${maxPages} pages (${seen.size} records) without reaching the end of ` +
					`the list`,
			);
		const page = await fetchPage({ pageNo, offset, size });
		if (page.total !== undefined) total = page.total;
		const fresh = page.records.filter((record) => {
			const key = options.keyOf(record);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
		if (seen.size > maxRecords)
			throw options.problem(
				`stopped at ${maxRecords} records without reaching the end of the list`,
			);
		if (fresh.length) yield fresh;
		const moreByTotal = total !== undefined && seen.size < total;
		if (!fresh.length) {
			if (moreByTotal)
				throw options.problem(
					`the server kept answering records already received (${seen.size} of the ${total} it ` +
						`reports): it ignores the paging parameters`,
				);
			return;
		}
		if (total !== undefined && seen.size >= total) return;
		if (page.records.length < size && !moreByTotal) return;
		// A server that caps the page size below what was asked: go on in its size, from where it
		// stopped.
		if (page.records.length < size && options.style === 'pageNumber') {
			if (pageNo !== 1)
				throw options.problem(
					`a page came back short (${page.records.length} of ${size}) while the server reports ` +
						`${total} records: the list cannot be read completely`,
				);
			size = page.records.length;
		}
		offset += page.records.length;
		pageNo += 1;
	}
}
