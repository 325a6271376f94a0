// n8n's own community-package scanner (@n8n/scan-community-package), run the way n8n's verification runs it,
// on the source tree and on every tarball this repository publishes (the combined package and one per
// service, scripts/pack-packages.mjs): its rule set, inline `eslint-disable` comments ignored. Then the
// `n8n-node lint` of n8n's node CLI (@n8n/node-cli, its default eslint.config.mjs) on each package: its
// package.json with the TypeScript source its compiled files come from. Fails on any error or warning, and
// when a tarball would need a runtime dependency or misses a file its package.json names.
import { execFileSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	rmSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';
import { packAll, relativeRequires, root } from './pack-packages.mjs';

async function scan(label, dir, patterns) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	if (!files.length) throw new Error(`${label}: no files to scan in ${dir}`);
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const report = (await (await eslint.loadFormatter('stylish')).format(results)).trim();
	if (report) console.log(report);
	console.log(
		`n8n scanner, ${label}: ${files.length} files, ${errors} errors, ${warnings} warnings`,
	);
	return errors + warnings;
}

/** What a tarball must hold and must not need, beside the scanner's rules. */
function checkTarball(label, unpacked) {
	let problems = 0;
	const fail = (text) => {
		console.log(`${label}: ${text}`);
		problems++;
	};
	const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
	if (Object.keys(manifest.dependencies ?? {}).length)
		fail(`runtime dependencies ${Object.keys(manifest.dependencies).join(', ')}`);
	for (const file of [...manifest.n8n.nodes, ...manifest.n8n.credentials])
		if (!existsSync(join(unpacked, file))) fail(`${file} is named in package.json, not shipped`);
	const compiled = glob.sync('dist/**/*.js', { cwd: unpacked, absolute: true });
	for (const file of compiled) {
		const code = readFileSync(file, 'utf8');
		if (
			/require\((["'])(?!n8n-workflow\1|crypto\1|node:|\.)[^"']+\1\)/.test(code) &&
			!file.includes('/vendor/')
		)
			fail(`${relative(unpacked, file)} requires a package that is not shipped`);
		for (const { target, found } of relativeRequires(file))
			if (!found) fail(`${relative(unpacked, file)} requires ${target}, not shipped`);
	}
	for (const required of ['LICENSE', 'README.md'])
		if (!readdirSync(unpacked).includes(required)) fail(`no ${required} file`);
	return problems;
}

/**
 * `n8n-node lint` on one package: a folder with the tarball's package.json, the CLI's default
 * eslint.config.mjs and the TypeScript source of the compiled files the tarball ships (icons and codex
 * files beside them), so the CLI judges exactly what that package publishes.
 */
function nodeCliLint(label, unpacked, workDir) {
	const dir = join(workDir, 'n8n-node-lint');
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	cpSync(join(unpacked, 'package.json'), join(dir, 'package.json'));
	cpSync(join(root, 'tsconfig.json'), join(dir, 'tsconfig.json'));
	writeFileSync(
		join(dir, 'eslint.config.mjs'),
		readFileSync(
			join(
				root,
				'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
			),
		),
	);
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
	const shipped = glob.sync('dist/{nodes,credentials}/**/*', { cwd: unpacked });
	for (const file of shipped) {
		const source = file.replace(/^dist\//, '').replace(/\.js$/, '.ts');
		if (!existsSync(join(root, source)))
			throw new Error(`${label}: no source ${source} for ${file}`);
		mkdirSync(dirname(join(dir, source)), { recursive: true });
		cpSync(join(root, source), join(dir, source));
	}
	try {
		// ESLint exits 0 on warnings; its summary line ("✖ N problems") counts them too.
		const output = execFileSync(join(root, 'node_modules/.bin/n8n-node'), ['lint'], {
			cwd: dir,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
		});
		if (/\d+ problems?/.test(output))
			throw Object.assign(new Error('warnings'), { stdout: output });
		console.log(
			`n8n-node lint, ${label}: ${shipped.filter((f) => f.endsWith('.js')).length} source files, 0 problems`,
		);
		return 0;
	} catch (error) {
		console.log(`n8n-node lint, ${label}: failed\n${error.stdout ?? ''}${error.stderr ?? ''}`);
		return 1;
	}
}

const work = mkdtempSync(join(tmpdir(), 'scan-package-'));
let problems = 0;
try {
	problems += await scan('source', root, SOURCE_FILE_PATTERNS);
	for (const { name, tarball } of packAll(join(work, 'packed'))) {
		const unpacked = join(work, name);
		mkdirSync(unpacked);
		execFileSync('tar', ['-xzf', tarball, '-C', unpacked, '--strip-components=1']);
		const label = `tarball ${tarball.split('/').pop()}`;
		problems += await scan(label, unpacked, ['**/*.js', 'package.json']);
		problems += checkTarball(label, unpacked);
		problems += nodeCliLint(name, unpacked, work);
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(problems ? 1 : 0);
