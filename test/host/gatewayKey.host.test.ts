// A gateway that needs a key of its own besides the provider's (Cloudflare's authenticated AI
// Gateway, Helicone, Portkey): the user writes `${gatewayKey}` in rill.chat.headers and stores the
// key with Rill: Set Gateway Key…. Both keys stay in SecretStorage and go each in its own header,
// and the gateway's key is never in a body, the log or an error. Without it stored, nothing is sent
// and the message names the command.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { credentialFingerprint, type RecordedRequest } from '../fake-llm/server';
import { settlesWithin } from '../reliability/completionUnderTest';
import { type PointedRill, pointRillAtFakeServer } from '../reliability/hostEndpoint';
import { gatewaySecretName } from '../../src/vscode/keys';
import { rillLogText } from './logFiles';
import { type RillApi, rillApi, waitFor } from './rill';
import { pickWhere, runRillCommand } from './rillDialogs';

// Shaped like no known token: only Rill's registry of its own secrets can mask it.
const GATEWAY_KEY = `rill-gateway-${randomBytes(12).toString('hex')}`;
const API_KEY = `rill-provider-${randomBytes(12).toString('hex')}`;
const HEADERS = { 'cf-aig-authorization': 'Bearer ${gatewayKey}', 'x-team': 'payments' };

describe('Rill: Set Gateway Key (extension host)', function () {
  this.timeout(60_000);
  let api: RillApi;
  let pointed: PointedRill;
  const chats = (): RecordedRequest[] => pointed.llm.requests.filter((r) => r.endpoint === 'openai-chat');
  const ask = async (question: string) => {
    await settlesWithin('the chat answer', api.chat.ask(question), 30_000);
    return api.chat.session.conversation.turns.at(-1);
  };
  /** Waits for Rill to build its chat provider anew after a key changed. */
  const rebuilt = () =>
    new Promise<void>((resolve) => {
      const subscription = api.providers.onDidChange(() => {
        subscription.dispose();
        resolve();
      });
    });

  before(async () => {
    api = await rillApi();
    pointed = await pointRillAtFakeServer(api, { 'chat.headers': HEADERS });
    await waitFor('Rill to use the headers', () => (api.providers.endpoint('chat').headers?.['cf-aig-authorization'] ? true : undefined));
    await api.keys.set('openai-compatible', API_KEY);
  });
  after(async () => {
    await api.keys.clear('openai-compatible');
    await api.keys.clearGateway('openai-compatible');
    await pointed?.dispose();
  });
  beforeEach(() => {
    pointed.llm.reset();
    api.chat.newChat();
  });

  it('without a gateway key stored, nothing is sent and the message names the command', async () => {
    await api.keys.clearGateway('openai-compatible');
    const turn = await ask('Through the gateway?');
    assert.equal(turn?.error?.kind, 'bad-request');
    assert.match(turn?.error?.message ?? '', /No gateway key .*"Rill: Set Gateway Key…"/);
    assert.deepEqual(chats(), [], 'a request went out with an empty gateway header');
  });

  it('set from the palette: each key in its own header, and the gateway key nowhere else (body, log, error)', async () => {
    const changed = rebuilt();
    const run = await runRillCommand<boolean>('rill.setGatewayKey', { pick: pickWhere('provider', 'openai-compatible'), inputs: [`${GATEWAY_KEY}\n`] });
    assert.equal(run.result, true);
    assert.equal(run.inputs[0]?.password, true, 'the key box does not mask what is typed');
    assert.equal(await (await rillApi()).secrets.get(gatewaySecretName('openai-compatible')), GATEWAY_KEY, 'not in SecretStorage, or with the pasted newline');
    await settlesWithin('Rill to rebuild its providers', changed, 10_000);

    pointed.llm.setDefault({ text: 'Answered through the gateway.' });
    const turn = await ask('Through the gateway?');
    assert.equal(turn?.error, undefined, turn?.error?.message);
    const [sent] = chats();
    assert.ok(sent, 'the question did not reach the server');
    assert.equal(sent.headers['cf-aig-authorization'], `Bearer ${GATEWAY_KEY}`);
    assert.equal(sent.headers['x-team'], 'payments');
    assert.equal(sent.credentials.authorization, credentialFingerprint(`Bearer ${API_KEY}`), "the provider's key left its usual header");
    assert.ok(!JSON.stringify(sent.body).includes(GATEWAY_KEY), 'the gateway key is in the body');

    // A gateway that echoes the key in its refusal: the message and the log mask it.
    pointed.llm.setDefault({ status: 401, body: { error: { message: `invalid gateway token ${GATEWAY_KEY}` } } });
    const refused = await ask('Again?');
    assert.equal(refused?.error?.kind, 'auth');
    assert.match(refused?.error?.message ?? '', /Set API Key….*Set Gateway Key…/);
    assert.ok(!(refused?.error?.message ?? '').includes(GATEWAY_KEY), refused?.error?.message);
    const log = await waitFor('the refusal in the log', () => {
      const text = rillLogText();
      return /invalid gateway token/.test(text) ? text : undefined;
    });
    assert.ok(!log.includes(GATEWAY_KEY), 'the gateway key is in the Rill log');
  });

  it('Clear Gateway Key removes it: the next question is not sent', async () => {
    await api.keys.setGateway('openai-compatible', GATEWAY_KEY);
    const changed = rebuilt();
    const run = await runRillCommand<boolean>('rill.clearGatewayKey', { pick: pickWhere('provider', 'openai-compatible') });
    assert.equal(run.result, true);
    await settlesWithin('Rill to rebuild its providers', changed, 10_000);
    assert.equal(await (await rillApi()).secrets.get(gatewaySecretName('openai-compatible')), undefined);
    const turn = await ask('Still there?');
    assert.equal(turn?.error?.kind, 'bad-request');
    assert.deepEqual(chats(), []);
  });
});
