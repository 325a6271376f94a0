import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { findPaymentsResource } from '../resources/paymentsTable';
import { paymentsConnection, paymentsRequest, readPaymentsList } from './paymentsTransport';

const PAGE = 50;

const pick = (record: IDataObject, path: string) => path.split('.').reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], record);

/** "From List" for orders, transactions and subscriptions: one HighLevel page per scroll, searched by HighLevel. */
export function paymentsSearch(resourceValue: 'order' | 'transaction' | 'subscription') {
	const resource = findPaymentsResource(resourceValue);
	const list = resource.operations.find((o) => o.kind === 'list')!;
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
		const offset = Number(paginationToken ?? 0);
		const connection = await paymentsConnection.call(this);
		const qs: IDataObject = { limit: PAGE, offset };
		if (filter) qs.search = filter;
		const body = await paymentsRequest.call(this, connection, { method: 'GET', path: list.path, qs, idempotent: true });
		const { records, total } = readPaymentsList(body, 'data');
		const results = records.map((record) => {
			const label = (resource.labelFields ?? []).map((f) => pick(record, f)).filter((v) => v !== undefined && v !== null && v !== '').join(' · ');
			const id = String(record._id ?? record.id ?? '');
			return { name: label ? `${label} (${id})` : id, value: id };
		});
		const next = offset + records.length;
		return { results, paginationToken: records.length === PAGE && (total === undefined || next < total) ? String(next) : undefined };
	};
}
