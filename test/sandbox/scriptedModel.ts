/**
 * A stand-in for an OpenAI-compatible chat model (`POST /chat/completions`, also under `/v1`), playing a
 * fixed script: for each conversation it answers with the tool call its script names, then, once the tool's
 * result is back, with a final text that quotes it. It records what it was offered (each tool's name,
 * description and parameter schema) and the tool results it received, so a test can read what a model sees.
 * Written from OpenAI's documented chat-completions format, not from the nodes under test.
 */
import * as http from 'http';
import { close, listen, readBody, sendJson } from './httpKit';

export interface OfferedTool {
	name: string;
	description: string;
	parameters: Record<string, unknown>;
}

export interface ScriptStep {
	/** The tool to call: the first offered tool whose name matches. */
	tool: RegExp;
	/** The arguments the model fills in. */
	args: Record<string, unknown>;
}

interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
}

export class ScriptedModel {
	url = '';
	/** Tools offered in the last request. */
	offered: OfferedTool[] = [];
	/** The tool results the model received, in order. */
	toolResults: string[] = [];
	requests = 0;
	private script: ScriptStep[] = [];
	/** Played again at the start of every conversation (the demo's model); `play` sets a one-off script instead. */
	defaultScript: ScriptStep[] = [];
	private server = http.createServer((req, res) => void this.handle(req, res));

	async start(port = 0): Promise<string> {
		this.url = await listen(this.server, port);
		return this.url;
	}

	async stop() {
		await close(this.server);
	}

	/** The next conversation calls these tools in turn, then answers in text. */
	play(script: ScriptStep[]) {
		this.script = [...script];
		this.offered = [];
		this.toolResults = [];
	}

	private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
		const raw = (await readBody(req)).toString('utf8');
		const path = (req.url ?? '').replace(/\?.*$/, '');
		if (req.method === 'GET' && /\/models$/.test(path))
			return sendJson(res, 200, {
				object: 'list',
				data: [{ id: 'scripted-model', object: 'model', created: 0, owned_by: 'test' }],
			});
		if (req.method !== 'POST' || !/\/chat\/completions$/.test(path))
			return sendJson(res, 404, { error: { message: `no ${req.method} ${path}` } });
		this.requests++;
		const body = JSON.parse(raw || '{}') as {
			messages?: ChatMessage[];
			tools?: Array<{ function: OfferedTool }>;
			stream?: boolean;
			model?: string;
		};
		this.offered = (body.tools ?? []).map((t) => ({
			name: t.function.name,
			description: t.function.description ?? '',
			parameters: (t.function.parameters ?? {}) as Record<string, unknown>,
		}));
		const messages = body.messages ?? [];
		const last = messages[messages.length - 1];
		let message: ChatMessage & { content: string | null };
		if (last?.role === 'tool')
			this.toolResults.push(
				typeof last.content === 'string' ? last.content : JSON.stringify(last.content),
			);
		// A conversation that has not called a tool yet starts the default script, when there is one and no one-off script is set.
		if (
			!messages.some((m) => m.role === 'tool') &&
			!this.script.length &&
			this.defaultScript.length
		)
			this.script = [...this.defaultScript];
		const step = this.script.shift();
		if (step) {
			const tool = this.offered.find((t) => step.tool.test(t.name));
			if (!tool)
				return sendJson(res, 400, {
					error: {
						message: `scripted model: no offered tool matches ${step.tool} (offered: ${this.offered.map((t) => t.name).join(', ')})`,
					},
				});
			message = {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: `call_${this.requests}`,
						type: 'function',
						function: { name: tool.name, arguments: JSON.stringify(step.args) },
					} as never,
				],
			};
		} else {
			message = { role: 'assistant', content: this.finalAnswer() };
		}
		const finish = message.tool_calls ? 'tool_calls' : 'stop';
		if (body.stream) return this.stream(res, body.model ?? 'scripted-model', message, finish);
		return sendJson(res, 200, {
			id: `chatcmpl-${this.requests}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: body.model ?? 'scripted-model',
			choices: [{ index: 0, message, finish_reason: finish }],
			usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
		});
	}

	/**
	 * The closing answer, in a sentence as a model would give it: how many records the last tool gave
	 * back and which (by ID and name, at most three), then the tool's raw answer for a reader who wants
	 * it.
	 */
	private finalAnswer(): string {
		const last = this.toolResults[this.toolResults.length - 1];
		if (last === undefined) return 'I did not need a tool for that.';
		let records: unknown[] | undefined;
		try {
			const parsed = JSON.parse(last) as unknown;
			records = Array.isArray(parsed) ? parsed : [parsed];
		} catch {
			records = undefined;
		}
		if (!records) return `The tool answered: ${last}`;
		const named = records.slice(0, 3).map((record) => {
			const r = (record ?? {}) as Record<string, unknown>;
			const id = r.id ?? r._id;
			const label = r.name ?? r.thirdpartyordernumber ?? r.store;
			return [id !== undefined ? `#${String(id)}` : '', label !== undefined ? String(label) : '']
				.filter(Boolean)
				.join(' ');
		});
		const count = `${records.length} ${records.length === 1 ? 'record' : 'records'}`;
		const which = named.filter(Boolean).length ? `: ${named.filter(Boolean).join(', ')}` : '';
		return `I found ${count}${which}${records.length > 3 ? ', and more' : ''}. (Tool answer: ${last})`;
	}

	/** The same answer as server-sent events, for a client that asks for a stream. */
	private stream(
		res: http.ServerResponse,
		model: string,
		message: ChatMessage & { content: string | null },
		finish: string,
	) {
		res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
		const chunk = (delta: Record<string, unknown>, finishReason: string | null) =>
			res.write(
				`data: ${JSON.stringify({ id: `chatcmpl-${this.requests}`, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
			);
		if (message.tool_calls)
			chunk(
				{
					role: 'assistant',
					content: null,
					tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
				},
				null,
			);
		else chunk({ role: 'assistant', content: message.content }, null);
		chunk({}, finish);
		res.write('data: [DONE]\n\n');
		res.end();
	}
}
