// The chat history's store on disk, as two windows on one workspace use it: two stores on one
// folder, each with its own cache, as two extension hosts have them.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatHistory } from '../../../src/chat/history';
import type { Conversation } from '../../../src/chat/model';
import { JsonFileStore } from '../../../src/vscode/jsonFileStore';
import { MemoryStore } from '../chat/memoryStore';

const HISTORY_KEY = 'rill.chat.history.v1';

function conversation(id: string): Conversation {
  return { id, title: `title ${id}`, createdAt: 1, updatedAt: 2, turns: [{ id: `${id}-t`, question: 'q', context: [], answer: 'a', status: 'done', model: 'm', askedAt: 1 }] };
}

describe('JsonFileStore (the chat history on disk, shared by the windows on a workspace)', () => {
  let folder: string;
  beforeEach(() => (folder = join(mkdtempSync(join(tmpdir(), 'rill-store-')), 'chat')));
  afterEach(() => rmSync(join(folder, '..'), { recursive: true, force: true }));

  it("two windows keep each other's conversations: each saves, each lists both; a delete in one removes only that one", async () => {
    const first = new ChatHistory(new JsonFileStore(folder));
    const second = new ChatHistory(new JsonFileStore(folder));
    await first.save(conversation('a'));
    await second.save(conversation('b'));
    await first.save(conversation('c'));
    assert.deepEqual(first.list().map((c) => c.id), ['c', 'b', 'a']);
    assert.deepEqual(second.list().map((c) => c.id), ['c', 'b', 'a']);
    await second.delete('a');
    assert.deepEqual(first.list().map((c) => c.id), ['c', 'b']);
    assert.equal(first.get('b')?.title, 'title b');
  });

  it("a key with no file yet reads the earlier version's store (workspaceState); the first write moves it into the file", async () => {
    const earlier = new MemoryStore();
    await earlier.update(HISTORY_KEY, [conversation('old')]);
    const history = new ChatHistory(new JsonFileStore(folder, earlier));
    assert.deepEqual(history.list().map((c) => c.id), ['old']);
    await history.save(conversation('new'));
    assert.deepEqual(history.list().map((c) => c.id), ['new', 'old']);
    assert.equal(earlier.get(HISTORY_KEY), undefined, 'still kept in the earlier store as well');
    assert.deepEqual((JSON.parse(readFileSync(join(folder, `${HISTORY_KEY}.json`), 'utf8')) as Conversation[]).map((c) => c.id), ['new', 'old']);
    // Another window started before the move reads the file too, not the emptied store.
    assert.deepEqual(new ChatHistory(new JsonFileStore(folder, earlier)).list().map((c) => c.id), ['new', 'old']);
  });

  it('a damaged file reads as empty and is said, and the next save writes a good one', async () => {
    const errors: string[] = [];
    const store = new JsonFileStore(folder, undefined, (m) => errors.push(m));
    await store.update(HISTORY_KEY, []);
    writeFileSync(join(folder, `${HISTORY_KEY}.json`), '[{"id": "cut in the mid');
    const history = new ChatHistory(store);
    assert.deepEqual(history.list(), []);
    assert.equal(errors.length, 1);
    assert.match(errors[0] ?? '', /Could not read .*rill\.chat\.history\.v1\.json/);
    await history.save(conversation('a'));
    assert.deepEqual(new ChatHistory(new JsonFileStore(folder)).list().map((c) => c.id), ['a']);
  });

  it('undefined removes the key (the open conversation forgotten), and no temporary file is left', async () => {
    const store = new JsonFileStore(folder);
    await store.update('rill.chat.open.v1', 'abc');
    assert.equal(new JsonFileStore(folder).get('rill.chat.open.v1'), 'abc');
    await store.update('rill.chat.open.v1', undefined);
    assert.equal(new JsonFileStore(folder).get('rill.chat.open.v1'), undefined);
    assert.equal(existsSync(join(folder, 'rill.chat.open.v1.json')), false);
    await store.update(HISTORY_KEY, [conversation('a')]);
    assert.deepEqual(readdirSync(folder).filter((f) => f.endsWith('.tmp')), []);
  });
});
