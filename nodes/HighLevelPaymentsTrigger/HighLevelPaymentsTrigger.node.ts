import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import {
	HIGHLEVEL_ED25519_PUBLIC_KEY,
	HIGHLEVEL_RSA_PUBLIC_KEY,
	MAX_AGE_LIMIT_MINUTES,
	mergeSeen,
	replayRejection,
	signatureRejection,
	type DeferredDeliveries,
	type SeenIds,
} from './webhookSignature';

/**
 * Delivery ids with the time they were seen, as stored; anything else stored there is not trusted.
 */
const isSeenList = (value: unknown): value is SeenIds =>
	Array.isArray(value) &&
	value.every(
		(entry) => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number',
	);

/** Deliveries answered 429 as stored; anything else stored there is not trusted. */
const isDeferredList = (value: unknown): value is DeferredDeliveries =>
	Array.isArray(value) &&
	value.every(
		(entry) =>
			Array.isArray(entry) &&
			typeof entry[0] === 'string' &&
			typeof entry[1] === 'string' &&
			typeof entry[2] === 'number',
	);
import { deliveryEvent, isWanted, WEBHOOK_EVENTS } from './webhookEvents';
import { versionAtLeast } from '../shared/contextNode';
import { byName } from '../shared/wording';

/**
 * Webhook ids this process received, by workflow and node. n8n 2.41 does not persist a webhook
 * node's static data when the call starts an execution, so the ids of accepted deliveries are not
 * kept there; this memory catches a replay that reaches the same process, static data the ids of
 * deliveries that started nothing. The timestamp rule bounds what either has to remember.
 */
const recentInProcess = new Map<string, SeenIds>();

/**
 * HighLevel's order and invoice webhooks. They belong to a marketplace app (its settings hold one
 * URL) and cannot be registered per workflow through the API, so the node shows its URL to paste
 * there and its create/delete steps only keep n8n's lifecycle. Every delivery is checked before it
 * can start an execution: signature, age, and replay; a failed check answers 401.
 */
export class HighLevelPaymentsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HighLevel Payments Trigger',
		name: 'highLevelPaymentsTrigger',
		icon: { light: 'file:highlevel.svg', dark: 'file:highlevel.dark.svg' },
		group: ['trigger'],
		// Version 2 asks which locations to accept (HighLevel signs every app's deliveries with one
		// key, so a valid signature does not say the delivery is meant for this workflow); version 1
		// keeps accepting every location when Location IDs is empty, so saved workflows behave as
		// before.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts a workflow on HighLevel order and invoice webhooks (signed, checked for age and ' +
			'replay)',
		defaults: { name: 'HighLevel Payments Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'highlevel-payments',
			},
		],
		properties: [
			{
				displayName:
					'HighLevel sends webhooks to the one URL set in your marketplace app (Advanced ' +
					"Settings > Webhooks). For use, paste this node's Production URL there and publish the " +
					'workflow. To test first, paste the Test URL instead (or use a second, test app that ' +
					'keeps the Test URL), click Listen for Test Event and place a test order; switch the ' +
					'app back to the Production URL afterwards. Private integration tokens have no ' +
					'webhooks: use the HighLevel Payments Polling Trigger instead.',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: WEBHOOK_EVENTS.map((e) => ({
					name: e.name,
					value: e.value,
					description: e.description,
				})).sort(byName),
				default: ['OrderCreate', 'OrderStatusUpdate', 'InvoicePaid', 'InvoicePartiallyPaid'],
			},
			{
				displayName: 'Location IDs',
				name: 'locationIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. ve9EPM428h8vShlRW1KT, loc-2',
				description:
					'Only events of these sub-accounts (comma-separated). Empty: every location of the app.',
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Accept Deliveries For',
				name: 'acceptLocations',
				type: 'options',
				default: 'listed',
				options: [
					{
						name: 'Listed Locations',
						value: 'listed',
						description: 'Only deliveries for the sub-accounts listed below start the workflow',
					},
					{
						name: 'Any Location',
						value: 'any',
						description:
							'Every delivery signed by HighLevel starts the workflow, whichever sub-account ' +
							'(and app installation) it is for',
					},
				],
				description:
					"HighLevel signs every app's deliveries with one platform key: a valid signature does " +
					'not say the delivery is meant for this workflow',
				displayOptions: { show: { '@version': [2] } },
			},
			{
				displayName: 'Location IDs',
				name: 'locationIds',
				type: 'string',
				required: true,
				default: '',
				placeholder: 'e.g. ve9EPM428h8vShlRW1KT, loc-2',
				description:
					'The sub-accounts (location IDs) whose deliveries start the workflow, comma-separated. ' +
					'Deliveries for other locations are acknowledged and start nothing.',
				displayOptions: { show: { '@version': [2], acceptLocations: ['listed'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Ed25519 Public Key',
						name: 'ed25519PublicKey',
						type: 'string',
						typeOptions: { rows: 3 },
						default: HIGHLEVEL_ED25519_PUBLIC_KEY,
						description:
							"Checks x-ghl-signature. HighLevel's published key by default; change it only for " +
							'a white-label platform or a sandbox.',
					},
					{
						displayName: 'RSA Public Key',
						name: 'rsaPublicKey',
						type: 'string',
						typeOptions: { rows: 6 },
						default: HIGHLEVEL_RSA_PUBLIC_KEY,
						description: "Checks the older x-wh-signature. HighLevel's published key by default.",
					},
					{
						displayName: 'Maximum Age (Minutes)',
						name: 'maxAgeMinutes',
						type: 'number',
						typeOptions: { minValue: 1, maxValue: MAX_AGE_LIMIT_MINUTES },
						default: 5,
						description:
							'Deliveries whose timestamp is older than this are refused (HighLevel recommends ' +
							'5); a value that is not a number from 1 to 60 refuses every delivery',
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return this.getWorkflowStaticData('node').webhookUrl === this.getNodeWebhookUrl('default');
			},
			async create(this: IHookFunctions): Promise<boolean> {
				// Nothing to register remotely: remember the URL the user has to paste into the app.
				this.getWorkflowStaticData('node').webhookUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				delete this.getWorkflowStaticData('node').webhookUrl;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const refuse = (status: number, reason: string): IWebhookResponseData => {
			this.getResponseObject().status(status).json({ accepted: false, reason });
			return { noWebhookResponse: true };
		};
		const raw =
			(request as unknown as { rawBody?: Buffer }).rawBody ??
			Buffer.from(JSON.stringify(request.body ?? {}));
		const signature = signatureRejection(raw, request.headers as Record<string, unknown>, {
			ed25519: String(options.ed25519PublicKey || HIGHLEVEL_ED25519_PUBLIC_KEY),
			rsa: String(options.rsaPublicKey || HIGHLEVEL_RSA_PUBLIC_KEY),
		});
		if (signature) return refuse(401, signature.reason);
		let body: IDataObject;
		try {
			body = JSON.parse(raw.toString('utf8')) as IDataObject;
		} catch {
			return refuse(400, 'the body is not JSON');
		}
		const staticData = this.getWorkflowStaticData('node');
		// Number() of an expression such as "5m" is NaN, which replayRejection refuses.
		const maxAgeMs = Number(options.maxAgeMinutes ?? 5) * 60_000;
		const memoryKey = `${this.getWorkflow().id}:${this.getNode().id}`;
		// A stored memory in another shape (damaged, or written by something else) would fail every
		// delivery: it is set aside, said once in n8n's log, and this process's own memory stands in
		// for it.
		const stored = staticData.seenWebhookIds;
		if (stored !== undefined && !isSeenList(stored))
			this.logger.warn(
				"The trigger's stored delivery memory was not in the shape it keeps and was set aside; " +
					'deliveries this n8n process saw are still refused as replays',
				{ node: this.getNode().name },
			);
		const remembered = mergeSeen(
			isSeenList(stored) ? stored : [],
			recentInProcess.get(memoryKey) ?? [],
		);
		const awaited = isDeferredList(staticData.deferredWebhooks) ? staticData.deferredWebhooks : [];
		const replay = replayRejection(body, remembered, maxAgeMs, Date.now(), awaited);
		staticData.seenWebhookIds = replay.seen;
		staticData.deferredWebhooks = replay.deferred;
		recentInProcess.set(memoryKey, replay.seen);
		// HighLevel re-sends only what was answered 429; every other answer is final.
		if (replay.rejection) return refuse(401, replay.rejection.reason);
		if (replay.retryLater) return refuse(429, replay.retryLater.reason);
		const events = this.getNodeParameter('events', []) as string[];
		const locations = String(this.getNodeParameter('locationIds', '') ?? '')
			.split(',')
			.map((s) => s.trim())
			.filter(Boolean);
		const delivery = deliveryEvent(body);
		const location = String(body.locationId ?? body.altId ?? '');
		// Authentic but not wanted here: acknowledge so HighLevel does not retry, start nothing.
		if (!isWanted(delivery, events))
			return {
				webhookResponse: {
					accepted: true,
					ignored:
						`event ${delivery.event ?? delivery.possible?.join(' or ') ?? '(untyped)'} is not ` +
						`selected`,
				},
			};
		// Version 1 with no Location IDs accepted every location; version 2 does so only when asked to.
		const anyLocation = !versionAtLeast(this, 2)
			? !locations.length
			: this.getNodeParameter('acceptLocations', 'listed') === 'any';
		if (!anyLocation && !locations.includes(location))
			return {
				webhookResponse: {
					accepted: true,
					ignored: `location ${location || '(none)'} is not selected`,
				},
			};
		// An untyped invoice delivery names its event where its status tells it; `eventFrom` says how
		// it was known.
		const event = delivery.event ?? 'Invoice';
		return {
			workflowData: [
				[
					{
						json: {
							event,
							eventFrom: delivery.untyped
								? delivery.event || delivery.possible
									? 'status'
									: 'unknown'
								: 'type',
							...(delivery.possible ? { possibleEvents: delivery.possible } : {}),
							...body,
						},
					},
				],
			],
		};
	}
}
