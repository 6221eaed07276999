import type { EndpointConfig, LlmProvider } from './types';

export function createProvider(_config: EndpointConfig): LlmProvider {
  throw new Error('provider adapters not written yet');
}
