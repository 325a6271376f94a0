/** The HighLevel webhook trigger served over HTTP through n8n-core's WebhookContext, fed by the sandbox's signed deliveries. */
import { CredentialStore } from '../harness/inProcess';
import { WebhookRunner } from '../harness/webhookRunner';
import { HighLevelSandbox } from '../sandbox/highLevelSandbox';
import { recordCell } from './reliabilityReport';
import {
	HIGHLEVEL_ED25519_PUBLIC_KEY,
	HIGHLEVEL_RSA_PUBLIC_KEY,
	MAX_REMEMBERED,
} from '../../nodes/HighLevelPaymentsTrigger/webhookSignature';

const TYPE = 'n8n-nodes-halopsa-marketplace.highLevelPaymentsTrigger';

let hl: HighLevelSandbox;
let hook: WebhookRunner;

async function serve(parameters: Record<string, unknown> = {}) {
	const keys = hl.publicKeys();
	hook = new WebhookRunner({
		type: TYPE,
		store: new CredentialStore(),
		parameters: {
			events: ['OrderCreate', 'OrderStatusUpdate', 'InvoicePaid', 'InvoicePartiallyPaid'],
			options: { ed25519PublicKey: keys.ed25519, rsaPublicKey: keys.rsa },
			...parameters,
		},
	});
	await hook.start();
}

beforeEach(async () => {
	hl = new HighLevelSandbox();
	await hl.start();
});
afterEach(async () => {
	await hook?.stop();
	await hl.stop();
});

const order = () => ({ ...hl.orders.get(hl.orderId(3))! });
const keysOf = () => {
	const keys = hl.publicKeys();
	return { ed25519PublicKey: keys.ed25519, rsaPublicKey: keys.rsa };
};

test('activation registers nothing remotely and keeps the URL to paste into the app', async () => {
	await serve();
	const stored = await hook.activate();
	expect(stored['node:Hook']).toEqual({ webhookUrl: hook.url });
	expect(hl.requests).toHaveLength(0);
});

test.each([
	['Ed25519 (x-ghl-signature)', 'ed25519'],
	['RSA (x-wh-signature)', 'rsa'],
	['both headers', 'both'],
] as const)(
	'a valid delivery signed with %s starts one execution with the event and its type',
	async (_name, scheme) => {
		await serve();
		const delivered = await hl.deliverWebhook(hook.url, 'OrderCreate', order(), { scheme });
		expect(delivered.status).toBe(200);
		expect(hook.executions).toEqual([
			[
				expect.objectContaining({
					event: 'OrderCreate',
					type: 'OrderCreate',
					_id: hl.orderId(3),
					locationId: 'loc-sandbox',
					webhookId: delivered.webhookId,
				}),
			],
		]);
	},
);

test.each([
	['forged (another key)', { forged: true }, /x-ghl-signature does not match/],
	['forged RSA', { forged: true, scheme: 'rsa' as const }, /x-wh-signature does not match/],
	['tampered after signing', { tampered: true }, /does not match the body/],
	['unsigned', { scheme: 'none' as const }, /no x-ghl-signature or x-wh-signature header/],
	['stale (10 minutes old)', { staleMinutes: 10 }, /is more than 5 minutes from now/],
])('refused with 401 and no execution: %s', async (_name, how, reason) => {
	await serve();
	const delivered = await hl.deliverWebhook(
		hook.url,
		'OrderStatusUpdate',
		{ ...order(), status: 'completed' },
		how,
	);
	expect(delivered.status).toBe(401);
	expect(JSON.parse(delivered.body).reason).toMatch(reason);
	expect(hook.executions).toHaveLength(0);
	recordCell(
		'Webhooks',
		'HighLevel Payments Trigger',
		_name,
		`401, no execution: ${JSON.parse(delivered.body).reason}`,
	);
});

test('a stored delivery memory in another shape is set aside: deliveries still start executions, and a replay this process saw is still refused', async () => {
	await serve();
	hook.saved = JSON.stringify({ 'node:Hook': { seenWebhookIds: { damaged: true } } });
	const first = await hl.deliverWebhook(hook.url, 'OrderCreate', order());
	expect(first.status).toBe(200);
	expect(hook.executions).toHaveLength(1);
	expect((await first.resend()).status).toBe(401);
	expect(hook.executions).toHaveLength(1);
	expect(JSON.parse(hook.saved)['node:Hook'].seenWebhookIds).toContainEqual([
		first.webhookId,
		expect.any(Number),
	]);
});

test('a replayed webhookId is refused; the ids are kept in static data too', async () => {
	await serve();
	const first = await hl.deliverWebhook(hook.url, 'InvoicePaid', {
		_id: 'inv_1',
		status: 'paid',
		amountPaid: 120,
	});
	expect(first.status).toBe(200);
	const replay = await hl.deliverWebhook(
		hook.url,
		'InvoicePaid',
		{ _id: 'inv_1', status: 'paid', amountPaid: 120 },
		{ webhookId: first.webhookId },
	);
	expect(replay.status).toBe(401);
	expect(JSON.parse(replay.body).reason).toBe(`webhookId ${first.webhookId} was already received`);
	expect(hook.executions).toHaveLength(1);
	expect(JSON.parse(hook.saved)['node:Hook'].seenWebhookIds).toContainEqual([
		first.webhookId,
		expect.any(Number),
	]);
	recordCell(
		'Webhooks',
		'HighLevel Payments Trigger',
		'replayed (same webhookId)',
		`401, no execution: ${JSON.parse(replay.body).reason}`,
	);
});

test("HighLevel's own published keys are the defaults: a sandbox-signed delivery fails against them", async () => {
	hook = new WebhookRunner({
		type: TYPE,
		store: new CredentialStore(),
		parameters: { events: ['OrderCreate'] },
	});
	await hook.start();
	const delivered = await hl.deliverWebhook(hook.url, 'OrderCreate', order());
	expect(delivered.status).toBe(401);
	expect(HIGHLEVEL_ED25519_PUBLIC_KEY).toContain('MCowBQYDK2VwAyEA');
	expect(HIGHLEVEL_RSA_PUBLIC_KEY).toContain('-----BEGIN PUBLIC KEY-----');
});

test('authentic events that are not selected, or of another location, are acknowledged without an execution', async () => {
	await serve({ events: ['InvoicePaid'], locationIds: 'loc-other, loc-sandbox-2' });
	const notSelected = await hl.deliverWebhook(hook.url, 'OrderCreate', order());
	expect(notSelected.status).toBe(200);
	expect(JSON.parse(notSelected.body)).toEqual({
		accepted: true,
		ignored: 'event OrderCreate is not selected',
	});
	const otherLocation = await hl.deliverWebhook(hook.url, 'InvoicePaid', { _id: 'inv_2' });
	expect(JSON.parse(otherLocation.body)).toEqual({
		accepted: true,
		ignored: 'location loc-sandbox is not selected',
	});
	expect(hook.executions).toHaveLength(0);
});

test('a key pasted with literal \\n line breaks still works', async () => {
	const keys = hl.publicKeys();
	hook = new WebhookRunner({
		type: TYPE,
		store: new CredentialStore(),
		parameters: {
			events: ['InvoicePartiallyPaid'],
			options: { ed25519PublicKey: keys.ed25519.trim().replace(/\n/g, '\\n') },
		},
	});
	await hook.start();
	expect(
		(await hl.deliverWebhook(hook.url, 'InvoicePartiallyPaid', { _id: 'inv_3', amountPaid: 10 }))
			.status,
	).toBe(200);
	expect(hook.executions).toHaveLength(1);
});

describe('invoice events as HighLevel documents them: no type, no locationId, altId', () => {
	test.each([
		['paid', 'InvoicePaid'],
		['partially_paid', 'InvoicePartiallyPaid'],
	])('an untyped invoice with status %s starts one execution named %s', async (status, event) => {
		await serve();
		const delivered = await hl.deliverWebhook(hook.url, event, {
			_id: 'inv_doc',
			status,
			invoiceNumber: '1042',
			amountPaid: 50,
		});
		expect(delivered.status).toBe(200);
		expect(hook.executions).toEqual([
			[
				expect.objectContaining({
					event,
					eventFrom: 'status',
					altId: 'loc-sandbox',
					invoiceNumber: '1042',
				}),
			],
		]);
	});

	test('an untyped invoice whose status does not tell the event still starts the invoice workflow, marked as such', async () => {
		await serve({ events: ['InvoicePaid'] });
		const delivered = await hl.deliverWebhook(hook.url, 'InvoiceUpdate', {
			_id: 'inv_doc2',
			status: 'payment_processing',
		});
		expect(delivered.status).toBe(200);
		expect(hook.executions).toEqual([
			[expect.objectContaining({ event: 'Invoice', eventFrom: 'unknown' })],
		]);
	});

	test("InvoiceDelete's documented payload (status delete) is recognised", async () => {
		await serve({ events: ['InvoiceDelete'] });
		await hl.deliverWebhook(hook.url, 'InvoiceDelete', { _id: 'inv_del', status: 'delete' });
		expect(hook.executions).toEqual([
			[expect.objectContaining({ event: 'InvoiceDelete', eventFrom: 'status' })],
		]);
	});

	test('a draft invoice is InvoiceCreate or InvoiceUpdate: it starts a workflow that selected either, not one that selected only payments', async () => {
		await serve({ events: ['InvoicePaid'] });
		const ignored = await hl.deliverWebhook(hook.url, 'InvoiceCreate', {
			_id: 'inv_draft',
			status: 'draft',
		});
		expect(JSON.parse(ignored.body).accepted).toBe(true);
		expect(hook.executions).toHaveLength(0);
		await hook.stop();
		await serve({ events: ['InvoiceUpdate'] });
		await hl.deliverWebhook(hook.url, 'InvoiceCreate', { _id: 'inv_draft2', status: 'draft' });
		expect(hook.executions).toEqual([
			[
				expect.objectContaining({
					event: 'Invoice',
					eventFrom: 'status',
					possibleEvents: ['InvoiceCreate', 'InvoiceUpdate'],
				}),
			],
		]);
	});

	test('a workflow that selected only order events acknowledges an untyped invoice and starts nothing', async () => {
		await serve({ events: ['OrderCreate'] });
		const delivered = await hl.deliverWebhook(hook.url, 'InvoicePaid', {
			_id: 'inv_doc3',
			status: 'paid',
		});
		expect(delivered.status).toBe(200);
		expect(JSON.parse(delivered.body).ignored).toMatch(/InvoicePaid is not selected/);
		expect(hook.executions).toHaveLength(0);
	});

	test('typed invoice deliveries (as some apps send them) keep working', async () => {
		await serve();
		const delivered = await hl.deliverWebhook(
			hook.url,
			'InvoicePaid',
			{ _id: 'inv_typed', status: 'paid' },
			{ typed: true },
		);
		expect(delivered.status).toBe(200);
		expect(hook.executions).toEqual([
			[expect.objectContaining({ event: 'InvoicePaid', eventFrom: 'type' })],
		]);
	});
});

describe("HighLevel's retries: only a 429 is sent again", () => {
	test('a delivery answered 429 (replay memory full) arrives again after the age and starts exactly one execution; a replay of it is refused for good', async () => {
		await serve({ events: ['OrderCreate'], options: { ...keysOf(), maxAgeMinutes: 1 } });
		// The memory holds as many ids as it may, all received 118.5 s ago: they leave it 1.5 s from now.
		const receivedAt = Date.now() - 2 * 60_000 + 1_500;
		const full = Array.from({ length: MAX_REMEMBERED }, (_, i) => [`held-${i}`, receivedAt]);
		hook.saved = JSON.stringify({ 'node:Hook': { seenWebhookIds: full } });
		// Sent 59 s ago: its retry 2 s later is older than the trigger's Maximum Age of 1 minute.
		const delivered = await hl.deliverWebhook(hook.url, 'OrderCreate', order(), {
			staleMinutes: 59 / 60,
			retryEveryMs: 2_000,
		});
		expect(delivered.answers.map((a) => a.status)).toEqual([429, 200]);
		expect(JSON.parse(delivered.answers[0].body).reason).toMatch(/answered 429/);
		expect(hook.executions).toHaveLength(1);
		expect(hook.executions[0][0]).toMatchObject({ webhookId: delivered.webhookId });
		const replayed = await delivered.resend();
		expect(replayed.status).toBe(401);
		expect(hook.executions).toHaveLength(1);
		recordCell(
			'Webhooks',
			'A delivery answered 429 because the replay memory is full; HighLevel retries it after the Maximum Age',
			'the retry, then a replay of it',
			'the retry starts exactly one execution; the replay is refused (401, final)',
		);
	});

	test('a forged delivery and a stale one are answered with final refusals (401), never 429', async () => {
		await serve({ events: ['OrderCreate'] });
		const forged = await hl.deliverWebhook(hook.url, 'OrderCreate', order(), {
			forged: true,
			retryEveryMs: 10,
		});
		const stale = await hl.deliverWebhook(hook.url, 'OrderCreate', order(), {
			staleMinutes: 30,
			retryEveryMs: 10,
		});
		expect(forged.answers.map((a) => a.status)).toEqual([401]);
		expect(stale.answers.map((a) => a.status)).toEqual([401]);
		expect(hook.executions).toHaveLength(0);
	});
});
