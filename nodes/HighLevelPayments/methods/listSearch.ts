/**
 * "From List" for orders, transactions and subscriptions: one HighLevel page per scroll, searched
 * by HighLevel, through the same client as the operations.
 */
import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { DEFAULT_TIMEOUT_SECONDS } from '../../shared/actions/requestOptions';
import { searchMethodName } from '../actions/common';
import { findPaymentsResource } from '../resources/paymentsTable';
import {
	highLevelConnection,
	highLevelRequest,
	readHighLevelList,
} from '../transport/highLevelApi';

const PAGE = 50;

const pick = (record: IDataObject, path: string) =>
	path
		.split('.')
		.reduce<unknown>((value, key) => (value as IDataObject | undefined)?.[key], record);

function searchRecords(resourceValue: 'order' | 'transaction' | 'subscription') {
	const resource = findPaymentsResource(resourceValue);
	const list = resource.operations.find((o) => o.kind === 'list')!;
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const offset = Number(paginationToken ?? 0);
		// The Location ID override: in the Options box (1.1 on) or on its own (1).
		const options = (this.getNodeParameter('requestOptions', {}) ?? {}) as IDataObject;
		const connection = await highLevelConnection(this, {
			itemIndex: 0,
			timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
			rateLimitBudgetMs: 10_000,
			authentication: this.getNodeParameter('authentication', 'oAuth2'),
			locationId: options.locationId ?? this.getNodeParameter('locationId', ''),
		});
		const qs: IDataObject = { limit: PAGE, offset };
		if (filter) qs.search = filter;
		const { records, total } = readHighLevelList(
			await highLevelRequest(this, connection, {
				method: 'GET',
				path: list.path,
				qs,
				idempotent: true,
			}),
			'data',
		);
		const results = records.map((record) => {
			const label = (resource.labelFields ?? [])
				.map((f) => pick(record, f))
				.filter((v) => v !== undefined && v !== null && v !== '')
				.join(' · ');
			const id = String(record._id ?? record.id ?? '');
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
	(['order', 'transaction', 'subscription'] as const).map((r) => [
		searchMethodName(r),
		searchRecords(r),
	]),
);
