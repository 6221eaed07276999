import assert from 'node:assert/strict';
import { SessionText } from '../../../src/completion/sessionText';

describe('session text: how far the user agreed with it', () => {
  const text = 'const a = 1;\n  wrong(a);\n  more();';

  it('text typed through and deleted again before the verdict does not count as agreed', () => {
    const session = new SessionText();
    session.update(text);
    session.noteTyped('const a = 1;\n  wrong(a);', false);
    // Deleted back to the "w" of the second line, then something else typed.
    session.noteTyped('const a = 1;\n  w', false);
    const { verdict } = session.noteTyped('const a = 1;\n  while', false);
    assert.equal(verdict, 'contradicted');
    assert.equal(session.agreedEnd, 'const a = 1;\n  w'.length);
  });

  it('agreement grows as the user types through', () => {
    const session = new SessionText();
    session.update(text);
    session.noteTyped('const a = 1;\n  wrong(a);', false);
    session.noteTyped('const a = 1;\n  wrong(a);\n  ', false);
    const { verdict } = session.noteTyped('const a = 1;\n  wrong(a);\n  x', false);
    assert.equal(verdict, 'contradicted');
    assert.equal(session.agreedEnd, 'const a = 1;\n  wrong(a);\n  '.length);
  });
});
