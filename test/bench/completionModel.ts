// The bench's model: it knows the files being typed and fills the middle with the true text, from
// wherever the request's prompt ends to where its suffix begins (a FIM model does not write the text
// that follows the hole). A prompt that ends in a typo is continued from the last point that still
// matches, as a model would continue code that almost fits.
import type { FakeReply, RecordedRequest } from '../fake-llm/server';

/** Characters of the prompt's end used to find the cursor in the true file. */
const TAIL = 400;
const MAX_REPLY_CHARS = 900;

export interface ModelProfile {
  readonly name: string;
  readonly ttftMs: number;
  readonly tokensPerSec: number;
}

export function knowingModel(files: () => readonly string[], profile: ModelProfile): (request: RecordedRequest) => FakeReply | undefined {
  return (request) => {
    const body = request.body as { prompt?: unknown; suffix?: unknown } | undefined;
    if (typeof body?.prompt !== 'string') return undefined;
    const prompt = body.prompt;
    const suffixHead = typeof body.suffix === 'string' ? body.suffix.slice(0, 200) : '';
    for (let drop = 0; drop <= 3; drop++) {
      const tail = prompt.slice(Math.max(0, prompt.length - drop - TAIL), prompt.length - drop);
      for (const full of files()) {
        const at = full.lastIndexOf(tail);
        if (at < 0 || tail.length === 0) continue;
        const from = at + tail.length;
        const hole = suffixHead.trim() ? full.indexOf(suffixHead, from) : -1;
        const to = Math.min(hole < 0 ? full.length : hole, from + MAX_REPLY_CHARS);
        return { text: full.slice(from, to), ttftMs: profile.ttftMs, tokensPerSec: profile.tokensPerSec };
      }
    }
    return { text: '', ttftMs: profile.ttftMs, tokensPerSec: profile.tokensPerSec };
  };
}
