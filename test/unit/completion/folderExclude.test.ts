// A folder's own exclude list in a multi-root workspace: its globs are relative to that folder and
// reach no other folder's files.
import * as assert from 'node:assert/strict';
import { DenyList } from '../../../src/completion/denyList';
import { folderGlobs, folderNamedGlobs } from '../../../src/completion/folderExclude';

describe('folderGlobs: a workspace folder\'s exclude list', () => {
  // The docs folder of a workspace with service/ and docs/ side by side says: private/** and *.draft.md.
  const docs = new DenyList(folderGlobs('/work/shop/docs', ['private/**', '*.draft.md']));

  it("matches the folder's files by their absolute path", () => {
    assert.equal(docs.isDenied('private/notes.md', '/work/shop/docs/private/notes.md'), true);
    assert.equal(docs.isDenied('guide/launch.draft.md', '/work/shop/docs/guide/launch.draft.md'), true);
    assert.equal(docs.isDenied('guide.md', '/work/shop/docs/guide.md'), false);
  });

  it("does not reach another folder's files of the same relative path", () => {
    assert.equal(docs.isDenied('private/keys.ts', '/work/shop/service/private/keys.ts'), false);
    assert.equal(docs.isDenied('notes/plan.draft.md', '/work/shop/service/notes/plan.draft.md'), false);
  });

  it('reads ./ and a leading slash as the folder, keeps absolute globs, drops empty ones', () => {
    assert.deepEqual(folderGlobs('/work/shop/docs/', ['./private/**', '/build/**', '/etc/hosts', ' ', 'C:/x/**']), [
      '/work/shop/docs/private/**',
      '/build/**',
      '/etc/hosts',
      'C:/x/**',
    ]);
  });

  it('takes a Windows folder path, and a folder name with glob characters literally', () => {
    const list = new DenyList(folderGlobs('C:\\src\\docs [old]', ['private\\**']));
    assert.equal(list.isDenied('private\\a.md', 'C:\\src\\docs [old]\\private\\a.md'), true);
    assert.equal(list.isDenied('private\\a.md', 'C:\\src\\docs o\\private\\a.md'), false);
  });
});

describe('folderNamedGlobs: a glob that starts with a folder\'s name (a multi-root workspace\'s own list)', () => {
  const folders = [
    { name: 'service', path: '/work/shop/service' },
    { name: 'docs', path: '/work/shop/docs/' },
  ];

  it("becomes that path under the folder, and matches the folder's files, not another's", () => {
    const globs = folderNamedGlobs(folders, ['service/vault/**', './docs/*.draft.md', 'vault/**', '**/*.pem', 'tool/x/**', 'service/']);
    assert.deepEqual(globs, ['/work/shop/service/vault/**', '/work/shop/docs/*.draft.md']);
    const list = new DenyList(globs);
    assert.equal(list.isDenied('vault/key.py', '/work/shop/service/vault/key.py'), true);
    assert.equal(list.isDenied('plan.draft.md', '/work/shop/docs/plan.draft.md'), true);
    assert.equal(list.isDenied('vault/key.py', '/work/shop/docs/vault/key.py'), false);
    assert.equal(list.isDenied('app.py', '/work/shop/service/app.py'), false);
  });
});
