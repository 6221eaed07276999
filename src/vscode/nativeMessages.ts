// What VS Code's language model API hands a provider, turned into Rill's chat request: messages of
// parts (text, tool calls, tool results, data) become Rill's messages with their tool calls and
// results, and the API's tools become Rill's tool specs. Parts Rill cannot send (images, thinking,
// cache hints) are left out: Rill's models are declared without image input.
import * as vscode from 'vscode';
import type { ChatMessage, ChatRequest, ToolCall, ToolResult, ToolSpec } from '../llm/types';
import type { LanguageModelChatRequestMessage, ProvideLanguageModelChatResponseOptions } from './nativeApi';

/** LanguageModelChatMessageRole.System: in VS Code since 1.104 (proposed, but sent by its chat). */
const SYSTEM_ROLE = 3;

export function toChatRequest(
  messages: readonly LanguageModelChatRequestMessage[],
  options: ProvideLanguageModelChatResponseOptions,
  limits: { readonly maxTokens: number; readonly temperature: number },
): ChatRequest {
  const tools = (options.tools ?? []).map(toToolSpec);
  const temperature = options.modelOptions?.temperature;
  return {
    kind: 'chat',
    messages: messages.map(toChatMessage).filter((m) => m.content !== '' || m.toolCalls?.length || m.toolResults?.length),
    maxTokens: limits.maxTokens,
    temperature: typeof temperature === 'number' ? temperature : limits.temperature,
    ...(tools.length ? { tools, ...(options.toolMode === vscode.LanguageModelChatToolMode.Required ? { toolChoice: 'required' as const } : {}) } : {}),
  };
}

function toChatMessage(message: LanguageModelChatRequestMessage): ChatMessage {
  const role = message.role === SYSTEM_ROLE ? 'system' : message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'user';
  let content = '';
  const toolCalls: ToolCall[] = [];
  const toolResults: ToolResult[] = [];
  for (const part of message.content) {
    const call = asToolCall(part);
    const result = call ? undefined : asToolResult(part);
    if (call) toolCalls.push(call);
    else if (result) toolResults.push(result);
    else content += textOf(part) ?? '';
  }
  // A tool call only means something in the model's own turn, a result only in the user's.
  return {
    role,
    content,
    ...(role === 'assistant' && toolCalls.length ? { toolCalls } : {}),
    ...(role === 'user' && toolResults.length ? { toolResults } : {}),
  };
}

function toToolSpec(tool: vscode.LanguageModelChatTool): ToolSpec {
  const schema = tool.inputSchema;
  return {
    name: tool.name,
    description: tool.description,
    ...(schema && typeof schema === 'object' ? { inputSchema: schema as Record<string, unknown> } : {}),
  };
}

function asToolCall(part: unknown): ToolCall | undefined {
  if (!(part instanceof vscode.LanguageModelToolCallPart)) return undefined;
  const input = part.input && typeof part.input === 'object' ? (part.input as Record<string, unknown>) : {};
  return { id: part.callId, name: part.name, input };
}

function asToolResult(part: unknown): ToolResult | undefined {
  if (!(part instanceof vscode.LanguageModelToolResultPart)) return undefined;
  return { callId: part.callId, content: part.content.map((p) => textOf(p) ?? '').join('') };
}

/** The text a part carries: text parts, text-like data parts, prompt-tsx parts as JSON; else none. */
function textOf(part: unknown): string | undefined {
  if (part instanceof vscode.LanguageModelTextPart) return part.value;
  if (part instanceof vscode.LanguageModelPromptTsxPart) return JSON.stringify(part.value);
  if (isDataPart(part) && /^(text\/|application\/json)/.test(part.mimeType)) return new TextDecoder().decode(part.data);
  return undefined;
}

/** LanguageModelDataPart (VS Code 1.104+), by shape: its class is not in 1.100's types. */
function isDataPart(part: unknown): part is { readonly mimeType: string; readonly data: Uint8Array } {
  const p = part as { mimeType?: unknown; data?: unknown } | undefined;
  return typeof p?.mimeType === 'string' && p.data instanceof Uint8Array;
}

/** Rough tokens of a message or text for `provideTokenCount`: about 4 characters per token. */
export function messageText(message: string | LanguageModelChatRequestMessage): string {
  if (typeof message === 'string') return message;
  return message.content
    .map((part) => {
      const call = asToolCall(part);
      if (call) return `${call.name}${JSON.stringify(call.input)}`;
      return asToolResult(part)?.content ?? textOf(part) ?? '';
    })
    .join('');
}
