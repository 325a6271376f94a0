import {
	NodeOperationError,
	sleep,
	type DeclarativeRestApiSettings,
	type IDataObject,
	type IExecutePaginationFunctions,
	type IExecuteSingleFunctions,
	type IHttpRequestMethods,
	type IHttpRequestOptions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type IPollFunctions,
} from 'n8n-workflow';
import { findResource, isWriteOnlyField, type HaloResource } from '../resources/resourceTable';
import { requestTimeoutMs } from '../descriptions/requestTimeout';
import { haloApiError } from './haloErrors';
import { httpFailure, parseMaybeJson, retryDelay } from '../../shared/httpFailure';
import { recordProblems } from './recordSchema';

export const HALO_CREDENTIAL = 'haloPsaMarketplaceOAuth2Api';

/** Halo pages of this size are fetched by Return All unless the user picks another. */
export const DEFAULT_PAGE_SIZE = 500;


export interface HaloCall {
	method: IHttpRequestMethods;
	/** Path under /api, without a leading slash. */
	path: string;
	qs?: IDataObject;
	body?: unknown;
	/** Multipart bodies are sent as given. */
	formData?: boolean;
	/** Reads, updates by id and deletes may be sent again after a failure with no clear answer; creates may not. */
	idempotent: boolean;
	subject?: string;
}

/** Where Halo calls come from: an operation's item, a trigger's poll, or a record picker. */
export type HaloContext = IExecuteSingleFunctions | IPollFunctions | ILoadOptionsFunctions;

const itemIndexOf = (context: HaloContext) => ('getItemIndex' in context ? context.getItemIndex() : 0);

/**
 * One Halo call through n8n's authenticated request helper (n8n fetches the token, reuses it and
 * re-fetches it once on 401). Here: 429 back-off honouring Retry-After, bounded retries of idempotent
 * calls on 5xx and dropped connections, and errors mapped to messages a user can act on.
 */
export async function haloRequest(this: HaloContext, base: IHttpRequestOptions, call: HaloCall): Promise<unknown> {
	const itemIndex = itemIndexOf(this);
	const options: IHttpRequestOptions = {
		...base,
		method: call.method,
		url: `/${call.path}`,
		qs: call.qs && Object.keys(call.qs).length ? call.qs : undefined,
		body: call.body as IHttpRequestOptions['body'],
		json: !call.formData,
		returnFullResponse: false,
	};
	if (call.body === undefined) delete options.body;
	for (let attempt = 1; ; attempt++) {
		try {
			return await this.helpers.httpRequestWithAuthentication.call(this as IExecuteSingleFunctions, HALO_CREDENTIAL, { ...options, headers: { ...(options.headers ?? {}) } });
		} catch (error) {
			const failure = httpFailure(error);
			const wait = retryDelay(failure, attempt, call.idempotent);
			if (wait === undefined) {
				throw haloApiError(this.getNode(), failure, { method: call.method, path: call.path, subject: call.subject, itemIndex, attempts: attempt, idempotent: call.idempotent });
			}
			await sleep(wait);
		}
	}
}

/** A list answer in either shape Halo uses: a bare array, or `{record_count, <plural>: [...]}`. */
export function readList(body: unknown, resource: HaloResource): { records: IDataObject[]; total?: number } {
	const parsed = parseMaybeJson(body);
	if (Array.isArray(parsed)) return { records: parsed as IDataObject[] };
	if (parsed && typeof parsed === 'object') {
		const wrapper = parsed as IDataObject;
		const named = Object.keys(wrapper).find((k) => k.toLowerCase() === resource.plural.toLowerCase());
		const arrayKey = named ?? Object.keys(wrapper).find((k) => Array.isArray(wrapper[k]));
		const total = typeof wrapper.record_count === 'number' ? wrapper.record_count : undefined;
		if (arrayKey) return { records: wrapper[arrayKey] as IDataObject[], total };
		if (total === 0) return { records: [], total };
		return { records: [wrapper] };
	}
	return { records: [] };
}

/** Halo never returns `new_*` fields; an answer that echoes one must not carry it into n8n. */
export function withoutSecrets(record: IDataObject): IDataObject {
	// Most records carry no write-only field: hand them on as they are instead of copying 50,000 objects.
	let clean = true;
	for (const key in record) {
		if (isWriteOnlyField(key)) {
			clean = false;
			break;
		}
	}
	if (clean) return record;
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(record)) if (!isWriteOnlyField(key)) out[key] = value;
	return out;
}

function shapeRecords(this: IExecuteSingleFunctions, resource: HaloResource, records: IDataObject[]): INodeExecutionData[] {
	const simplify = resource.simplify && (this.getNodeParameter('simplify', false) as boolean);
	const itemIndex = this.getItemIndex();
	return records.map((record) => {
		let json = withoutSecrets(record ?? {});
		if (simplify) json = Object.fromEntries(resource.simplify!.filter((f) => f in json).map((f) => [f, json[f]]));
		return { json, pairedItem: { item: itemIndex } };
	});
}

function answerRecords(body: unknown): IDataObject[] {
	const parsed = parseMaybeJson(body);
	if (Array.isArray(parsed)) return parsed as IDataObject[];
	if (parsed && typeof parsed === 'object') return [parsed as IDataObject];
	return [];
}

function userError(this: IExecuteSingleFunctions, message: string, description: string, itemIndex = this.getItemIndex()) {
	return new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** The Halo record key the user picked (From list / By ID); must be a positive whole number. */
function recordKey(this: IExecuteSingleFunctions, parameter: string, label: string): number {
	const raw = this.getNodeParameter(parameter, undefined, { extractValue: true }) as unknown;
	const id = typeof raw === 'number' ? raw : Number(String(raw ?? '').trim());
	if (!Number.isInteger(id) || id <= 0) {
		throw userError.call(
			this,
			`${label} must be a positive whole number, got ${JSON.stringify(raw ?? '')} (item ${this.getItemIndex()})`,
			`Set "${label}" to the HaloPSA ID of the record, or pick it from the list.`,
		);
	}
	return id;
}

async function getAll(this: IExecuteSingleFunctions, base: IHttpRequestOptions, resource: HaloResource): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', 50) as number);
	if (!returnAll && (!Number.isInteger(limit) || limit < 1)) {
		throw userError.call(this, `Limit must be a whole number of at least 1, got ${limit} (item ${this.getItemIndex()})`, 'Set Limit to 1 or more, or turn on Return All.');
	}
	const options = (this.getNodeParameter('listOptions', {}) as IDataObject) ?? {};
	const pageSize = returnAll ? Number(options.pageSize ?? DEFAULT_PAGE_SIZE) : Math.min(limit, 1000);
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(options)) if (key !== 'pageSize' && value !== '' && value !== undefined) qs[key] = value;
	const records: IDataObject[] = [];
	for await (const page of haloPages.call(this, base, resource, qs, pageSize)) {
		records.push(...page);
		if (records.length >= limit) break;
	}
	return shapeRecords.call(this, resource, records.slice(0, limit));
}

/**
 * A Halo list, one page at a time (`pageinate`, `page_size`, 1-based `page_no`). Ends at a short page,
 * at `record_count`, or when a server that ignores paging answers the same first record again.
 */
export async function* haloPages(this: HaloContext, base: IHttpRequestOptions, resource: HaloResource, qs: IDataObject, pageSize: number): AsyncGenerator<IDataObject[]> {
	let collected = 0;
	let previousFirst: string | undefined;
	for (let page = 1; ; page++) {
		const body = await haloRequest.call(this, base, {
			method: 'GET',
			path: resource.path,
			qs: { ...qs, pageinate: true, page_size: pageSize, page_no: page },
			idempotent: true,
		});
		const { records, total } = readList(body, resource);
		const first = records.length ? JSON.stringify(records[0][resource.key] ?? records[0]) : undefined;
		if (page > 1 && first !== undefined && first === previousFirst) return;
		previousFirst = first;
		collected += records.length;
		yield records;
		if (records.length !== pageSize) return;
		if (total !== undefined && collected >= total) return;
	}
}

function recordInput(this: IExecuteSingleFunctions, resource: HaloResource): IDataObject {
	const itemIndex = this.getItemIndex();
	const mode = this.getNodeParameter('inputMode', 'fields') as string;
	let record: IDataObject;
	if (mode === 'json') {
		const raw = this.getNodeParameter('recordJson', '{}') as unknown;
		if (typeof raw === 'string') {
			try {
				record = JSON.parse(raw || '{}');
			} catch (error) {
				throw userError.call(this, `Record (JSON) is not valid JSON in item ${itemIndex}: ${(error as Error).message}`, 'Fix the JSON in "Record (JSON)", for example {"name": "Main"}.');
			}
		} else {
			record = raw as IDataObject;
		}
	} else {
		record = { ...((this.getNodeParameter('fields', {}) as IDataObject) ?? {}) };
		for (const [name, type] of resource.fields) {
			if ((type === 'array' || type === 'object') && typeof record[name] === 'string') {
				try {
					record[name] = JSON.parse(record[name] as string);
				} catch {
					throw userError.call(this, `Field "${name}" is not valid JSON in item ${itemIndex}`, `Enter ${type === 'array' ? 'a JSON array such as [] ' : 'a JSON object such as {} '}in "${name}".`);
				}
			}
		}
	}
	const problems = recordProblems(resource, record);
	if (problems) {
		throw userError.call(this, `Invalid ${resource.displayName} in item ${itemIndex}: ${problems}`, 'Correct the named fields; nothing was sent to HaloPSA.');
	}
	const recordId = this.getNodeParameter('updateId', 0) as number;
	if (recordId) record[resource.key] = recordId;
	return record;
}

async function upsert(this: IExecuteSingleFunctions, base: IHttpRequestOptions, resource: HaloResource, record: IDataObject) {
	const isUpdate = record[resource.key] !== undefined && record[resource.key] !== null && record[resource.key] !== 0;
	const body = await haloRequest.call(this, base, {
		method: 'POST',
		path: resource.path,
		body: [record],
		idempotent: isUpdate,
		subject: isUpdate ? `${resource.displayName} ${record[resource.key]}` : undefined,
	});
	const saved = answerRecords(body);
	return shapeRecords.call(this, resource, saved.length ? saved : [{ ...record, success: true }]);
}

/** Where bulk manage takes its records from: each input item is one record, or each item holds a list. */
function bulkRecords(this: IExecuteSingleFunctions, resource: HaloResource, items: INodeExecutionData[]): Array<{ record: IDataObject; item: number }> {
	const sources: Array<{ record: IDataObject; item: number; label: string }> = [];
	if ((this.getNodeParameter('recordsFrom', 'items') as string) === 'field') {
		const field = String(this.getNodeParameter('recordsField', 'records')).trim();
		items.forEach((item, index) => {
			const list = (item.json ?? {})[field];
			if (!Array.isArray(list)) {
				throw userError.call(this, `Item ${index} has no list of records in the field "${field}"`, 'Set "Field Holding the Records" to a field that holds an array of records, or choose "Each Input Item" under Records From; no chunk was sent to HaloPSA.', index);
			}
			list.forEach((record, n) => sources.push({ record: { ...((record ?? {}) as IDataObject) }, item: index, label: `item ${index}, record ${n}` }));
		});
	} else {
		items.forEach((item, index) => sources.push({ record: { ...(item.json ?? {}) }, item: index, label: `item ${index}` }));
	}
	for (const source of sources) {
		const problems = recordProblems(resource, source.record);
		if (problems) throw userError.call(this, `Invalid ${resource.displayName} in ${source.label}: ${problems}`, 'Correct the input; no chunk was sent to HaloPSA.', source.item);
	}
	return sources;
}

/** Item 0 sends every record of every input item, chunked; the other items add nothing (their records are in item 0's chunks). */
async function bulkManage(this: IExecuteSingleFunctions, base: IHttpRequestOptions, resource: HaloResource, path: string): Promise<INodeExecutionData[]> {
	if (this.getItemIndex() !== 0) return [];
	const chunkSize = this.getNodeParameter('chunkSize', 100) as number;
	if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1000) {
		throw userError.call(this, `Chunk Size must be a whole number from 1 to 1000, got ${chunkSize}`, 'Set Chunk Size to the number of records per request (Halo handles 100 well).');
	}
	const sources = bulkRecords.call(this, resource, this.getWorkflowDataProxy(0).$input.all() as INodeExecutionData[]);
	const unit = (this.getNodeParameter('recordsFrom', 'items') as string) === 'field' ? 'records' : 'items';
	const chunks = Math.ceil(sources.length / chunkSize);
	const reports: INodeExecutionData[] = [];
	for (let chunk = 0; chunk < chunks; chunk++) {
		const from = chunk * chunkSize;
		const slice = sources.slice(from, from + chunkSize);
		const batch = slice.map((s) => s.record);
		const to = from + batch.length - 1;
		const pairedItem = [...new Set(slice.map((s) => s.item))].map((item) => ({ item }));
		try {
			const body = await haloRequest.call(this, base, { method: 'POST', path, body: batch, idempotent: batch.every((r) => !!r[resource.key]) });
			reports.push({ json: { chunk: chunk + 1, chunks, firstItem: from, lastItem: to, sent: batch.length, saved: answerRecords(body).length || batch.length, success: true }, pairedItem });
		} catch (error) {
			const message = `Chunk ${chunk + 1} of ${chunks} (${unit} ${from}-${to}) failed: ${(error as Error).message}`;
			if (this.continueOnFail()) {
				reports.push({ json: { chunk: chunk + 1, chunks, firstItem: from, lastItem: to, sent: batch.length, success: false, error: message }, pairedItem });
				continue;
			}
			const before = chunk === 0 ? 'No earlier chunk was saved.' : `Chunks 1-${chunk} (${unit} 0-${from - 1}) were saved.`;
			// A 5xx or a lost answer may hide a saved chunk; a 4xx (or a refused 429) did not save it.
			const httpCode = Number((error as { httpCode?: string }).httpCode);
			const unsure = !(httpCode >= 400 && httpCode < 500);
			const next = unsure
				? `Chunk ${chunk + 1} was sent once and may have been saved before the failure: check ${unit} ${from}-${to} in HaloPSA (Get Many) before sending them again, then send ${unit} ${to + 1} onwards.`
				: `Send ${unit} ${from} onwards again.`;
			throw new NodeOperationError(this.getNode(), message, { itemIndex: slice[0].item, description: `${before} ${next}` });
		}
	}
	return reports;
}

async function formAuth(this: IExecuteSingleFunctions, base: IHttpRequestOptions, resource: HaloResource, path: string) {
	const pairs = ((this.getNodeParameter('authPairs', {}) as IDataObject).pair as IDataObject[] | undefined) ?? [];
	if (!pairs.length) {
		throw userError.call(this, `Key/Value Pairs are empty in item ${this.getItemIndex()}`, 'Add the OAuth handshake values Adobe Commerce gave you (for example oauth_consumer_key).');
	}
	const form = new FormData();
	pairs.forEach((pair, index) => {
		if (!pair.key) throw userError.call(this, `Key/Value pair ${index + 1} has no key (item ${this.getItemIndex()})`, 'Give every pair a key.');
		form.append(`obj[${index}].key`, String(pair.key));
		form.append(`obj[${index}].value`, String(pair.value ?? ''));
	});
	const body = await haloRequest.call(this, base, { method: 'POST', path, body: form, formData: true, idempotent: false });
	const records = answerRecords(body);
	return shapeRecords.call(this, resource, records.length ? records : [{ success: true }]);
}

/** Runs every operation of the HaloPSA node: wired in as the routing "pagination" function, so paging, chunking and errors live here once. */
export async function runHaloOperation(this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
	const base = { ...requestData.options, url: requestData.options.url ?? '', timeout: requestTimeoutMs.call(this) } as IHttpRequestOptions;
	const resource = findResource(this.getNodeParameter('resource') as string);
	const operation = this.getNodeParameter('operation') as string;
	const label = resource.displayName;
	switch (operation) {
		case 'getAll':
			return await getAll.call(this, base, resource);
		case 'get': {
			const id = recordKey.call(this, 'recordId', `${label} ID`);
			const qs: IDataObject = {};
			if (resource.getQuery?.includes('includedetails')) qs.includedetails = this.getNodeParameter('includeDetails', false);
			const body = await haloRequest.call(this, base, { method: 'GET', path: `${resource.path}/${id}`, qs, idempotent: true, subject: `${label} ${id}` });
			return shapeRecords.call(this, resource, answerRecords(body));
		}
		case 'upsert':
			return await upsert.call(this, base, resource, recordInput.call(this, resource));
		case 'delete': {
			const id = recordKey.call(this, 'recordId', `${label} ID`);
			await haloRequest.call(this, base, { method: 'DELETE', path: `${resource.path}/${id}`, idempotent: true, subject: `${label} ${id}` });
			return [{ json: { deleted: true, id }, pairedItem: { item: this.getItemIndex() } }];
		}
		case 'linkToTicket': {
			const id = recordKey.call(this, 'recordId', `${label} ID`);
			const ticketId = recordKey.call(this, 'ticketId', 'Ticket ID');
			return await upsert.call(this, base, resource, { [resource.key]: id, ticket_id: ticketId });
		}
		case 'unlinkFromTicket': {
			const id = recordKey.call(this, 'recordId', `${label} ID`);
			return await upsert.call(this, base, resource, { [resource.key]: id, _unlink_from_ticket: true });
		}
	}
	const extra = resource.extra?.find((e) => e.value === operation);
	if (!extra) throw userError.call(this, `Unknown operation "${operation}" for ${label}`, 'Pick an operation from the list.');
	switch (extra.kind) {
		case 'read': {
			const params = ((this.getNodeParameter('queryParameters', {}) as IDataObject).parameter as IDataObject[] | undefined) ?? [];
			const qs = Object.fromEntries(params.filter((p) => p.name).map((p) => [String(p.name), p.value as string]));
			const body = await haloRequest.call(this, base, { method: 'GET', path: extra.path, qs, idempotent: true });
			const records = answerRecords(body);
			return shapeRecords.call(this, resource, records);
		}
		case 'bulkManage':
			return await bulkManage.call(this, base, resource, extra.path);
		case 'deleteByParent': {
			const parentId = recordKey.call(this, 'parentId', 'Parent ID');
			await haloRequest.call(this, base, { method: 'DELETE', path: `${extra.path}/${parentId}`, idempotent: true, subject: `${label} parent ${parentId}` });
			return [{ json: { deleted: true, parentId }, pairedItem: { item: this.getItemIndex() } }];
		}
		case 'formAuth':
			return await formAuth.call(this, base, resource, extra.path);
		default:
			throw userError.call(this, `Operation "${operation}" is not supported`, 'Pick an operation from the list.');
	}
}
