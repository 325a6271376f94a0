/**
 * One measured run, in a process of its own so its peak RSS is its own: the node through n8n-core's
 * execution engine, or a plain `fetch` loop doing the same work against the same sandbox. Prints one JSON
 * line: {ms, maxRssMb, ...}.
 */
import { OutboundHttp } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { CredentialStore, runNode } from '../test/harness/inProcess';

const [scenario, url, sizeArg, countArg] = process.argv.slice(2);
const size = Number(sizeArg);
const CREDENTIAL = { clientId: 'sandbox-client', clientSecret: 'sandbox-secret', tenant: 'acme' };

async function rawToken(): Promise<string> {
	const response = await fetch(`${url}/auth/token?tenant=acme`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_id: CREDENTIAL.clientId,
			client_secret: CREDENTIAL.clientSecret,
			scope: 'all',
		}),
	});
	return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * The floor a node cannot go under: the same loop as the raw one, each request sent by n8n's own HTTP helper
 * (what `httpRequestWithAuthentication` hands a request to once it has added the credential), token set by hand.
 */
async function viaN8n(options: IHttpRequestOptions): Promise<unknown> {
	return await Container.get(OutboundHttp)
		.requests()
		.request({ json: true, ...options });
}

/**
 * The baselines' requests: `raw…` scenarios send them with fetch (one kept-alive connection), `helper…`
 * scenarios the same requests with n8n's helper. A GET answers its parsed body (undefined when refused);
 * a POST's answer is read, not parsed, as a raw client that only checks it was sent would.
 */
async function baselineSender() {
	const token = await rawToken();
	const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
	if (scenario.startsWith('helper')) {
		return {
			get: async (path: string) => await viaN8n({ url: `${url}/api${path}`, headers }),
			post: async (path: string, body: unknown) =>
				await viaN8n({
					method: 'POST',
					url: `${url}/api${path}`,
					headers,
					body: body as IDataObject[],
				}),
		};
	}
	return {
		get: async (path: string) => {
			const response = await fetch(`${url}/api${path}`, { headers });
			return response.ok ? await response.json() : undefined;
		},
		post: async (path: string, body: unknown) => {
			const response = await fetch(`${url}/api${path}`, {
				method: 'POST',
				headers: { ...headers, 'Content-Type': 'application/json' },
				body: JSON.stringify(body),
			});
			return await response.text();
		},
	};
}

function store() {
	const credentials = new CredentialStore();
	// No request window here: the sandbox enforces none and the figures measure the node's own cost.
	const credential = credentials.add('bench', 'haloPsaMarketplaceOAuth2Api', {
		hostingType: 'hosted',
		resourceServerUrl: url,
		authServerUrl: `${url}/auth`,
		...CREDENTIAL,
		scope: 'all',
		requestsPerWindow: 0,
	} as never);
	return { credentials, ref: { haloPsaMarketplaceOAuth2Api: credential } };
}

const consumption = (n: number) => ({
	parentid: 1 + (n % 3),
	customername: `Customer ${n % 50}`,
	productname: 'Microsoft 365 E3',
	skuname: 'E3',
	quantity: 1 + (n % 9),
	unitprice: 20.5,
	total: 20.5 * (1 + (n % 9)),
	billingcurrency: 'USD',
});

/**
 * One small call before the clock starts, on both sides: modules that load on first use (fetch's undici;
 * n8n-core's expression and date libraries) load once per process, as in a running n8n, and are not
 * what a Return All of 50,000 records costs.
 */
async function warmUp() {
	if (scenario === 'tokens') return; // P2 counts the token requests of one credential from the start
	if (scenario.startsWith('raw') || scenario.startsWith('helper')) {
		await (await baselineSender()).get('/CSPConsumptionData?pageinate=true&page_size=1&page_no=1');
		return;
	}
	const { credentials, ref } = store();
	await runNode({
		parameters: {
			resource: 'cspConsumptionData',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			simplify: false,
		},
		credentials: ref,
		store: credentials,
	});
}

async function main() {
	await warmUp();
	const started = performance.now();
	let extra: IDataObject = {};
	switch (scenario) {
		case 'rawList':
		case 'helperList': {
			const send = await baselineSender();
			const records: unknown[] = [];
			for (let page = 1; ; page++) {
				const body = (await send.get(
					`/CSPConsumptionData?pageinate=true&page_size=${size}&page_no=${page}`,
				)) as { record_count: number; cspconsumptiondata: unknown[] };
				records.push(...body.cspconsumptiondata);
				if (body.cspconsumptiondata.length < size || records.length >= body.record_count) break;
			}
			extra = { records: records.length };
			break;
		}
		case 'nodeList': {
			const { credentials, ref } = store();
			const result = await runNode({
				parameters: {
					resource: 'cspConsumptionData',
					operation: 'getAll',
					returnAll: true,
					simplify: false,
					listOptions: { pageSize: size },
				},
				credentials: ref,
				store: credentials,
			});
			if (result.error) throw result.error;
			extra = { records: result.items.length };
			break;
		}
		case 'rawBulk':
		case 'helperBulk': {
			const send = await baselineSender();
			const count = Number(countArg);
			for (let from = 0; from < count; from += size) {
				await send.post(
					'/CSPConsumptionData/manage',
					Array.from({ length: Math.min(size, count - from) }, (_, i) => consumption(from + i)),
				);
			}
			extra = { records: count };
			break;
		}
		case 'nodeBulk': {
			const { credentials, ref } = store();
			const count = Number(countArg);
			const input = Array.from({ length: count }, (_, i) => consumption(i));
			const result = await runNode({
				parameters: { resource: 'cspConsumptionData', operation: 'bulkManage', chunkSize: size },
				credentials: ref,
				store: credentials,
				input,
			});
			if (result.error) throw result.error;
			extra = { chunks: result.items.length };
			break;
		}
		case 'nodeBulkList': {
			// The same records as one input item holding the list: n8n's per-item work runs once.
			const { credentials, ref } = store();
			const count = Number(countArg);
			const input = [{ records: Array.from({ length: count }, (_, i) => consumption(i)) }];
			const result = await runNode({
				parameters: {
					resource: 'cspConsumptionData',
					operation: 'bulkManage',
					chunkSize: size,
					recordsFrom: 'field',
					recordsField: 'records',
				},
				credentials: ref,
				store: credentials,
				input,
			});
			if (result.error) throw result.error;
			extra = { chunks: result.items.length };
			break;
		}
		case 'rawGets':
		case 'helperGets': {
			// P6's baselines: the same GETs by id, sent as the node sends them with its default Items in
			// Parallel (4): the first alone, then 4 at a time, each group awaited before the next.
			const send = await baselineSender();
			let ok = 0;
			for (let first = 0; first < size; first = first === 0 ? 1 : first + 4) {
				const group = Array.from(
					{ length: first === 0 ? 1 : Math.min(4, size - first) },
					(_, offset) => first + offset,
				);
				const answers = await Promise.all(
					group.map((n) => send.get(`/EcommerceOrder/${(n % 1000) + 1}`)),
				);
				ok += answers.filter(Boolean).length;
			}
			extra = { records: ok };
			break;
		}
		case 'nodeGets':
		case 'nodeGetsFixed': {
			// P6 in-process: the node's Gets (Items in Parallel 4, its default) through n8n-core's execution
			// engine; the ID an expression per item, or (Fixed) one ID for all, which leaves out n8n's
			// evaluation of an expression per item.
			const { credentials, ref } = store();
			const input = Array.from({ length: size }, (_, i) => ({ id: (i % 1000) + 1 }));
			const result = await runNode({
				parameters: {
					resource: 'ecommerceOrder',
					operation: 'get',
					simplify: false,
					recordId:
						scenario === 'nodeGetsFixed'
							? { __rl: true, mode: 'id', value: '7' }
							: '={{ { __rl: true, mode: "id", value: String($json.id) } }}',
				},
				credentials: ref,
				store: credentials,
				input,
			});
			if (result.error) throw result.error;
			extra = { records: result.items.filter((i) => i.json.id).length };
			break;
		}
		case 'tokens': {
			const { credentials, ref } = store();
			const executions = Number(countArg);
			const input = Array.from({ length: size }, (_, i) => ({ id: (i % 25) + 1 }));
			for (let e = 0; e < executions; e++) {
				const result = await runNode({
					parameters: {
						resource: 'ecommerceOrder',
						operation: 'get',
						simplify: true,
						recordId: '={{ { __rl: true, mode: "id", value: String($json.id) } }}',
					},
					credentials: ref,
					store: credentials,
					input,
				});
				if (result.error) throw result.error;
			}
			extra = { calls: executions * size };
			break;
		}
		default:
			throw new Error(`unknown scenario ${scenario}`);
	}
	const ms = performance.now() - started;
	process.stdout.write(
		`${JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, ...extra })}\n`,
	);
}

main().catch((error) => {
	process.stderr.write(`${(error as Error).stack ?? error}\n`);
	process.exit(1);
});
