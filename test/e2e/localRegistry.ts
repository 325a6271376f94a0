/**
 * A local npm registry that n8n installs community packages from, by name, as from npm.
 *
 * verdaccio (pinned with its own lock in scripts/registry/, installed by scripts/setup.sh; 6.10 runs on
 * Node 22 or newer, so on the Node 24 installed for n8n) holds
 * the freshly packed packages. n8n reaches a registry other than registry.npmjs.org only with an
 * Enterprise licence (`N8N_COMMUNITY_PACKAGES_REGISTRY` is licence feature
 * `feat:communityNodes:customRegistry`: CommunityPackagesService.getNpmRegistry throws
 * FeatureNotLicensedError without it), so verdaccio stands in for registry.npmjs.org instead, the way a
 * company's network mirror does: npm, which n8n runs for every install, is given an HTTPS proxy
 * (`npm_config_https_proxy`) that answers for registry.npmjs.org with a certificate of its own (trusted
 * through `npm_config_cafile`) and passes the requests to verdaccio. Every other host is refused.
 * n8n itself runs unlicensed and unchanged, with its default registry.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer as createHttpServer, request, type Server } from 'http';
import { createServer as createHttpsServer } from 'https';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from '../sandbox/collector';
import { close, listen } from '../sandbox/httpKit';
import { ROOT } from './realN8n';

export const MIRRORED_HOST = 'registry.npmjs.org';

export class LocalRegistry {
	private token = '';

	private constructor(
		private readonly dir: string,
		readonly url: string,
		private readonly verdaccio: ChildProcess,
		private readonly proxy: Server,
		private readonly proxyPort: number,
		/** Requests the mirror passed to verdaccio ("GET /n8n-nodes-…"), for the test to read. */
		readonly requests: string[],
		/** CONNECT targets the proxy refused (anything but registry.npmjs.org). */
		readonly refused: string[],
	) {}

	/** Starts verdaccio with `node` (Node 22 or newer) and the registry.npmjs.org mirror in front of it. */
	static async start(node: string): Promise<LocalRegistry> {
		const dir = mkdtempSync(join(tmpdir(), 'registry-'));
		const port = await freePort();
		writeFileSync(
			join(dir, 'config.yaml'),
			[
				`storage: ${join(dir, 'storage')}`,
				'auth:',
				`  htpasswd: { file: ${join(dir, 'htpasswd')}, max_users: 10 }`,
				'uplinks: {}',
				'packages:',
				"  '**': { access: $all, publish: $authenticated }",
				'log: { type: stdout, format: pretty, level: warn }',
				'',
			].join('\n'),
		);
		const verdaccio = spawn(
			node,
			[
				join(ROOT, 'scripts/registry/node_modules/verdaccio/bin/verdaccio'),
				'--config',
				join(dir, 'config.yaml'),
				'--listen',
				`127.0.0.1:${port}`,
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let output = '';
		verdaccio.stdout!.on('data', (d) => (output += String(d)));
		verdaccio.stderr!.on('data', (d) => (output += String(d)));
		const url = `http://127.0.0.1:${port}`;
		const deadline = Date.now() + 60_000;
		while (
			!(await fetch(`${url}/-/ping`).then(
				(r) => r.ok,
				() => false,
			))
		) {
			if (verdaccio.exitCode !== null || Date.now() > deadline) {
				verdaccio.kill('SIGKILL');
				throw new Error(`verdaccio did not start: ${output.slice(-2000)}`);
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'2',
				'-subj',
				`/CN=${MIRRORED_HOST}`,
				'-addext',
				`subjectAltName=DNS:${MIRRORED_HOST}`,
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem'),
			],
			{ stdio: 'ignore' },
		);
		const requests: string[] = [];
		// The mirror: TLS for registry.npmjs.org ends here; verdaccio gets the request as the registry
		// would, told it came over https so the tarball URLs it writes point back through the mirror.
		const mirror = createHttpsServer(
			{ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
			(req, res) => {
				requests.push(`${req.method} ${req.url}`);
				const upstream = request(
					{
						host: '127.0.0.1',
						port,
						method: req.method,
						path: req.url,
						headers: { ...req.headers, 'x-forwarded-proto': 'https' },
					},
					(answer) => {
						res.writeHead(answer.statusCode ?? 502, answer.headers);
						answer.pipe(res);
					},
				);
				upstream.on('error', () => res.writeHead(502).end());
				req.pipe(upstream);
			},
		);
		const refused: string[] = [];
		const proxy = createHttpServer((_req, res) => res.writeHead(403).end());
		proxy.on('connect', (req, socket, head) => {
			if (req.url !== `${MIRRORED_HOST}:443`) {
				refused.push(req.url ?? '');
				socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
				return;
			}
			socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length) socket.unshift(head);
			mirror.emit('connection', socket);
		});
		const proxyPort = Number(new URL(await listen(proxy)).port);
		return new LocalRegistry(dir, url, verdaccio, proxy, proxyPort, requests, refused);
	}

	/**
	 * What n8n's environment needs so that the npm it runs installs from here: the proxy and its
	 * certificate for npm, and the certificate for n8n's own registry lookups (its HTTP client follows
	 * the same proxy setting).
	 */
	npmEnv(): Record<string, string> {
		return {
			npm_config_https_proxy: `http://127.0.0.1:${this.proxyPort}`,
			npm_config_cafile: join(this.dir, 'cert.pem'),
			npm_config_update_notifier: 'false',
			NODE_EXTRA_CA_CERTS: join(this.dir, 'cert.pem'),
		};
	}

	/** Publishes a packed tarball, as a release would (a publisher account of this registry only). */
	async publish(tarball: string) {
		if (!this.token) {
			const answer = await fetch(`${this.url}/-/user/org.couchdb.user:publisher`, {
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: 'publisher', password: 'publisher-password' }),
			});
			if (!answer.ok) throw new Error(`verdaccio refused the publisher: ${answer.status}`);
			this.token = ((await answer.json()) as { token: string }).token;
		}
		const host = this.url.replace(/^http:/, '');
		execFileSync(
			'npm',
			['publish', tarball, `--registry=${this.url}/`, `--${host}/:_authToken=${this.token}`],
			{
				stdio: ['ignore', 'ignore', 'pipe'],
				env: { ...process.env, npm_config_update_notifier: 'false' },
			},
		);
	}

	/** The versions the registry holds of a package. */
	async versions(name: string): Promise<string[]> {
		const answer = await fetch(`${this.url}/${name}`);
		return answer.ok ? Object.keys(((await answer.json()) as { versions: object }).versions) : [];
	}

	async stop() {
		this.verdaccio.kill('SIGTERM');
		await close(this.proxy);
		rmSync(this.dir, { recursive: true, force: true });
	}
}
