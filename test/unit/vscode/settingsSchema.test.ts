// The settings schema users see in the Settings editor: both endpoints are configurable, every
// setting explains itself, and where code and keys go can only come from the user's own settings.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Property {
  type?: string | string[];
  scope?: string;
  markdownDescription?: string;
  description?: string;
  enum?: unknown[];
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Property> } };
};
const properties = manifest.contributes.configuration.properties;

describe('settings schema (package.json)', () => {
  it('has provider, base URL, model, max tokens and temperature for both the completion and the chat endpoint, and a FIM mode for completion', () => {
    for (const endpoint of ['completion', 'chat']) {
      for (const key of ['provider', 'baseUrl', 'model', 'maxTokens', 'temperature']) {
        assert.ok(properties[`rill.${endpoint}.${key}`], `rill.${endpoint}.${key} is missing`);
      }
    }
    assert.ok(properties['rill.completion.fimMode']?.enum?.length, 'rill.completion.fimMode lists its modes');
  });

  it('describes every setting in markdown', () => {
    for (const [key, property] of Object.entries(properties)) {
      assert.ok(key.startsWith('rill.'), `${key} is not under rill.`);
      assert.ok((property.markdownDescription ?? '').trim().length >= 20, `${key} has no markdown description`);
    }
  });

  it('makes provider, base URL, headers and CA certificates application-scoped, so no workspace can redirect a key', () => {
    for (const key of Object.keys(properties).filter((k) => /\.(provider|baseUrl|headers|caCertificates)$/.test(k))) {
      assert.equal(properties[key]?.scope, 'application', `${key} scope`);
    }
  });
});
