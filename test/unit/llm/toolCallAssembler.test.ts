import * as assert from 'node:assert/strict';
import { LlmError } from '../../../src/llm/errors';
import { ToolCallAssembler } from '../../../src/llm/toolCallAssembler';

describe('ToolCallAssembler', () => {
  it('numbers calls in the order they start, whatever the wire calls them', () => {
    const calls = new ToolCallAssembler('the server');
    assert.deepEqual(calls.piece(3, { id: 'a', name: 'read_file' }), { type: 'tool-call-delta', index: 0, id: 'a', name: 'read_file', inputJson: '' });
    assert.deepEqual(calls.piece(3, { json: '{"x":' }), { type: 'tool-call-delta', index: 0, inputJson: '{"x":' });
    assert.deepEqual(calls.piece(7, { id: 'b', name: 'grep', json: '{}' }), { type: 'tool-call-delta', index: 1, id: 'b', name: 'grep', inputJson: '{}' });
    calls.piece(3, { json: '1}' });
    assert.deepEqual(calls.completeAll(), [
      { type: 'tool-call', index: 0, call: { id: 'a', name: 'read_file', input: { x: 1 } } },
      { type: 'tool-call', index: 1, call: { id: 'b', name: 'grep', input: {} } },
    ]);
    assert.deepEqual(calls.completeAll(), [], 'a call is delivered once');
  });

  it('a call ends when the next one starts (completeBefore), and a repeated head changes nothing', () => {
    const calls = new ToolCallAssembler('the server');
    calls.piece(0, { id: 'a', name: 'f', json: '{"q":"x"}' });
    calls.piece(0, { id: 'a', name: 'f' });
    assert.deepEqual(calls.completeBefore(1), [{ type: 'tool-call', index: 0, call: { id: 'a', name: 'f', input: { q: 'x' } } }]);
    assert.equal(calls.has(0), false);
  });

  it('no arguments is an empty input; a missing id gets one, so the result can find its call', () => {
    const calls = new ToolCallAssembler('the server');
    calls.piece(0, { name: 'list' });
    assert.deepEqual(calls.complete(0), [{ type: 'tool-call', index: 0, call: { id: 'call_rill_0', name: 'list', input: {} } }]);
  });

  for (const json of ['[1, 2]', '"text"', '{"a": ']) {
    it(`input ${json} is not a JSON object: a server error naming the tool`, () => {
      const calls = new ToolCallAssembler('the server at http://x');
      calls.piece(0, { id: 'a', name: 'read_file', json });
      assert.throws(() => calls.completeAll(), (e: unknown) => e instanceof LlmError && e.kind === 'server' && /^The server at http:\/\/x sent a call of the tool "read_file"/.test(e.message));
    });
  }
});
