// n8n's lint rules on the descriptions as n8n loads them. The project's ESLint reads the source, where
// most HaloPSA properties are generated from the resource table and long texts are written in parts, so
// its rules see only what is spelled out as one literal. This writes each built node's and credential's
// description (dist/, so `npm run build` first) as one object literal into a folder outside the tree,
// laid out as the source is, and runs the project's own ESLint configuration on it. Fails on any error
// or warning.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tsParser from '@typescript-eslint/parser';
import { ESLint } from 'eslint';
import { root } from './pack-packages.mjs';

const require = createRequire(import.meta.url);
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Rules left to the source lint, each with why. The written files hold only data, so the rules about
 * code and the package (icon files beside the node, NodeConnectionTypes instead of "main", credentials
 * named in package.json, a webhook node's methods) are checked by `eslint nodes credentials` and n8n's
 * scanner on the real files. Two wording rules differ from the nodes on purpose:
 * - action sentence case: the rule's sentence-case lowercases product names ("Get many pax8
 *   integrations") and splits hyphens ("e commerce"); actions keep names as written and are checked
 *   by test/unit/descriptions.test.ts instead;
 * - fixed collections A to Z: Ingram Micro's product fields stay in the order a person fills them
 *   (family, MPN, quantity, then that family's parameters), as issue #28 asks of required fields.
 */
const NOT_DESCRIPTION_RULES = {
	'@n8n/community-nodes/icon-validation': 'off',
	'@n8n/community-nodes/node-connection-type-literal': 'off',
	'@n8n/community-nodes/no-credential-reuse': 'off',
	'@n8n/community-nodes/webhook-lifecycle-complete': 'off',
	'n8n-nodes-base/node-param-operation-option-action-miscased': 'off',
	'n8n-nodes-base/node-param-fixed-collection-type-unsorted-items': 'off',
};

/** A value as TypeScript source, keys unquoted where they can be, as n8n's own descriptions are written. */
function literal(value, indent = '\t') {
	const inner = `${indent}\t`;
	if (Array.isArray(value)) {
		if (!value.length) return '[]';
		return `[\n${value.map((v) => `${inner}${literal(v, inner)},`).join('\n')}\n${indent}]`;
	}
	if (value && typeof value === 'object') {
		const entries = Object.entries(value).filter(([, v]) => v !== undefined);
		if (!entries.length) return '{}';
		const lines = entries.map(
			([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : JSON.stringify(k)}: ${literal(v, inner)},`,
		);
		return `{\n${lines.join('\n')}\n${indent}}`;
	}
	if (typeof value === 'string')
		return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
	return JSON.stringify(value);
}

/** The exported classes of every built file whose name ends in `suffix`, under `dir`. */
function builtClasses(dir, suffix) {
	const found = [];
	for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (!entry.isFile() || !entry.name.endsWith(suffix)) continue;
		const file = join(entry.parentPath ?? entry.path, entry.name);
		for (const [name, Class] of Object.entries(require(file)))
			if (typeof Class === 'function') found.push({ name, file, instance: new Class() });
	}
	return found;
}

const out = mkdtempSync(join(tmpdir(), 'described-'));
try {
	symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'), 'dir');
	writeFileSync(
		join(out, 'tsconfig.json'),
		JSON.stringify({
			compilerOptions: { strict: true, module: 'commonjs', target: 'es2022', skipLibCheck: true },
			include: ['credentials/**/*.ts', 'nodes/**/*.ts'],
		}),
	);
	const files = [];
	for (const { name, instance } of builtClasses(join(root, 'dist/nodes'), '.node.js')) {
		const dir = join(out, 'nodes', name);
		mkdirSync(dir, { recursive: true });
		const file = join(dir, `${name}.node.ts`);
		writeFileSync(
			file,
			`import type { INodeType, INodeTypeDescription } from 'n8n-workflow';\n\n` +
				`export class ${name} implements INodeType {\n` +
				`\tdescription: INodeTypeDescription = ${literal(instance.description)};\n}\n`,
		);
		files.push(file);
	}
	mkdirSync(join(out, 'credentials'));
	for (const { name, instance } of builtClasses(
		join(root, 'dist/credentials'),
		'.credentials.js',
	)) {
		const file = join(out, 'credentials', `${name}.credentials.ts`);
		// The class's data fields; its functions (authenticate, preAuthentication) are code, not description.
		const fields = Object.entries(instance)
			.filter(([, v]) => typeof v !== 'function')
			.map(([k, v]) => `\t${k} = ${literal(v)};`);
		writeFileSync(
			file,
			`import type { ICredentialType, INodeProperties } from 'n8n-workflow';\n\n` +
				`export class ${name} implements ICredentialType {\n${fields.join('\n\n')}\n}\n`,
		);
		files.push(file);
	}
	const { default: config } = await import(join(root, 'eslint.config.mjs'));
	const eslint = new ESLint({
		cwd: out,
		overrideConfigFile: true,
		// The project's configuration, its type information read from the written folder's tsconfig.
		overrideConfig: [
			...config,
			{
				files: ['**/*.ts'],
				languageOptions: {
					parser: tsParser,
					parserOptions: { project: './tsconfig.json', tsconfigRootDir: out },
				},
			},
			{ rules: NOT_DESCRIPTION_RULES },
		],
		allowInlineConfig: false,
	});
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((n, r) => n + r.errorCount, 0);
	const warnings = results.reduce((n, r) => n + r.warningCount, 0);
	const report = (await (await eslint.loadFormatter('stylish')).format(results)).trim();
	if (report) console.log(report.replaceAll(out, '<built descriptions>'));
	console.log(
		`n8n's lint rules on the built descriptions: ${files.length} files, ${errors} errors, ` +
			`${warnings} warnings`,
	);
	process.exitCode = errors + warnings ? 1 : 0;
} finally {
	rmSync(out, { recursive: true, force: true });
}
