// Golden fixtures for one post-processing rule: a document with a cursor, what the model wrote, and
// what the rule makes of it.
import assert from 'node:assert/strict';
import type { PostProcessRule, RuleContext } from '../../../../src/completion/postprocess/types';
import { completionSite } from '../../../../src/completion/site';
import type { DocumentState } from '../../../../src/completion/types';
import { doc } from './fixture';

export interface RuleFixture {
  readonly name: string;
  /** The document, with `█` at the cursor. */
  readonly source: string;
  /** The model's text. */
  readonly completion: string;
  readonly expected: string;
  /** Whether the rule ends the stream. */
  readonly stop?: boolean;
  /** Whether the model's text is complete (default) or still streaming. */
  readonly done?: boolean;
  readonly document?: Partial<DocumentState>;
  readonly maxLines?: number;
}

export function ruleContext(state: DocumentState, maxLines = 10): RuleContext {
  return { ...completionSite(state), maxLines };
}

export function runRuleFixtures(rule: PostProcessRule, fixtures: readonly RuleFixture[]): void {
  for (const f of fixtures) {
    it(f.name, () => {
      const result = rule.apply(f.completion, f.done ?? true, ruleContext(doc(f.source, f.document), f.maxLines));
      assert.equal(result.text, f.expected);
      if (f.stop !== undefined) assert.equal(result.stop, f.stop, 'stop');
    });
  }
}
