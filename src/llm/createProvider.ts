// Builds the LlmProvider for one endpoint: picks the wire protocol for each kind of request and
// wraps every stream with deadlines, abort and bounded retries.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { anthropicBody, anthropicStream } from './anthropicMessages';
import { type ContinueBy, isContinuation, withInstructionFallback } from './continuation';
import { azureDeploymentOf, baseUrlProblem, endpointUrls, isAzureHost, OFFICIAL_URL } from './endpointUrls';
import { keepErrorBodies } from './errorBodies';
import { assertEventStream } from './eventStreamCheck';
import { type ErrorContext, noGatewayKeyError, noKeyError, toLlmError } from './errorMapping';
import { isLlmError, LlmError } from './errors';
import { cachesPrompts, type FimChoice, fixedFimChoice } from './fimChoice';
import { FIM_FAMILIES, fimTemplateFor } from './fimTemplates';
import { type OpenStream } from './guardedStream';
import { placeKey, usesGatewayKey } from './keyPlacement';
import { holeFillingRequest, withoutFences, withoutRepeatedLine } from './holeFilling';
import { keyShapeWarning } from './keyShape';
import { infillBody, llamaInfillStream, llamaInfillWarmUp } from './llamaInfill';
import { defaultParameters, openAiChatBody, openAiChatStream } from './openaiChat';
import { adaptationNote, withParameterFallback } from './parameterAdaptation';
import { completionsBody, openAiCompletionsStream, openAiCompletionsWarmUp } from './openaiCompletions';
import { retryingStream } from './retryingStream';
import { type ModelDetails, modelDetailsOf } from './modelDetails';
import { maskRequest } from './secretMask';
import { headerSecrets, redactUrl, urlSecrets } from './urlRedaction';
import type { ChatRequest, EndpointConfig, FimMode, FimRequest, LlmProvider, LlmRequest, ProviderKind, StreamEvent, WarmUpOutcome, WireRequest } from './types';

const KEY_LABEL: Record<ProviderKind, [string, string | undefined]> = {
  openai: ['OpenAI', 'OPENAI_API_KEY'],
  anthropic: ['Anthropic', 'ANTHROPIC_API_KEY'],
  'openai-compatible': ['OpenAI-compatible server', 'RILL_API_KEY'],
  llamacpp: ['llama.cpp server', 'RILL_API_KEY'],
};

const DEFAULT_MAX_RETRY_WAIT_MS = 20_000;

/**
 * How long a chat answer from a reasoning model may take before its first text: OpenAI's Chat
 * Completions stream nothing while the model thinks, which takes minutes at a high effort. Stop is
 * there for a user who will not wait.
 */
const REASONING_FIRST_TOKEN_MS = 300_000;

/** What listens at a local provider's default URL, named for the message of a refused connection there. */
const DEFAULT_LOCAL_SERVER: Partial<Record<ProviderKind, string>> = {
  'openai-compatible': 'Ollama (port 11434)',
  llamacpp: 'a llama.cpp server (port 8080)',
};

/** The FIM protocol the fixed rule gives a provider and a `fimMode` setting (without asking the server). */
export function resolveFimMode(provider: ProviderKind, mode: FimMode | undefined): Exclude<FimMode, 'auto'> {
  return fixedFimChoice({ provider, model: '', fimMode: mode }).mode;
}

export function createProvider(config: EndpointConfig): LlmProvider {
  const { base, root, openAiBase, query } = endpointUrls(config.provider, config.baseUrl);
  const fetchImpl = config.fetch ?? globalThis.fetch;
  const [keyLabel, keyEnv] = KEY_LABEL[config.provider];
  // Messages name the server without a credential the base URL may carry; anything a server
  // echoes back is masked of the key, those credentials and the credential headers' values.
  const shown = redactUrl(base);
  const who =
    config.provider === 'openai' ? 'OpenAI' : config.provider === 'anthropic' && !config.baseUrl ? 'Anthropic' : `the server at ${shown}`;
  const secrets = [...(config.apiKey ? [config.apiKey] : []), ...(config.gatewayKey ? [config.gatewayKey] : []), ...urlSecrets(config.baseUrl ?? base), ...headerSecrets(config.headers)];
  const ctx: ErrorContext = {
    who,
    model: config.model,
    baseUrl: shown,
    keyLabel,
    keyEnv,
    hasKey: !!config.apiKey,
    keyStored: !!config.apiKey && config.apiKeyStored === true,
    secrets,
    keyHint: keyShapeWarning(config.provider, config.apiKey),
    officialUrl: (config.provider === 'openai' || config.provider === 'anthropic') && base === OFFICIAL_URL[config.provider],
    defaultLocalServer: base === OFFICIAL_URL[config.provider] ? DEFAULT_LOCAL_SERVER[config.provider] : undefined,
    viaProxy: config.viaProxy,
    gatewayKey: usesGatewayKey(config.headers),
  };
  // OpenAI's and Anthropic's own APIs always need a key: without one nothing is sent (the answer
  // would be a 401 at best, and offline a "host not found" that hides the real cause).
  const hosted = config.provider === 'openai' || config.provider === 'anthropic';
  const keyMissing = hosted && !config.apiKey && base === OFFICIAL_URL[config.provider].replace(/\/+$/, '');
  // Nothing is sent where no request can go: a base URL that is not http(s) says so and how to fix it.
  const urlProblem = baseUrlProblem(config.baseUrl);
  // A header that asks for the gateway's key with none stored would be sent empty: the gateway's 401
  // would then read as the provider's key refused.
  const gatewayKeyMissing = usesGatewayKey(config.headers) && !config.gatewayKey;
  const refused = (): LlmError | undefined =>
    urlProblem ? new LlmError('bad-request', urlProblem) : keyMissing ? noKeyError(ctx) : gatewayKeyMissing ? noGatewayKeyError(ctx) : undefined;
  // How FIM is sent: the fixed rule until the server's answer (config.fimChoice) is in.
  let fim: FimChoice = fixedFimChoice(config);
  const chooseFim = async (): Promise<FimChoice> => (fim = config.fimChoice ? await config.fimChoice() : fim);
  // A gateway's own header may carry the key (`${apiKey}` in rill.*.headers): then only it does.
  const placed = placeKey(config.headers, config.apiKey, config.gatewayKey);
  const sdkOptions = {
    // Local servers need no key, but the SDKs insist on one.
    apiKey: placed.apiKey || 'no-key',
    maxRetries: 0,
    // The SDK timeout covers only the wait for headers; our own deadlines fire first.
    timeout: config.firstTokenTimeoutMs + 5_000,
    defaultHeaders: { ...keyHeaders(base, placed.apiKey), ...(placed.inHeaders ? { Authorization: null, 'X-Api-Key': null } : {}), ...placed.headers },
    // The base URL's query (Azure's api-version) goes with every request.
    defaultQuery: query,
    fetch: fetchImpl,
    logLevel: 'off' as const,
  };

  let openai: OpenAI | undefined;
  let anthropic: Anthropic | undefined;
  const openAiClient = () => (openai ??= new OpenAI({ ...sdkOptions, fetch: keepErrorBodies(fetchImpl), baseURL: openAiBase }));
  const anthropicClient = () => (anthropic ??= new Anthropic({ ...sdkOptions, baseURL: root }));

  const templateFor = (choice: FimChoice) => (choice.mode === 'template' ? fimTemplateFor(config.model, choice.family ?? config.fimTemplate) : undefined);
  // Pin one slot of a server with several, so that consecutive prompts meet their own cache.
  const slotFor = (choice: FimChoice) => (choice.totalSlots !== undefined && choice.totalSlots > 1 ? 0 : undefined);
  const infillOptions = (choice: FimChoice) => ({ serverUrl: root, apiKey: placed.apiKey, headers: placed.headers, fetch: fetchImpl, ctx, slot: slotFor(choice) });
  const noTemplate: OpenStream = async function* () {
    throw new LlmError(
      'bad-request',
      `No fill-in-the-middle template is known for the model "${config.model}". Set rill.completion.fimTemplate to its family (${FIM_FAMILIES.join(', ')}), or rill.completion.fimMode to "completions" if the server applies the template itself.`,
    );
  };
  const search = Object.keys(query).length ? `?${new URLSearchParams(query)}` : '';
  const chatUrl = config.provider === 'anthropic' ? `${root}/v1/messages${search}` : `${openAiBase}/chat/completions${search}`;
  const officialApi = config.provider === 'openai';
  // What this model was seen to refuse (a reasoning model's `max_tokens`, temperature) stays left out.
  const chatParameters = { parameters: defaultParameters(officialApi) };
  const chatBody = (request: ChatRequest) =>
    config.provider === 'anthropic' ? anthropicBody(request, config.model) : openAiChatBody(request, { model: config.model, officialApi, parameters: chatParameters.parameters });

  const wireStream = (request: ChatRequest, continueBy?: ContinueBy): OpenStream =>
    config.provider === 'anthropic'
      ? anthropicStream(anthropicClient(), request, { model: config.model, who, baseUrl: base, continueBy })
      : (signal) =>
          withParameterFallback(
            (parameters) =>
              openAiChatStream(openAiClient(), request, {
                model: config.model,
                officialApi,
                who,
                baseUrl: base,
                continueBy,
                parameters,
                // A reasoning model may hold the response until it has thought; the stream's own deadlines still apply.
                headersTimeoutMs: Math.max(config.firstTokenTimeoutMs, REASONING_FIRST_TOKEN_MS) + 5_000,
              })(signal),
            chatParameters,
            (refused) => config.note?.(adaptationNote(config.model, refused)),
          );
  // A continuation goes as a prefill where the server may support one; refused (400), it is asked
  // again with an instruction to go on (OpenAI's own API gets the instruction at once).
  const chatStream = (request: ChatRequest): OpenStream => {
    if (!isContinuation(request) || config.provider === 'openai') return wireStream(request);
    return (signal) => withInstructionFallback(wireStream(request, 'prefill')(signal), () => wireStream(request, 'instruction')(signal));
  };

  // A chat answer waits longer for the first text of a model found to reason silently (it refused
  // the sampling parameters, see parameterAdaptation.ts); ghost text never does.
  const chatDeadlines = {
    get firstTokenTimeoutMs() {
      return chatParameters.parameters.reasoningModel ? Math.max(config.firstTokenTimeoutMs, REASONING_FIRST_TOKEN_MS) : config.firstTokenTimeoutMs;
    },
    idleTimeoutMs: config.idleTimeoutMs,
  };
  const run = (open: OpenStream, signal: AbortSignal, fim: boolean) =>
    retryingStream(
      open,
      signal,
      fim ? { firstTokenTimeoutMs: config.firstTokenTimeoutMs, idleTimeoutMs: config.idleTimeoutMs } : chatDeadlines,
      // Completion never retries: ghost text that waits for a retry is ghost text nobody wants.
      { maxRetries: fim ? 0 : config.maxRetries, maxRetryWaitMs: config.maxRetryWaitMs ?? DEFAULT_MAX_RETRY_WAIT_MS },
      { ...ctx, fim },
    );

  /** FIM in the server's way of filling in the middle (asked once per server and model, then cached). */
  async function* fimStream(request: FimRequest, signal: AbortSignal): AsyncGenerator<StreamEvent> {
    const choice = await chooseFim().catch(() => fim);
    if (signal.aborted) {
      yield { type: 'end', finishReason: 'aborted' };
      return;
    }
    switch (choice.mode) {
      case 'infill':
        yield* run(llamaInfillStream(request, infillOptions(choice)), signal, true);
        return;
      case 'completions':
      case 'template': {
        const template = templateFor(choice);
        if (choice.mode === 'template' && !template) yield* run(noTemplate, signal, true);
        else yield* run(openAiCompletionsStream(openAiClient(), request, { model: config.model, who, baseUrl: base, template }), signal, true);
        return;
      }
      case 'chat':
        yield* withoutRepeatedLine(withoutFences(run(chatStream(holeFillingRequest(request)), signal, true)), request.prefix);
    }
  }

  /** A FIM request the server refused says how Rill chose to send it, and what the server reported. */
  async function* explained(events: AsyncIterable<StreamEvent>): AsyncGenerator<StreamEvent> {
    try {
      yield* events;
    } catch (error) {
      if (!isLlmError(error) || fim.source === 'setting' || (error.kind !== 'not-found' && error.kind !== 'bad-request')) throw error;
      // The model cannot fill in the middle the way the server said it could: it may have changed.
      if (error.kind === 'not-found') config.fimChoiceStale?.();
      throw new LlmError(error.kind, `${error.message} Rill sent it this way because: ${fim.reason}`, { status: error.status, retryAfterMs: error.retryAfterMs, remedy: error.remedy, lasting: error.lasting, cause: error });
    }
  }

  return {
    label: `${config.provider} · ${config.model}`,
    model: config.model,
    stream(unmasked: LlmRequest, signal: AbortSignal): AsyncIterable<StreamEvent> {
      const refusal = refused();
      if (refusal) return failing(refusal);
      const request = maskRequest(unmasked);
      if (request.kind === 'chat') return run(chatStream(request), signal, false);
      return explained(fimStream(request, signal));
    },
    describe(unmasked: LlmRequest): WireRequest {
      const wire = describeWire(maskRequest(unmasked));
      return { ...wire, url: redactUrl(wire.url) };
    },
    async warmUp(unmasked: FimRequest, signal: AbortSignal): Promise<WarmUpOutcome> {
      const request = maskRequest(unmasked);
      const choice = await chooseFim().catch(() => fim);
      if (signal.aborted) return 'aborted';
      // A warm-up costs a request: only for servers known to keep a prompt cache (not hosted APIs, not unknown servers).
      if (!cachesPrompts(config.provider, choice)) return 'not-supported';
      switch (choice.mode) {
        case 'infill':
          return llamaInfillWarmUp(request, infillOptions(choice), signal);
        case 'completions':
        case 'template': {
          const template = templateFor(choice);
          if (choice.mode === 'template' && !template) return 'not-supported';
          return openAiCompletionsWarmUp(openAiClient(), request, { model: config.model, who, baseUrl: base, template }, signal);
        }
        case 'chat':
          // Hosted chat APIs cache on their own terms; a warm-up there would cost a paid request.
          return 'not-supported';
      }
    },
    async listModels(signal?: AbortSignal): Promise<string[]> {
      return (await listModelDetails(signal)).map((m) => m.id);
    },
    listModelDetails,
  };

  /** What `stream(request)` sends: the URL (as configured) and the JSON body. */
  function describeWire(request: LlmRequest): WireRequest {
    if (request.kind === 'chat') return { url: chatUrl, body: chatBody(request) };
    const choice = fim;
    const about = { mode: choice.mode, source: choice.source, fits: choice.fits, reason: choice.reason };
    switch (choice.mode) {
      case 'infill':
        return { url: `${root}/infill`, body: infillBody(request, slotFor(choice)), fim: about };
      case 'completions':
      case 'template':
        return { url: `${openAiBase}/completions${search}`, body: completionsBody(request, config.model, templateFor(choice)), fim: about };
      case 'chat':
        return { url: chatUrl, body: chatBody(holeFillingRequest(request)), fim: about };
    }
  }

  async function listModelDetails(signal?: AbortSignal): Promise<ModelDetails[]> {
    const refusal = refused();
    if (refusal) throw refusal;
    // Azure answers a deployment URL's /models with a 404: the deployment is the model.
    const deployment = azureDeploymentOf(base);
    if (deployment !== undefined) {
      throw new LlmError(
        'not-found',
        `The base URL is the Azure deployment "${deployment}", which decides the model: there is no list to pick from. To use another model, put its deployment's URL in the base URL setting (rill.completion.baseUrl or rill.chat.baseUrl; Azure's portal lists them).`,
      );
    }
    const details = (entries: readonly unknown[]) => entries.map(modelDetailsOf).filter((m): m is ModelDetails => m !== undefined);
    try {
      // The SDKs keep the fields they do not know (context windows), so the entries are read as data.
      if (config.provider === 'anthropic') return details((await anthropicClient().models.list({}, { signal })).data);
      const { data: page, response } = await openAiClient().models.list({ signal }).withResponse();
      assertEventStream(response, who, base, 'a model list');
      return details(page.data);
    } catch (error) {
      // A web page is no list, and Ollama's /api/tags at the same wrong URL would be one too.
      if (config.provider === 'anthropic' || isLlmError(error)) throw toLlmError(error, ctx);
      // Ollama lists its models at /api/tags too; older builds only there.
      const tags = await fetchImpl(`${root}/api/tags`, { signal }).catch(() => undefined);
      if (tags?.ok) {
        const body = (await tags.json()) as { models?: unknown[] };
        return details(body.models ?? []);
      }
      throw toLlmError(error, ctx);
    }
  }
}

/**
 * Azure OpenAI takes the key in an `api-key` header (its classic deployment URLs accept nothing
 * else); elsewhere the SDKs send it as they do. A header of the user's own (rill.*.headers) wins.
 */
function keyHeaders(base: string, apiKey: string | undefined): Record<string, string | null> {
  return apiKey && isAzureHost(base) ? { 'api-key': apiKey, Authorization: null } : {};
}

/** A stream that fails at once with `error`, before anything is sent. */
async function* failing(error: Error): AsyncGenerator<StreamEvent> {
  throw error;
}
