import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import type { HaloResource } from '../resources/resourceTable';
import { apiBaseUrl } from './haloUrls';
import { HALO_CREDENTIAL, readList } from './haloTransport';

const PAGE = 100;

/** "From List" for a resource's record picker: one Halo page per scroll, searched by Halo. */
export function listSearchFor(resource: HaloResource) {
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const credentials = await this.getCredentials(HALO_CREDENTIAL);
		const page = Number(paginationToken ?? 1);
		const qs: IDataObject = { pageinate: true, page_size: PAGE, page_no: page };
		if (filter) qs.search = filter;
		const body = await this.helpers.httpRequestWithAuthentication.call(this, HALO_CREDENTIAL, {
			method: 'GET',
			baseURL: apiBaseUrl(credentials.resourceServerUrl as string),
			url: `/${resource.path}`,
			qs,
			json: true,
		});
		const { records, total } = readList(body, resource);
		const results = records.map((record) => {
			const key = record[resource.key];
			const label = record[resource.labelField];
			return { name: label !== undefined && label !== key ? `${label} (${key})` : String(key), value: String(key) };
		});
		const more = records.length === PAGE && (total === undefined || page * PAGE < total);
		return { results, paginationToken: more ? String(page + 1) : undefined };
	};
}
