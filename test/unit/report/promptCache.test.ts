// Tokens evaluated and reused per completion, from the servers' own figures: what the latency
// report and the status bar tooltip show so that a user can see the cache working.
import * as assert from 'node:assert/strict';
import { aggregate } from '../../../src/report/aggregate';
import { exportRecords } from '../../../src/report/exportRecords';
import { promptCacheLine, promptCacheSummary } from '../../../src/report/promptCache';
import { record } from './records';

const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);

describe('prompt cache figures', () => {
  const cold = record(T0, { tokensIn: 1800, tokensCached: 0 });
  const warm = [40, 60, 55, 300].map((evaluated, i) => record(T0 + 1000 * (i + 1), { tokensIn: 1800, tokensCached: 1800 - evaluated }));

  it('reused share over the prompts, evaluated per completion (p50, p90), and the latest', () => {
    const s = promptCacheSummary([cold, ...warm]);
    assert.deepEqual(s, {
      requests: 5,
      promptTokens: 9000,
      reused: 9000 - 1800 - 455,
      reusedShare: (9000 - 1800 - 455) / 9000,
      evaluatedP50: 60,
      evaluatedP90: 1800,
      last: { promptTokens: 1800, reused: 1500, evaluated: 300 },
    });
  });

  it('servers that do not report their cache are left out, and no figure is made up', () => {
    assert.equal(promptCacheSummary([record(T0, { tokensIn: 500 }), record(T0, {})]), undefined);
    assert.equal(promptCacheLine(undefined), undefined);
    assert.equal(aggregate([record(T0, { tokensIn: 500 })]).promptCache, undefined);
  });

  it('the latency report has them for completion only', () => {
    const chat = record(T0, { feature: 'chat', tokensIn: 100, tokensCached: 100 });
    const r = aggregate([cold, ...warm, chat]);
    assert.equal(r.promptCache?.requests, 5);
  });

  it('the status bar line says what the last completion reused and how the recent ones went', () => {
    assert.equal(
      promptCacheLine(promptCacheSummary([cold, ...warm])),
      'Prompt cache: the last completion reused 1500 of 1800 prompt tokens (300 evaluated); last 5: 75% reused, p50 60 evaluated',
    );
  });

  it('the export carries tokensCached', () => {
    const out = exportRecords([warm[0]!], new Date(T0));
    assert.equal(out.records[0]?.tokensCached, 1760);
  });
});
