/** The shared pager against well-behaved and misbehaving lists, with no HTTP: a list is a function of the page asked for. */
import type { IDataObject } from 'n8n-workflow';
import { walkPages, type Page, type PageRequest } from '../../nodes/shared/transport/pagers';

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
const problem = (reason: string) => new Error(reason);

async function collect(
	fetchPage: (r: PageRequest) => Promise<Page>,
	pageSize: number,
	style: 'pageNumber' | 'offset',
	extra: { maxPages?: number; maxRecords?: number } = {},
) {
	const asked: PageRequest[] = [];
	const out: IDataObject[] = [];
	for await (const page of walkPages(async (r) => (asked.push(r), await fetchPage(r)), {
		pageSize,
		style,
		keyOf: (r) => String(r.id),
		problem,
		...extra,
	}))
		out.push(...page);
	return { out, asked };
}

const paged =
	(all: IDataObject[], { total = true, cap = Infinity } = {}) =>
	async ({ pageNo, offset, size }: PageRequest, style: 'pageNumber' | 'offset') => {
		const n = Math.min(size, cap);
		const start = style === 'offset' ? offset : (pageNo - 1) * n;
		return { records: all.slice(start, start + n), total: total ? all.length : undefined };
	};

describe.each(['pageNumber', 'offset'] as const)('%s paging', (style) => {
	test('reads every record once, to the total', async () => {
		const { out, asked } = await collect((r) => paged(records(25))(r, style), 10, style);
		expect(out.map((r) => r.id)).toEqual(records(25).map((r) => r.id));
		expect(asked).toHaveLength(3);
	});
	test('without a total, a short page ends the list', async () => {
		const { out } = await collect((r) => paged(records(25), { total: false })(r, style), 10, style);
		expect(out).toHaveLength(25);
	});
	test('a server that caps the page size below what was asked: every record, in its page size', async () => {
		const { out } = await collect((r) => paged(records(250), { cap: 100 })(r, style), 500, style);
		expect(new Set(out.map((r) => r.id)).size).toBe(250);
	});
	test('a server that ignores the paging parameters and reports a total: an error, not an endless loop', async () => {
		await expect(
			collect(async () => ({ records: records(10), total: 25 }), 10, style),
		).rejects.toThrow(/ignores the paging parameters/);
	});
	test('a server that ignores paging and reports no total: the records it gave, once', async () => {
		const { out, asked } = await collect(async () => ({ records: records(10) }), 10, style);
		expect(out).toHaveLength(10);
		expect(asked).toHaveLength(2);
	});
	test('caps on pages and records end the walk with an error', async () => {
		const endless = async ({ offset, pageNo }: PageRequest) => ({
			records: [{ id: `${style === 'offset' ? offset : pageNo}` }],
		});
		await expect(collect(endless, 1, style, { maxPages: 50 })).rejects.toThrow(
			/stopped after 50 pages/,
		);
		await expect(collect(endless, 1, style, { maxRecords: 20 })).rejects.toThrow(
			/stopped at 20 records/,
		);
	});
});
