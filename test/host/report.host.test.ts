// The latency report in the real extension host: the panel opens from the command, reads the
// records of its source, and exports them as JSON (timings and counts only).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { newRecord } from '../../src/completion/requestRecord';
import { aggregate } from '../../src/report/aggregate';
import { FakeLlmServer } from '../fake-llm/server';
import type { RecordSource, ReportRecord } from '../../src/report/reportRecord';
import { REPORT_VIEW_TYPE } from '../../src/vscode/reportService';
import { rillApi, waitFor } from './rill';
import { runRillCommand } from './rillDialogs';

function records(n: number): ReportRecord[] {
  const t0 = Date.now() - n * 1000;
  return Array.from({ length: n }, (_, i) => ({
    ...newRecord({ id: i + 1, kind: 'typing', languageId: 'typescript', model: i % 2 ? 'model-a' : 'model-b', keystrokeAt: t0 + i * 1000, requestedAt: t0 + i * 1000 + 5 }),
    feature: 'completion' as const,
    sentAt: t0 + i * 1000 + 10,
    firstByteAt: t0 + i * 1000 + 200 + i * 10,
    shownAt: t0 + i * 1000 + 260 + i * 10,
    endedAt: t0 + i * 1000 + 800,
    outcome: i % 5 === 0 ? 'aborted' : 'done',
    abortReason: i % 5 === 0 ? 'diverged' : undefined,
    tokensIn: 300,
    tokensOut: 20,
    tokensWasted: i % 5 === 0 ? 20 : 0,
  }));
}

function staticSource(list: readonly ReportRecord[]): RecordSource {
  return { all: () => list, onDidChange: () => ({ dispose: () => undefined }) };
}

function reportTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(REPORT_VIEW_TYPE));
}

describe('Rill: Show Latency Report', function () {
  this.timeout(30_000);
  let detach: vscode.Disposable | undefined;
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'rill-report-'));
  });
  afterEach(async () => {
    detach?.dispose();
    detach = undefined;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('opens one report panel, however often the command runs', async () => {
    const api = await rillApi();
    detach = api.report.setSource(staticSource(records(12)));
    await vscode.commands.executeCommand('rill.showLatencyReport');
    await vscode.commands.executeCommand('rill.showLatencyReport');
    const tab = await waitFor('the report tab', () => reportTab());
    assert.equal(tab.label, 'Rill: Latency Report');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview).length, 1);
    assert.equal(api.report.isOpen, true);
  });

  it('exports the records as JSON, field by field, with nothing else in them', async () => {
    const api = await rillApi();
    const secret = 'sk-host-test-abcdefghijklmnopqrstuvwxyz';
    const list = records(7).map((r) => ({ ...r, apiKey: secret }) as ReportRecord);
    detach = api.report.setSource(staticSource(list));
    const file = vscode.Uri.file(join(dir, 'records.json'));
    const run = await runRillCommand<number>('rill.exportLatencyRecords', { saveTo: file });
    assert.equal(run.result, 7);
    assert.equal(run.saves[0]?.title, 'Rill: Export Request Records');
    const text = readFileSync(file.fsPath, 'utf8');
    assert.ok(!text.includes(secret), 'a key reached the export');
    const parsed = JSON.parse(text) as { format: string; records: { id: number; model: string; firstByteAt: number }[] };
    assert.equal(parsed.format, 'rill-request-records');
    assert.deepEqual(parsed.records.map((r) => r.id), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(parsed.records[0]?.firstByteAt, list[0]?.firstByteAt);
  });

  it('a swapped-in source is put back when its handle is disposed', async () => {
    const api = await rillApi();
    const outer = api.report.setSource(staticSource(records(3)));
    const inner = api.report.setSource(staticSource(records(5)));
    assert.equal(api.report.records().length, 5);
    inner.dispose();
    assert.equal(api.report.records().length, 3);
    outer.dispose();
  });
});

describe('Rill: the latency report records chat, Ask and Generate requests too', function () {
  this.timeout(60_000);
  let fake: FakeLlmServer;
  const config = () => vscode.workspace.getConfiguration('rill');
  const target = vscode.ConfigurationTarget.Global;

  before(async () => {
    const api = await rillApi();
    fake = await FakeLlmServer.start();
    await config().update('chat.provider', 'openai-compatible', target);
    await config().update('chat.baseUrl', `${fake.url}/v1`, target);
    await config().update('chat.model', 'fake-report-chat-model', target);
    await waitFor('the chat endpoint to follow the settings', () => (api.providers.endpoint('chat').baseUrl === `${fake.url}/v1` ? true : undefined));
  });
  after(async () => {
    for (const key of ['chat.provider', 'chat.baseUrl', 'chat.model']) await config().update(key, undefined, target);
    await fake.close();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('an answered Ask and a failed one: model, time to first token, tokens and how each ended', async () => {
    const api = await rillApi();
    const chatRecords = () => api.report.records().filter((r) => r.feature === 'chat');
    const before = chatRecords().length;
    const answer = Array.from({ length: 40 }, (_, i) => `w${i}`).join(' ');
    // A 400 is not retried (a 500 would be, for chat), so the second Ask fails at once.
    fake.enqueue({ text: answer, ttftMs: 50, tokensPerSec: 200 }, { status: 400 });
    await runRillCommand('rill.ask', { inputs: ['How fast is this?'] });
    await runRillCommand('rill.ask', { inputs: ['And this one?'] });

    const [done, failed] = chatRecords().slice(before);
    assert.equal(done?.model, 'fake-report-chat-model');
    assert.equal(done?.outcome, 'done');
    assert.ok(done?.sentAt !== undefined && done.firstByteAt !== undefined && done.firstByteAt >= done.sentAt + 40, 'time to first token');
    assert.equal(done?.tokensOut, 40, 'output tokens as the server counted them');
    assert.ok((done?.tokensIn ?? 0) > 0);
    assert.equal(failed?.outcome, 'error');
    assert.equal(failed?.errorKind, 'bad-request');

    // The report draws them next to completion: a chat model, its speed, its error.
    const report = aggregate(api.report.records());
    const model = report.models.find((m) => m.feature === 'chat' && m.model === 'fake-report-chat-model');
    assert.ok(model?.overall.ttftMs && model.overall.tokensPerSec, 'the chat model has time to first token and tokens/s');
    assert.ok(report.features.some((f) => f.feature === 'chat' && f.failed >= 1 && f.completed >= 1));
    assert.ok(report.errors.some(([kind]) => kind === 'bad-request'));
  });
});
