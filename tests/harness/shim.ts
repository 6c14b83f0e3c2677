/**
 * The test-only window.api: one async function per contract channel, POSTing JSON to
 * /api/<channel>; and window.appEvents, main's events over server-sent events. Generated from
 * CHANNELS and the event declaration, so it cannot drift from the preload. Never built into the
 * app: only the harness serves it, injected before the app's own script.
 */
import type { AppEventType, Channel } from '../../src/shared/contract'

export const UNREACHABLE_MESSAGE = 'The app could not reach its database. Nothing was saved.'

export function buildShim(channels: readonly Channel[], eventTypes: readonly AppEventType[], eventsPath: string): string {
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

  // As preload's: only declared kinds pass, and the newest clock event is handed to each new listener.
  var eventTypes = ${JSON.stringify(eventTypes)};
  var listeners = [];
  var lastClock = null;
  var source = new EventSource(${JSON.stringify(eventsPath)});
  source.onmessage = function (message) {
    var event;
    try {
      event = JSON.parse(message.data);
    } catch (e) {
      return;
    }
    if (event === null || typeof event !== 'object' || eventTypes.indexOf(event.type) < 0) return;
    if (event.type === 'clock.changed') lastClock = event;
    listeners.slice().forEach(function (listener) {
      listener(event);
    });
  };
  var appEvents = {
    onEvent: function (listener) {
      listeners.push(listener);
      if (lastClock) listener(lastClock);
      return function () {
        var i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    }
  };
  Object.defineProperty(window, 'appEvents', { value: Object.freeze(appEvents), enumerable: true, configurable: false, writable: false });
})();
`
}
