/**
 * How far a HaloPSA Get travels from n8n's engine to n8n's HTTP helper: the stack n8n's helper is on
 * when it asks the credentials helper to authenticate the request, read while the node runs against
 * the sandbox. README's "Architecture" section states the same count.
 */
import { haloFixture, type HaloFixture } from './haloFixture';

const MAX_FRAMES = 6;
const MAX_FILES = 5;

interface Frame {
	name: string;
	file: string;
}

/** The stack's frames, outermost first, with the file each runs in. */
function framesOf(stack: string): Frame[] {
	return stack
		.split('\n')
		.slice(1)
		.map((line) => /at (?:async )?(?:(\S+) \()?(\/[^:)]+)/.exec(line.trim()))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => ({ name: match[1] ?? '(anonymous)', file: match[2] }))
		.reverse();
}

const isProject = (frame: Frame) =>
	/\/nodes\//.test(frame.file) && !/node_modules/.test(frame.file);

describe('call path of a HaloPSA Get', () => {
	let fixture: HaloFixture;
	let stacks: string[] = [];
	const limit = Error.stackTraceLimit;
	beforeAll(async () => {
		Error.stackTraceLimit = 100;
		fixture = await haloFixture();
		fixture.store.onRequest = (stack) => stacks.push(stack);
	});
	afterAll(async () => {
		Error.stackTraceLimit = limit;
		await fixture.stop();
	});

	const get = (input: number) => {
		stacks = [];
		return fixture.run(
			{
				resource: 'ecommerceOrder',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '1' },
			},
			{ input: Array.from({ length: input }, (_, n) => ({ n })) },
		);
	};

	it(`reaches n8n's helper in at most ${MAX_FRAMES} frames and ${MAX_FILES} files of the project, for every item`, async () => {
		const { items, error } = await get(3);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(stacks).toHaveLength(3);
		for (const stack of stacks) {
			const frames = framesOf(stack);
			// The whole chain is there: from n8n's engine, through the node, to n8n's helper.
			expect(frames[0]?.file).toMatch(/n8n-core/);
			expect(frames.some((frame) => /WorkflowExecute/.test(frame.name))).toBe(true);
			const ours = frames.filter(isProject);
			const path = ours.map(
				(frame) => `${frame.name.replace(/^.*\./, '')} (${frame.file.replace(/.*\/nodes\//, '')})`,
			);
			expect(path).toEqual([
				'execute (HaloPsaMarketplace/HaloPsaMarketplace.node.ts)',
				'runHaloNode (HaloPsaMarketplace/actions/router.ts)',
				'runItems (shared/actions/itemLoop.ts)',
				'execute (HaloPsaMarketplace/actions/get.operation.ts)',
				'request (shared/transport/apiClient.ts)',
				'sendOnce (shared/transport/apiClient.ts)',
			]);
			expect(ours.length).toBeLessThanOrEqual(MAX_FRAMES);
			expect(new Set(ours.map((frame) => frame.file)).size).toBeLessThanOrEqual(MAX_FILES);
			// The next frame past the project's is n8n's request helper.
			const next = frames[frames.indexOf(ours.at(-1)!) + 1];
			expect(next.name).toMatch(/httpRequestWithAuthentication/);
		}
	});
});
