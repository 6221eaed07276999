import * as assert from 'node:assert/strict';
import { openAiModelsFor } from '../../../src/llm/modelKinds';

// Ids as OpenAI's /v1/models lists them for an ordinary account.
const LISTED = [
  'gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-5', 'gpt-5-mini', 'o3', 'o4-mini', 'chatgpt-4o-latest', 'gpt-4o-2024-08-06',
  'ft:gpt-4o-mini-2024-07-18:acme::abc123', 'gpt-3.5-turbo-instruct', 'davinci-002', 'babbage-002',
  'text-embedding-3-small', 'text-embedding-ada-002', 'whisper-1', 'tts-1', 'tts-1-hd', 'gpt-4o-mini-tts', 'dall-e-3',
  'gpt-image-1', 'omni-moderation-latest', 'gpt-4o-transcribe', 'gpt-4o-realtime-preview', 'gpt-4o-audio-preview',
  'gpt-4o-search-preview', 'sora-2', 'computer-use-preview', 'o1-pro', 'o3-pro-2025-06-10', 'gpt-5-pro', 'codex-mini-latest', 'gpt-5-codex', 'o3-deep-research',
];
const CHAT = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'gpt-5', 'gpt-5-mini', 'o3', 'o4-mini', 'chatgpt-4o-latest', 'gpt-4o-2024-08-06', 'ft:gpt-4o-mini-2024-07-18:acme::abc123', 'gpt-4o-search-preview'];

describe("OpenAI's model list, as Select Model offers it", () => {
  it('chat gets the text models, fine-tuned ones included, and none of embeddings, speech, images, moderation, realtime, video, nor the models only the Responses API serves', () => {
    assert.deepEqual(openAiModelsFor('chat', LISTED), CHAT);
  });

  it('completion also gets the legacy completions models (it can use /v1/completions)', () => {
    assert.deepEqual(openAiModelsFor('completion', LISTED), [...CHAT.slice(0, 10), 'gpt-3.5-turbo-instruct', 'davinci-002', 'babbage-002', 'gpt-4o-search-preview']);
  });
});
