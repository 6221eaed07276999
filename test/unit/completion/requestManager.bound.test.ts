// A window open for days completes in hundreds of files. Each document's entry holds its latest
// state and its finished sessions (their prompts and text): kept for every file ever completed in,
// they grew the extension host by about 130 KB per 8 KB file (measured through the engine: 78 MB
// after 600 files), and every keystroke judged them all. Only the most recently used are kept.
import * as assert from 'node:assert/strict';
import { KEEP_DOCUMENTS, RequestManager } from '../../../src/completion/requestManager';
import { doc } from './helpers/fixture';

function stateIn(n: number) {
  return doc(`// file ${n}\nfunction f() {\n  █\n}\n`, { uri: `file:///work/f${n}.ts`, path: `f${n}.ts` });
}

describe('RequestManager: documents kept', () => {
  it('after typing in hundreds of files, only the most recently used documents are kept', () => {
    const manager = new RequestManager(() => 2);
    for (let n = 0; n < 300; n++) manager.observe(stateIn(n));
    assert.equal(manager.documentCount, KEEP_DOCUMENTS);
    manager.dispose();
  });
});
