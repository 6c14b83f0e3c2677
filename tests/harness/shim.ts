/**
 * The test-only window.api: one async function per contract channel, POSTing JSON to
 * /api/<channel>. Generated from CHANNELS, so it cannot drift from the preload. Never built
 * into the app: only the harness serves it, injected before the app's own script.
 */
import type { Channel } from '../../src/shared/contract'

export const UNREACHABLE_MESSAGE = 'The app could not reach its database. Nothing was saved.'

export function buildShim(channels: readonly Channel[]): string {
  return `/* Test harness shim: window.api over HTTP. Not part of the production app. */
(function () {
  'use strict';
  var channels = ${JSON.stringify(channels)};
  function unreachable() {
    return { ok: false, error: { code: 'STORAGE', message: ${JSON.stringify(UNREACHABLE_MESSAGE)} } };
  }
  var api = {};
  channels.forEach(function (channel) {
    api[channel] = async function (input) {
      try {
        var response = await fetch('/api/' + encodeURIComponent(channel), {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input === undefined ? null : input)
        });
        var result = await response.json();
        if (result === null || typeof result !== 'object' || typeof result.ok !== 'boolean') return unreachable();
        return result;
      } catch (e) {
        return unreachable();
      }
    };
  });
  Object.defineProperty(window, 'api', { value: Object.freeze(api), enumerable: true, configurable: false, writable: false });
})();
`
}
