// Packs what this repository publishes, from one build (dist/): the combined package (the root) and one
// community package per service (packages/packages.json), as n8n's verification wants one third-party
// service per package. A service package holds its nodes, triggers and credentials, the compiled files
// they require (shared code and the bundled zod included) and their icons, its own README
// (packages/<name>/README.md) and the LICENSE. Usage: node scripts/pack-packages.mjs <destination>
// [--version X.Y.Z]; prints the tarballs as JSON.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rootManifest = () => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
export const servicePackages = () =>
	JSON.parse(readFileSync(join(root, 'packages/packages.json'), 'utf8')).packages;

/**
 * The relative requires of a compiled file, each with the file it loads (undefined when there is
 * none): `require("./x")` is ./x, ./x.js or ./x/index.js, as Node resolves it.
 */
export function relativeRequires(file) {
	const code = readFileSync(file, 'utf8');
	return [...code.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)].map(([, target]) => {
		const base = resolve(dirname(file), target);
		const found = [base, `${base}.js`, join(base, 'index.js')].find(
			(candidate) => existsSync(candidate) && candidate.endsWith('.js'),
		);
		return { target, found };
	});
}

/** The compiled files a file needs: itself and every relative require, followed to the end. */
function requireClosure(entries) {
	const seen = new Set();
	const visit = (file) => {
		if (seen.has(file)) return;
		seen.add(file);
		for (const { target, found } of relativeRequires(file)) {
			if (!found) throw new Error(`${relative(root, file)} requires ${target}, not in dist/`);
			visit(found);
		}
	};
	entries.forEach(visit);
	return [...seen];
}

function assemble(spec, version, workDir) {
	const base = rootManifest();
	const dir = join(workDir, spec.name);
	rmSync(dir, { recursive: true, force: true });
	const nodes = spec.nodes.map((node) => `dist/nodes/${node}/${node}.node.js`);
	const credentials = spec.credentials.map((name) => `dist/credentials/${name}.credentials.js`);
	const copy = (file) => {
		mkdirSync(dirname(join(dir, file)), { recursive: true });
		cpSync(join(root, file), join(dir, file));
	};
	for (const file of requireClosure([...nodes, ...credentials].map((f) => join(root, f))))
		copy(relative(root, file));
	// Icons (`file:…`) sit beside the node or credential that names them, as does a node's codex file.
	for (const entry of [...nodes, ...credentials]) {
		const code = readFileSync(join(root, entry), 'utf8');
		for (const [, icon] of code.matchAll(/file:([\w.-]+\.(?:svg|png))/g))
			copy(`${dirname(entry)}/${icon}`);
	}
	for (const node of nodes) copy(node.replace(/\.js$/, '.json'));
	// The codex names the node type, which starts with the package's name.
	for (const node of nodes) {
		const codex = join(dir, node.replace(/\.js$/, '.json'));
		const text = readFileSync(codex, 'utf8').replace(`"${base.name}.`, `"${spec.name}.`);
		writeFileSync(codex, text);
	}
	cpSync(join(root, 'LICENSE'), join(dir, 'LICENSE'));
	cpSync(join(root, 'packages', spec.name, 'README.md'), join(dir, 'README.md'));
	const manifest = {
		name: spec.name,
		version,
		description: spec.description,
		keywords: ['n8n-community-node-package', ...spec.keywords],
		license: base.license,
		author: base.author,
		homepage: `${base.homepage}/tree/main/packages/${spec.name}#readme`,
		repository: { ...base.repository, directory: `packages/${spec.name}` },
		files: ['dist', 'LICENSE', 'README.md'],
		n8n: { n8nNodesApiVersion: base.n8n.n8nNodesApiVersion, credentials, nodes },
		peerDependencies: base.peerDependencies,
		engines: base.engines,
	};
	writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
	return dir;
}

function pack(dir, destination) {
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--pack-destination', destination], {
			cwd: dir,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'inherit'],
		}),
	);
	return join(destination, packed.filename);
}

/**
 * Packs the combined package and every service package into `destination`. `version` replaces
 * package.json's (for an update test); the packages' contents stay those of dist/.
 */
export function packAll(destination, { version } = {}) {
	mkdirSync(destination, { recursive: true });
	const base = rootManifest();
	const workDir = join(destination, 'work');
	const packed = [];
	let combinedDir = root;
	if (version && version !== base.version) {
		combinedDir = join(workDir, base.name);
		rmSync(combinedDir, { recursive: true, force: true });
		mkdirSync(combinedDir, { recursive: true });
		for (const entry of [...base.files, 'README.md'])
			cpSync(join(root, entry), join(combinedDir, entry), { recursive: true });
		writeFileSync(
			join(combinedDir, 'package.json'),
			JSON.stringify({ ...base, version }, null, '\t'),
		);
	}
	packed.push({ name: base.name, dir: combinedDir, tarball: pack(combinedDir, destination) });
	for (const spec of servicePackages()) {
		const dir = assemble(spec, version ?? base.version, workDir);
		packed.push({ name: spec.name, dir, tarball: pack(dir, destination) });
	}
	return packed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const [destination, flag, version] = process.argv.slice(2);
	if (!destination) throw new Error('usage: pack-packages.mjs <destination> [--version X.Y.Z]');
	const packed = packAll(resolve(destination), flag === '--version' ? { version } : {});
	console.log(JSON.stringify(packed, null, 2));
}
