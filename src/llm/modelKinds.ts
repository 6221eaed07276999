// Which of the models OpenAI lists can do a role's work. Its /v1/models returns every model of the
// account: embeddings, speech, transcription, images, moderation and realtime ones too, which answer
// a text request with "not a chat model" (or a 404), and models only its Responses API serves.
// Other servers' lists are kept whole: their ids follow no rule Rill could trust.
import type { ModelRole } from './hostedModels';

/** Models of another kind than text in, text out (embeddings, audio, images, moderation, realtime, video). */
const NOT_TEXT = /(?:^|[-_.:])(?:embedding|embed|whisper|tts|dall-e|image|moderation|transcribe|realtime|audio|sora|computer-use)(?:$|[-_.:])/i;
/** Models OpenAI serves only through its Responses API, which Rill does not speak (Chat Completions answers "only supported in v1/responses"). */
const RESPONSES_ONLY = /(?:^o\d+-pro|-pro$|-pro-\d|codex|deep-research)/i;
/** The legacy completions models: text, but only through /v1/completions, which chat does not use. */
const COMPLETIONS_ONLY = /^(?:davinci-002|babbage-002|gpt-3\.5-turbo-instruct)(?:$|[-:])/i;

/** The ids of `listed` (from OpenAI's own /v1/models) that `role` can use. */
export function openAiModelsFor(role: ModelRole, listed: readonly string[]): string[] {
  return listed.filter((id) => !NOT_TEXT.test(id) && !RESPONSES_ONLY.test(id) && (role === 'completion' || !COMPLETIONS_ONLY.test(id)));
}
