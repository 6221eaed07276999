// A 200 whose body is an HTML page (a captive portal, a wrong base URL hitting a web UI) would
// otherwise parse as an empty stream and look like "the model said nothing".
import { LlmError } from './errors';

// The same for the model list: a web page there parsed as an empty list, with no word of why.
export function assertEventStream(
  response: { headers: { get(name: string): string | null }; status: number },
  who: string,
  url: string,
  expected = 'an event stream',
): void {
  const type = response.headers.get('content-type') ?? '';
  if (/html/i.test(type)) {
    throw new LlmError('server', `${who.charAt(0).toUpperCase()}${who.slice(1)} answered with a web page (${type.split(';')[0]}) instead of ${expected}. Check the base URL (${url}).`, {
      status: response.status,
    });
  }
}
