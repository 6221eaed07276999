// The demo model's pace from the environment, for trying Rill against a slow or a fast model:
// RILL_DEMO_TTFT_MS (time to first token) and RILL_DEMO_TOKENS_PER_SECOND.
import type { Pace } from './pacedWriter';

export function demoPaceFromEnv(env: NodeJS.ProcessEnv): Partial<Pace> {
  const pace: { ttftMs?: number; tokensPerSecond?: number } = {};
  const ttft = Number(env.RILL_DEMO_TTFT_MS);
  const tps = Number(env.RILL_DEMO_TOKENS_PER_SECOND);
  if (env.RILL_DEMO_TTFT_MS && Number.isFinite(ttft) && ttft >= 0) pace.ttftMs = ttft;
  if (env.RILL_DEMO_TOKENS_PER_SECOND && Number.isFinite(tps) && tps > 0) pace.tokensPerSecond = tps;
  return pace;
}
