// The part of VS Code's Language Model Chat Provider API (finalized in VS Code 1.104) that Rill
// uses, declared here because `@types/vscode` stays at the oldest VS Code Rill supports (1.100,
// which vsce requires to match `engines.vscode`). Shapes as in VS Code 1.104-1.140's vscode.d.ts;
// the classes they mention (text, tool-call and tool-result parts, LanguageModelError) are in
// 1.100's types already. `nativeChatApi()` finds out at run time whether this VS Code has it.
import * as vscode from 'vscode';

/** One model a provider offers to VS Code's chat and to `vscode.lm.selectChatModels`. */
export interface LanguageModelChatInformation {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly tooltip?: string;
  /** Shown next to the name in the model picker. */
  readonly detail?: string;
  readonly version: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: {
    readonly imageInput?: boolean;
    /** VS Code's chat lists a model in its picker only when this is set. */
    readonly toolCalling?: boolean | number;
  };
}

export interface PrepareLanguageModelChatModelOptions {
  /** True: resolve without asking the user anything (no key prompts). */
  readonly silent: boolean;
}

export interface ProvideLanguageModelChatResponseOptions {
  /**
   * Who sent the request: "core" (VS Code itself) or the lower-case id of the extension that called
   * `sendRequest`. Not in the stable typings (a proposed field), but VS Code's extension host passes
   * it to every provider: seen in 1.139.1 (`requestInitiator: extensionId ? key : "core"`) and in
   * 1.104.0's bundled host (core's own requests come as the id "core"). Optional: a VS Code that
   * does not pass it leaves Rill not knowing who asks.
   */
  readonly requestInitiator?: string;
  readonly modelOptions?: { readonly [name: string]: unknown };
  readonly tools?: readonly vscode.LanguageModelChatTool[];
  readonly toolMode: vscode.LanguageModelChatToolMode;
}

export interface LanguageModelChatRequestMessage {
  /** User (1), Assistant (2), or System (3): VS Code's chat sends its system prompt as role 3. */
  readonly role: vscode.LanguageModelChatMessageRole | number;
  readonly content: ReadonlyArray<unknown>;
  readonly name: string | undefined;
}

export type LanguageModelResponsePart = vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart;

export interface LanguageModelChatProvider<T extends LanguageModelChatInformation = LanguageModelChatInformation> {
  readonly onDidChangeLanguageModelChatInformation?: vscode.Event<void>;
  provideLanguageModelChatInformation(options: PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): vscode.ProviderResult<T[]>;
  provideLanguageModelChatResponse(
    model: T,
    messages: readonly LanguageModelChatRequestMessage[],
    options: ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Thenable<void>;
  provideTokenCount(model: T, text: string | LanguageModelChatRequestMessage, token: vscode.CancellationToken): Thenable<number>;
}

export interface NativeChatApi {
  registerLanguageModelChatProvider(vendor: string, provider: LanguageModelChatProvider): vscode.Disposable;
}

/** The provider API when this VS Code has it (1.104 and later), else undefined. */
export function nativeChatApi(lm: object | undefined = vscode.lm): NativeChatApi | undefined {
  const register = (lm as { registerLanguageModelChatProvider?: unknown } | undefined)?.registerLanguageModelChatProvider;
  if (typeof register !== 'function') return undefined;
  return { registerLanguageModelChatProvider: (vendor, provider) => register.call(lm, vendor, provider) as vscode.Disposable };
}
