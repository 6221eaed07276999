// The messages between the extension host and the chat webview, imported by both sides.
// The host owns the conversation; the webview renders a snapshot of it plus streamed appends and
// sends back what the user asked for. Nothing the webview sends is trusted: see
// src/chat/validateMessage.ts.

export type AnswerStatusView = 'streaming' | 'done' | 'stopped' | 'error';

/** An attached piece of context as the webview shows it: a chip, without the text itself. */
export interface ContextChip {
  readonly id: string;
  readonly label: string;
  readonly tokens: number;
}

export interface TurnView {
  readonly id: string;
  readonly question: string;
  readonly context: readonly ContextChip[];
  readonly answer: string;
  readonly status: AnswerStatusView;
  /** Set when the model stopped at the token limit. */
  readonly truncated: boolean;
  /** The answer can be continued from its partial text (offered as Continue). */
  readonly continuable?: boolean;
  /** The answer was continued from where it was cut at least once. */
  readonly continued?: boolean;
  /**
   * `remedy`: the button that fixes it (Set API Key…, Choose Provider…), beside Retry.
   * `retryInMs`: the server asked not to be asked again for this long (its Retry-After), counted
   * from when the snapshot was made: Retry is disabled until then, and the page counts it down.
   */
  readonly error?: { readonly kind: string; readonly message: string; readonly remedy?: 'setApiKey' | 'chooseProvider'; readonly retryInMs?: number };
  readonly model: string;
  /** While streaming: what the answer waits for, shown in place of "Responding…". */
  readonly progress?: string;
  /**
   * While streaming: the request waits to be asked again (a Retry-After); the page shows
   * `retryingNote(why, …)` in place of `progress`, counted down from `inMs` (from when the snapshot
   * was made).
   */
  readonly retrying?: { readonly why: string; readonly inMs: number };
}

export interface ChatViewState {
  readonly conversationId: string;
  readonly title: string;
  readonly turns: readonly TurnView[];
  readonly streaming: boolean;
  /** Context attached to the next question. */
  readonly attachments: readonly ContextChip[];
  readonly model: string;
  /** Models the user can pick; always contains `model`. */
  readonly models: readonly string[];
  /** How streamed text appears: at a steady pace (default) or as it arrives (rill.chat.smoothReveal off). */
  readonly reveal?: 'paced' | 'immediate';
}

/** Host -> webview. */
export type HostMessage =
  /** The whole state: sent on `ready` and whenever anything but answer text changed. */
  | { readonly type: 'snapshot'; readonly state: ChatViewState }
  /**
   * Text appended to a streaming answer. `offset` is the answer's length before `text`: a webview
   * whose copy has another length missed something and asks for a snapshot again.
   */
  | {
      readonly type: 'append';
      readonly conversationId: string;
      readonly turnId: string;
      readonly offset: number;
      readonly text: string;
    }
  /** Put the keyboard focus into the question box (after `ask`, New Chat...). */
  | { readonly type: 'focusInput' };

/** Webview -> host. */
export type WebviewMessage =
  /** The page loaded (first time, after being hidden, or reloaded) and wants a snapshot. */
  | { readonly type: 'ready' }
  | { readonly type: 'send'; readonly text: string }
  | { readonly type: 'stop' }
  /** Stream the last answer again (after an error: Retry; after an answer: Regenerate). */
  | { readonly type: 'regenerate'; readonly turnId: string }
  /** Ask the model to go on from the last answer's partial text (Continue). */
  | { readonly type: 'continue'; readonly turnId: string }
  | { readonly type: 'editResend'; readonly turnId: string; readonly text: string }
  | { readonly type: 'newChat' }
  | { readonly type: 'showHistory' }
  | { readonly type: 'attach'; readonly what: 'selection' | 'file' }
  | { readonly type: 'removeAttachment'; readonly id: string }
  | { readonly type: 'selectModel'; readonly model: string }
  | { readonly type: 'copyCode'; readonly code: string }
  | { readonly type: 'insertCode'; readonly code: string }
  | { readonly type: 'newFile'; readonly code: string; readonly language: string }
  | { readonly type: 'openLink'; readonly href: string }
  /** The answer failed for want of a (valid) key: the user's own Set API Key box, nothing more. */
  | { readonly type: 'setApiKey' }
  /** The account is out of quota or credit: VS Code's own Choose Provider list, nothing more. */
  | { readonly type: 'chooseProvider' };

export type WebviewMessageType = WebviewMessage['type'];
