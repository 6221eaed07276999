// A 200 whose body is an HTML page (a captive portal, a wrong base URL hitting a web UI) would
// otherwise parse as an empty stream and look like "the model said nothing".
import { LlmError } from './errors';

export function assertEventStream(response: { headers: { get(name: string): string | null }; status: number }, who: string, url: string): void {
  const type = response.headers.get('content-type') ?? '';
  if (/html/i.test(type)) {
    throw new LlmError('server', `${who.charAt(0).toUpperCase()}${who.slice(1)} answered with a web page (${type.split(';')[0]}) instead of an event stream. Check the base URL (${url}).`, {
      status: response.status,
    });
  }
}
