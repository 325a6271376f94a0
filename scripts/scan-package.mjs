// n8n's own community-package scanner (@n8n/scan-community-package), run the way n8n's verification runs it,
// on the source tree and on the tarball `npm pack` makes: its rule set, inline `eslint-disable` comments
// ignored. Fails on any error or warning, and when the tarball would need a runtime dependency.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
	buildScanConfig,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

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

const work = mkdtempSync(join(tmpdir(), 'scan-package-'));
let problems = 0;
try {
	problems += await scan('source', root, SOURCE_FILE_PATTERNS);
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	const unpacked = join(work, 'package');
	execFileSync('tar', ['-xzf', join(work, packed[0].filename), '-C', work]);
	problems += await scan(`tarball ${packed[0].filename}`, unpacked, ['**/*.js', 'package.json']);
	const manifest = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
	if (Object.keys(manifest.dependencies ?? {}).length) {
		console.log(`tarball: runtime dependencies ${Object.keys(manifest.dependencies).join(', ')}`);
		problems++;
	}
	const compiled = glob.sync('dist/**/*.js', { cwd: unpacked, absolute: true });
	const bare = compiled.filter(
		(file) =>
			/require\((["'])(?!n8n-workflow\1|crypto\1|node:|\.)[^"']+\1\)/.test(
				readFileSync(file, 'utf8'),
			) && !file.includes('/vendor/'),
	);
	for (const file of bare)
		console.log(
			`tarball: ${file.slice(unpacked.length + 1)} requires a package that is not shipped`,
		);
	problems += bare.length;
	if (!readdirSync(unpacked).includes('LICENSE')) {
		console.log('tarball: no LICENSE file');
		problems++;
	}
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(problems ? 1 : 0);
