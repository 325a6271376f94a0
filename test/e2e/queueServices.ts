/**
 * What n8n's queue mode needs beside n8n: Redis (the job queue) and PostgreSQL (the database n8n's docs
 * require for queue mode), both from Debian's packages, started on free loopback ports with throwaway
 * data folders. PostgreSQL refuses to run as root, so under root it runs as the `postgres` user.
 */
import { execFileSync, spawn, type ChildProcess } from 'child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from '../sandbox/collector';

const isRoot = process.getuid?.() === 0;

function postgresBin(name: string) {
	const base = '/usr/lib/postgresql';
	const version = existsSync(base)
		? readdirSync(base).sort((a, b) => Number(b) - Number(a))[0]
		: undefined;
	if (!version)
		throw new Error(
			'PostgreSQL is not installed (Debian package postgresql); `npm test` installs it through scripts/install-system.sh',
		);
	return join(base, version, 'bin', name);
}

/** Runs a PostgreSQL program as the user the server runs as. */
function asPostgres(program: string, args: string[]) {
	return isRoot
		? { command: 'runuser', args: ['-u', 'postgres', '--', program, ...args] }
		: { command: program, args };
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`${what} did not start`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

function stopChild(child: ChildProcess) {
	return new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) return resolve();
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
	});
}

export async function startQueueServices() {
	const redisPort = await freePort();
	const redis = spawn(
		'redis-server',
		['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' },
	);
	await waitFor(() => {
		try {
			return (
				execFileSync('redis-cli', ['-p', String(redisPort), 'ping'], {
					encoding: 'utf8',
				}).trim() === 'PONG'
			);
		} catch {
			return false;
		}
	}, 'Redis');

	const pgPort = await freePort();
	const dataDir = mkdtempSync(join(tmpdir(), 'n8n-queue-pg-'));
	chmodSync(dataDir, 0o777);
	if (isRoot) execFileSync('chown', ['postgres', dataDir]);
	const init = asPostgres(postgresBin('initdb'), [
		'-D',
		dataDir,
		'-U',
		'n8n',
		'--auth=trust',
		'-E',
		'UTF8',
	]);
	execFileSync(init.command, init.args, { stdio: 'ignore' });
	const server = asPostgres(postgresBin('postgres'), [
		'-D',
		dataDir,
		'-p',
		String(pgPort),
		'-k',
		dataDir,
		'-c',
		'listen_addresses=127.0.0.1',
	]);
	const postgres = spawn(server.command, server.args, { stdio: 'ignore' });
	await waitFor(() => {
		try {
			execFileSync(postgresBin('pg_isready'), ['-h', '127.0.0.1', '-p', String(pgPort)], {
				stdio: 'ignore',
			});
			return true;
		} catch {
			return false;
		}
	}, 'PostgreSQL');
	execFileSync(postgresBin('createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(pgPort),
		'-U',
		'n8n',
		'n8n',
	]);

	/** The settings every n8n process of the queue-mode instance shares. */
	const n8nEnv = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: 'n8n',
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
	const stop = async () => {
		await stopChild(postgres);
		await stopChild(redis);
		rmSync(dataDir, { recursive: true, force: true });
	};
	return { n8nEnv, stop };
}
