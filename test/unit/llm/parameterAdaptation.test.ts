import * as assert from 'node:assert/strict';
import { refusedParameter, withoutRefused } from '../../../src/llm/parameterAdaptation';

/** The shape of the SDKs' APIError: status and the parsed body. */
const apiError = (status: number, body: unknown) => Object.assign(new Error(`${status} ${JSON.stringify(body)}`), { status, error: body, headers: undefined });

describe('parameterAdaptation: which parameter a server refused', () => {
  it("OpenAI's and Azure's 400s name the parameter", () => {
    const maxTokens = { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } };
    const temperature = { error: { message: "Unsupported value: 'temperature' does not support 0.2 with this model. Only the default (1) value is supported.", type: 'invalid_request_error', param: 'temperature', code: 'unsupported_value' } };
    assert.equal(refusedParameter(apiError(400, maxTokens)), 'max_tokens');
    assert.equal(refusedParameter(apiError(400, temperature)), 'temperature');
    const stop = { error: { message: "Unsupported parameter: 'stop' is not supported with this model.", type: 'invalid_request_error', param: 'stop', code: 'unsupported_parameter' } };
    assert.equal(refusedParameter(apiError(400, stop)), 'stop');
  });

  it('a gateway that keeps only the message (another code, no param) is read from the words', () => {
    const gateway = { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.", code: 'invalid_request_body' } };
    assert.equal(refusedParameter(apiError(400, gateway)), 'max_tokens');
    assert.equal(refusedParameter(apiError(400, { message: 'invalid temperature: only 1 is allowed for this model', type: 'invalid_request_error' })), 'temperature');
  });

  it('other errors, and other statuses, are none of its business', () => {
    assert.equal(refusedParameter(apiError(400, { error: { message: "Invalid value for 'messages'", param: 'messages' } })), undefined);
    assert.equal(refusedParameter(apiError(500, { error: { message: "Unsupported value: 'temperature'", param: 'temperature', code: 'unsupported_value' } })), undefined);
    assert.equal(refusedParameter(new Error('fetch failed')), undefined);
  });

  it('a parameter already left out is not adapted twice (the 400 then stands)', () => {
    const adapted = withoutRefused({ omitTemperature: false, maxTokensField: 'max_completion_tokens' }, 'temperature');
    assert.deepEqual(adapted, { omitTemperature: true, maxTokensField: 'max_completion_tokens', reasoningModel: true });
    assert.equal(withoutRefused(adapted!, 'temperature'), undefined);
    assert.equal(withoutRefused(adapted!, 'max_tokens'), undefined);
  });
});
