/**
 * Dates sent as the user wrote or picked them, whatever the machine's time zone. A time zone is fixed when
 * a process starts, so each zone runs in a Node process of its own, on the same source bundled by esbuild.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const bundle = buildSync({
	stdin: {
		contents: `
			const { utcDateTime, writtenDate } = require('./nodes/shared/dates');
			const { dateFilter } = require('./nodes/HighLevelPayments/actions/paymentsInput');
			const inputs = ['2026-01-31T00:00:00', '2026-01-31', '2026-01-31T09:00:00+02:00', '31/01/2026'];
			console.log(JSON.stringify({
				offset: new Date('2026-01-31T00:00:00').getTimezoneOffset(),
				written: inputs.map(writtenDate),
				utc: inputs.map(utcDateTime),
				highLevel: inputs.map((i) => dateFilter(i).value ?? null),
			}));`,
		resolveDir: join(__dirname, '../..'),
		loader: 'ts',
	},
	bundle: true,
	platform: 'node',
	format: 'cjs',
	write: false,
}).outputFiles[0].text;

const runIn = (zone: string) =>
	JSON.parse(
		execFileSync(process.execPath, ['-'], {
			input: bundle,
			env: { ...process.env, TZ: zone },
			encoding: 'utf8',
		}),
	);

test.each([
	['Pacific/Kiritimati', -840],
	['UTC', 0],
	['Pacific/Pago_Pago', 660],
])('with the machine in %s, every date is sent as written', (zone, offset) => {
	const out = runIn(zone);
	expect(out.offset).toBe(offset);
	expect(out.written).toEqual(['2026-01-31', '2026-01-31', '2026-01-31', null]);
	expect(out.utc).toEqual([
		'2026-01-31T00:00:00.000Z',
		'2026-01-31T00:00:00.000Z',
		'2026-01-31T07:00:00.000Z',
		null,
	]);
	expect(out.highLevel).toEqual(['2026-01-31', '2026-01-31', '2026-01-31', null]);
});
