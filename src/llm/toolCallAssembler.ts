// Puts streamed tool calls back together. Both wire formats send a call as a head (id and name)
// followed by its input as JSON text cut at arbitrary places; the stream passes every piece on as
// a `tool-call-delta` and, once a call is known to be complete, the whole call with its input
// parsed as a `tool-call` event. A call whose input is not a JSON object is an error: its caller
// could not run it.
import { LlmError } from './errors';
import type { StreamEvent, ToolCallDelta } from './types';

interface PendingCall {
  readonly index: number;
  id: string;
  name: string;
  json: string;
}

export class ToolCallAssembler {
  private readonly pending = new Map<number, PendingCall>();
  private count = 0;

  /** `who` names the server in error messages ("the server at http://…"). */
  constructor(private readonly who: string) {}

  /**
   * A piece of the call the wire numbers `key` (OpenAI's `index`, Anthropic's content block).
   * Returns the delta event, numbered by the call's place in this answer.
   */
  piece(key: number, part: { readonly id?: string; readonly name?: string; readonly json?: string }): ToolCallDelta {
    let call = this.pending.get(key);
    if (!call) {
      call = { index: this.count++, id: '', name: '', json: '' };
      this.pending.set(key, call);
    }
    // The head comes once; some servers repeat it on later pieces, which changes nothing.
    if (part.id && !call.id) call.id = part.id;
    if (part.name && !call.name) call.name = part.name;
    if (part.json) call.json += part.json;
    return {
      type: 'tool-call-delta',
      index: call.index,
      ...(part.id ? { id: part.id } : {}),
      ...(part.name ? { name: part.name } : {}),
      inputJson: part.json ?? '',
    };
  }

  /** Whether a call with this wire key is still open. */
  has(key: number): boolean {
    return this.pending.has(key);
  }

  /** The call under `key` is complete (Anthropic's content_block_stop). */
  complete(key: number): StreamEvent[] {
    const call = this.pending.get(key);
    if (!call) return [];
    this.pending.delete(key);
    return [this.finished(call)];
  }

  /** Every call with a wire key below `key` is complete (OpenAI sends calls one after another). */
  completeBefore(key: number): StreamEvent[] {
    return [...this.pending.keys()].filter((k) => k < key).sort((a, b) => a - b).flatMap((k) => this.complete(k));
  }

  /** The answer ended: every open call is complete. */
  completeAll(): StreamEvent[] {
    return this.completeBefore(Number.POSITIVE_INFINITY);
  }

  private finished(call: PendingCall): StreamEvent {
    const name = call.name || 'unnamed';
    const input = parseInput(call.json);
    if (input === undefined) {
      throw new LlmError(
        'server',
        `${capitalized(this.who)} sent a call of the tool "${name}" whose input is not a valid JSON object, so it cannot be run. Try again, or choose a model that supports tool calling.`,
      );
    }
    // Some OpenAI-compatible servers leave out the id; the result must still find its call.
    const id = call.id || `call_rill_${call.index}`;
    return { type: 'tool-call', index: call.index, call: { id, name, input } };
  }
}

/** The call's input: empty text means no arguments (OpenAI sends "" for a tool without any). */
function parseInput(json: string): Record<string, unknown> | undefined {
  if (json.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
