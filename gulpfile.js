// Build steps after `tsc`: icons and codex files beside the compiled nodes (tsc only emits JavaScript), and
// zod bundled into dist/vendor so the published package has no runtime dependency (n8n's rule for community
// packages): compiled files that require "zod" are pointed at that bundle.
const fs = require('fs');
const path = require('path');
const { task, src, dest, parallel } = require('gulp');
const esbuild = require('esbuild');

const DIST = path.resolve('dist');
const VENDOR_ZOD = path.join(DIST, 'vendor', 'zod.js');

const copyNodeFiles = () =>
	src(path.resolve('nodes', '**', '*.{png,svg,json}'), { encoding: false }).pipe(
		dest(path.join(DIST, 'nodes')),
	);
const copyCredentialIcons = () =>
	src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.join(DIST, 'credentials')),
	);
const copyIcons = parallel(copyNodeFiles, copyCredentialIcons);

function compiledFiles(dir) {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return full === path.dirname(VENDOR_ZOD) ? [] : compiledFiles(full);
		return entry.name.endsWith('.js') ? [full] : [];
	});
}

async function vendorZod() {
	await esbuild.build({
		entryPoints: [require.resolve('zod')],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		outfile: VENDOR_ZOD,
		legalComments: 'inline',
		logLevel: 'warning',
	});
	const zodRequire = /require\((["'])zod\1\)/g;
	for (const file of compiledFiles(DIST)) {
		const code = fs.readFileSync(file, 'utf8');
		let relative = path.relative(path.dirname(file), VENDOR_ZOD).split(path.sep).join('/');
		if (!relative.startsWith('.')) relative = `./${relative}`;
		const pointed = code.replace(zodRequire, `require("${relative}")`);
		if (pointed !== code) fs.writeFileSync(file, pointed);
	}
}

task('build:icons', copyIcons);
task('build:vendor', vendorZod);
task('build', parallel(copyNodeFiles, copyCredentialIcons, vendorZod));
