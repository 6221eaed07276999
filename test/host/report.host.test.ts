// The latency report in the real extension host: the panel opens from the command, reads the
// records of its source, and exports them as JSON (timings and counts only).
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { newRecord } from '../../src/completion/requestRecord';
import type { RecordSource, ReportRecord } from '../../src/report/reportRecord';
import { REPORT_VIEW_TYPE } from '../../src/vscode/reportService';
import { rillApi, waitFor } from './rill';

function records(n: number): ReportRecord[] {
  const t0 = Date.now() - n * 1000;
  return Array.from({ length: n }, (_, i) => ({
    ...newRecord({ id: i + 1, kind: 'typing', languageId: 'typescript', model: i % 2 ? 'model-a' : 'model-b', keystrokeAt: t0 + i * 1000, requestedAt: t0 + i * 1000 + 5 }),
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
    const written = await vscode.commands.executeCommand<number>('rill.exportLatencyRecords', file);
    assert.equal(written, 7);
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
