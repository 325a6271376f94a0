/**
 * In-process harness: runs real workflows through n8n-core's WorkflowExecute, so declarative nodes go
 * through their execute() as n8n runs it, and real HTTP requests reach the sandbox servers. The only pieces written
 * here are the ones n8n's CLI normally provides and does not publish: a node-type registry and a
 * credentials helper with an in-memory credential store (preAuthentication + persistence, generic
 * authentication with expressions), mirroring the CLI's behaviour.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';
import { HaloPsaMarketplaceOAuth2Api } from '../../credentials/HaloPsaMarketplaceOAuth2Api.credentials';
import { HighLevelPaymentsApi } from '../../credentials/HighLevelPaymentsApi.credentials';
import { HighLevelPaymentsOAuth2Api } from '../../credentials/HighLevelPaymentsOAuth2Api.credentials';
import { IngramMicroMarketplaceApi } from '../../credentials/IngramMicroMarketplaceApi.credentials';
import { IngramMicroMarketplace } from '../../nodes/IngramMicroMarketplace/IngramMicroMarketplace.node';
import { HighLevelPayments } from '../../nodes/HighLevelPayments/HighLevelPayments.node';
import { HighLevelPaymentsPollingTrigger } from '../../nodes/HighLevelPaymentsPollingTrigger/HighLevelPaymentsPollingTrigger.node';
import { HighLevelPaymentsTrigger } from '../../nodes/HighLevelPaymentsTrigger/HighLevelPaymentsTrigger.node';
import { HaloPsaMarketplace } from '../../nodes/HaloPsaMarketplace/HaloPsaMarketplace.node';
import { HaloPsaMarketplaceTrigger } from '../../nodes/HaloPsaMarketplaceTrigger/HaloPsaMarketplaceTrigger.node';

/** Feeds the workflow: outputs the items given in its `items` parameter. */
class HarnessItems implements INodeType {
	description = {
		displayName: 'Harness Items',
		name: 'harnessItems',
		group: ['input'],
		version: 1,
		description: 'Test input',
		defaults: { name: 'Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
			{ displayName: 'Input Key', name: 'inputKey', type: 'string', default: '' },
		],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const key = this.getNodeParameter('inputKey', 0, '') as string;
		const handed = key ? handedInputs.get(key) : undefined;
		if (key) handedInputs.delete(key);
		const raw = handed ?? (this.getNodeParameter('items', 0) as string | IDataObject[]);
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

/**
 * Input items handed to the Items node as they are, by key: as a previous node hands its output to
 * the next in n8n, without writing 50,000 records into a parameter and parsing them back (which a
 * benchmark would count as the node's own time).
 */
const handedInputs = new Map<string, IDataObject[]>();
let lastInputKey = 0;

const nodeRegistry: Record<string, INodeType> = {
	'n8n-nodes-halopsa-marketplace.haloPsaMarketplace': new HaloPsaMarketplace(),
	'n8n-nodes-halopsa-marketplace.haloPsaMarketplaceTrigger': new HaloPsaMarketplaceTrigger(),
	'n8n-nodes-halopsa-marketplace.highLevelPayments': new HighLevelPayments(),
	'n8n-nodes-halopsa-marketplace.highLevelPaymentsTrigger': new HighLevelPaymentsTrigger(),
	'n8n-nodes-halopsa-marketplace.highLevelPaymentsPollingTrigger':
		new HighLevelPaymentsPollingTrigger(),
	'n8n-nodes-halopsa-marketplace.ingramMicroMarketplace': new IngramMicroMarketplace(),
	'harness.items': new HarnessItems(),
};

/**
 * The parent of every OAuth2 credential, as n8n-nodes-base defines it (not a dependency here): only
 * the properties n8n-core's OAuth2 request helper reads.
 */
const oAuth2Api: ICredentialType = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API',
	properties: [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
			],
			default: 'authorizationCode',
		},
		{ displayName: 'Authorization URL', name: 'authUrl', type: 'string', default: '' },
		{ displayName: 'Access Token URL', name: 'accessTokenUrl', type: 'string', default: '' },
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '' },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
		{
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'boolean',
			default: false,
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'json',
			default: '',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
		},
	],
};

const credentialRegistry: Record<string, ICredentialType> = {
	oAuth2Api,
	haloPsaMarketplaceOAuth2Api: new HaloPsaMarketplaceOAuth2Api(),
	highLevelPaymentsOAuth2Api: new HighLevelPaymentsOAuth2Api(),
	highLevelPaymentsApi: new HighLevelPaymentsApi(),
	ingramMicroMarketplaceApi: new IngramMicroMarketplaceApi(),
};

const OAUTH_PINNED_FIELDS = [
	'useDynamicClientRegistration',
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'requestTokenUrl',
	'signatureMethod',
];

/** A credential type's properties with its parents' (the child's win by name), as n8n's CLI merges them. */
function credentialProperties(type: string): ICredentialType['properties'] {
	const credential = credentialRegistry[type];
	if (!credential) return [];
	const own = credential.properties;
	const inherited = (credential.extends ?? [])
		.flatMap(credentialProperties)
		.filter((p) => !own.some((o) => o.name === p.name));
	return [...inherited, ...own];
}

/** Resolves `={{ … }}` credential values against the credential itself (`$self`), as n8n does before use. */
function resolveCredentialExpressions(
	data: ICredentialDataDecryptedObject,
): ICredentialDataDecryptedObject {
	const workflow = new Workflow({
		nodes: [
			{
				id: 'mock',
				name: 'mock',
				type: 'harness.items',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
		],
		connections: {},
		active: false,
		nodeTypes,
	});
	const resolved: ICredentialDataDecryptedObject = { ...data };
	for (const [key, value] of Object.entries(data)) {
		if (typeof value === 'string' && value.startsWith('=')) {
			resolved[key] = workflow.expression.getParameterValue(
				value,
				null,
				0,
				0,
				'mock',
				[],
				'internal',
				{},
				undefined,
				false,
				data,
			) as string;
		}
	}
	return resolved;
}

export function registerNode(type: string, node: INodeType) {
	nodeRegistry[type] = node;
}

/**
 * Registers a probe node: a transform node named after `displayName` with the given parameters,
 * whose run is the test's own `execute` (it calls the shared module under test).
 */
export function registerProbe(
	type: string,
	displayName: string,
	properties: INodeProperties[],
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>,
) {
	const name = displayName
		.replace(/ (\w)/g, (_, c: string) => c.toUpperCase())
		.replace(/^\w/, (c) => c.toLowerCase());
	nodeRegistry[type] = {
		description: {
			displayName,
			name,
			group: ['transform'],
			version: 1,
			description: `${displayName} of a test`,
			defaults: { name: displayName },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties,
		},
		execute,
	};
}

export function registerCredential(credential: ICredentialType) {
	credentialRegistry[credential.name] = credential;
}

export const nodeTypes: INodeTypes = {
	getByName: (type: string) => nodeRegistry[type] as INodeType | IVersionedNodeType,
	getByNameAndVersion: (type: string) => {
		const node = nodeRegistry[type];
		if (!node) throw new Error(`Unknown node type ${type}`);
		return node;
	},
	getKnownTypes: () => ({}),
} as unknown as INodeTypes;

/** Credentials as n8n stores them: by id, data updated in place when preAuthentication refreshes a token. */
export class CredentialStore {
	private records = new Map<
		string,
		{ type: string; name: string; data: ICredentialDataDecryptedObject }
	>();
	updates = 0;
	/**
	 * Called with the stack each time n8n's request helper asks the credentials helper to authenticate
	 * a request, which it does once per request it sends: a test reads there how the node reached
	 * n8n's helper.
	 */
	onRequest?: (stack: string) => void;

	add(id: string, type: string, data: ICredentialDataDecryptedObject, name = id) {
		this.records.set(id, { type, name, data: { ...data } });
		return { id, name };
	}

	get(id: string) {
		return this.records.get(id);
	}
}

class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(private store: CredentialStore) {
		super();
	}

	getParentTypes(name: string): string[] {
		const extendsTypes = credentialRegistry[name]?.extends ?? [];
		return extendsTypes.flatMap((t) => [t, ...this.getParentTypes(t)]);
	}

	isCredentialUsableByNode() {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		this.store.onRequest?.(new Error().stack ?? '');
		const type = credentialRegistry[typeName];
		const authenticate = type?.authenticate;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		if (authenticate && authenticate.type === 'generic') {
			for (const [outerKey, values] of Object.entries(authenticate.properties)) {
				for (const [key, value] of Object.entries(values as IDataObject)) {
					const resolved =
						typeof value === 'string' && value.startsWith('=') && workflow && node
							? workflow.expression.getSimpleParameterValue(
									node,
									value,
									'internal',
									{ $credentials: credentials },
									undefined,
									'',
								)
							: value;
					const target = ((requestOptions as unknown as IDataObject)[outerKey] ??=
						{}) as IDataObject;
					target[key] = resolved as string;
				}
			}
		}
		return requestOptions;
	}

	/** Same rule as n8n's CLI: call the type's preAuthentication when the expirable property is empty or the server said 401, then save. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	) {
		const type = credentialRegistry[typeName];
		const expirable = type?.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		// As in n8n's CLI: a credential test (the noOp node with an empty "temp" parameter) always fetches anew.
		const isTestingCredentials =
			node.type === 'n8n-nodes-base.noOp' && node.parameters?.temp === '';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials)
			return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const details = node.credentials?.[typeName];
		if (details?.id)
			await this.updateCredentials(details, typeName, Object.assign(credentials, output));
		return Object.assign(credentials, output);
	}

	/** Only OAuth2 credentials with a preAuthentication hook use this; none here do. */
	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<never> {
		throw new Error('not used by the harness');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const record = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (!record || record.type !== type)
			throw new Error(`Credential ${nodeCredentials.id} of type ${type} not found`);
		const properties = credentialProperties(type);
		// As n8n's CLI: hidden OAuth endpoint fields always take the type's defaults, whatever was stored.
		const pinned = new Set(
			properties
				.filter((p) => p.type === 'hidden' && OAUTH_PINNED_FIELDS.includes(p.name))
				.map((p) => p.name),
		);
		const stored = Object.fromEntries(
			Object.entries(record.data).filter(([key]) => !pinned.has(key)),
		);
		const withDefaults = NodeHelpers.getNodeParameters(
			properties,
			stored as never,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		const data = { ...withDefaults, ...stored };
		if (record.data.oauthTokenData !== undefined) data.oauthTokenData = record.data.oauthTokenData;
		return resolveCredentialExpressions(data);
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		_type: string,
		data: ICredentialDataDecryptedObject,
	) {
		const record = nodeCredentials.id ? this.store.get(nodeCredentials.id) : undefined;
		if (record) {
			record.data = { ...data };
			this.store.updates++;
		}
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	) {
		await this.updateCredentials(nodeCredentials, type, data);
	}

	getCredentialsProperties(type: string) {
		return credentialProperties(type);
	}
}

export function additionalDataFor(store: CredentialStore): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new HarnessCredentialsHelper(store),
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		logAiEvent: async () => {},
		startRunnerTask: async () => {
			throw new Error('code tasks are not used by these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/**
 * The node n8n's CLI builds to run a credential's `test.request`: a noOp whose only parameter routes the
 * test request, run by n8n-core's RoutingNode with the credential (see n8n's CredentialsTester).
 */
export function credentialTestNode(credential: ICredentialType): INodeType {
	const request = (credential.test as { request: IDataObject }).request;
	return {
		description: {
			displayName: 'Credential test',
			name: 'noOp',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credential.name, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request } },
			],
		} as unknown as INodeType['description'],
	};
}

export interface RunResult {
	items: INodeExecutionData[];
	/** The error output's items, under "Continue (using error output)". */
	errorItems: INodeExecutionData[];
	error?: Error & { description?: string; context?: IDataObject };
	run: IRun;
}

let executionCounter = 0;

export type RunOptions = Parameters<typeof runNode>[0];

/** Runs `Items -> node` for real and returns the node's output items (or its error). */
function handInput(items: IDataObject[]): string {
	const key = String(++lastInputKey);
	handedInputs.set(key, items);
	return key;
}

export async function runNode(options: {
	type?: string;
	parameters: IDataObject;
	credentials?: Record<string, { id: string; name: string }>;
	store: CredentialStore;
	input?: IDataObject[];
	continueOnFail?: boolean;
	/** n8n's "On Error" setting; `continueOnFail: true` is "Continue (using regular output)". */
	onError?: 'continueRegularOutput' | 'continueErrorOutput' | 'stopWorkflow';
	mode?: WorkflowExecuteMode;
	staticData?: IDataObject;
	/** The node's version (1 unless given). */
	typeVersion?: number;
}): Promise<RunResult> {
	const type = options.type ?? 'n8n-nodes-halopsa-marketplace.haloPsaMarketplace';
	const nodes: INode[] = [
		{
			id: 'items',
			name: 'Items',
			type: 'harness.items',
			typeVersion: 1,
			position: [0, 0],
			parameters: { inputKey: handInput(options.input ?? [{}]) },
		},
		{
			id: 'subject',
			name: 'Subject',
			type,
			typeVersion: options.typeVersion ?? 1,
			position: [200, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: options.credentials,
			...(options.continueOnFail
				? { onError: 'continueRegularOutput' as const, continueOnFail: true }
				: {}),
			...(options.onError ? { onError: options.onError } : {}),
		},
	];
	const workflow = new Workflow({
		id: 'harness',
		name: 'harness',
		nodes,
		connections: { Items: { main: [[{ node: 'Subject', type: 'main', index: 0 }]] } },
		active: false,
		nodeTypes,
		staticData: options.staticData,
		settings: { executionOrder: 'v1' },
	});
	const executionId = String(++executionCounter);
	const additionalData = additionalDataFor(options.store);
	additionalData.executionId = executionId;
	additionalData.hooks = new ExecutionLifecycleHooks(options.mode ?? 'manual', executionId, {
		id: 'harness',
		name: 'harness',
		nodes,
		connections: {},
		active: false,
		settings: {},
	} as never);
	const execute = new WorkflowExecute(additionalData, options.mode ?? 'manual');
	const run = await execute.run({ workflow, startNode: workflow.getNode('Items')! });
	const taskData = run.data.resultData.runData.Subject?.[0];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		errorItems: taskData?.data?.main?.[1] ?? [],
		error,
		run,
	};
}
