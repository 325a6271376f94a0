// The project's own lint: n8n's community-node rules (@n8n/eslint-plugin-community-nodes, recommended) and
// the three rule sets of eslint-plugin-n8n-nodes-base, as n8n's scanner applies them, over the shipped
// sources and package.json. `npm run lint` also runs n8n's scanner itself on the source and the tarball.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';

export default [
	{
		ignores: [
			'dist/**',
			'build/**',
			'node_modules/**',
			'test/**',
			'bench/**',
			'scripts/**',
			'examples/**',
			'*.js',
			'*.mjs',
			'package-lock.json',
			'tsconfig*.json',
		],
	},
	n8nCommunityNodesPlugin.configs.recommended,
	{ rules: { 'no-console': 'error' } },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { project: './tsconfig.json' } },
	},
	{ files: ['**/*.json'], languageOptions: { parser: tsParser } },
	{ files: ['package.json'], rules: { ...n8nNodesBase.configs.community.rules } },
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// n8n's own repository links documentation by slug; a community credential links a full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			// Replaced by the community rule credential-password-field, which reads the field's meaning.
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Inputs and outputs use NodeConnectionTypes (required by the community rules), not the string "main".
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// Page and chunk sizes have real maxima on these APIs.
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
];
