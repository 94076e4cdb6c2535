import { SocketModeReceiver, webApi, type Logger } from "@slack/bolt";
import type { RetryPolicy } from "../retry-policy.js";

const slackApiUrl = "https://slack.com/api/";

/**
 * Bolt's SocketModeReceiver whose own WebClient — the one that calls
 * `apps.connections.open` with the app-level token to get each WebSocket URL —
 * is replaced, for two reasons:
 * - Bolt 5 passes `clientOptions.slackApiUrl` to the bot's WebClient but not to
 *   this one, so an Enterprise Grid/GovSlack base (or a local fixture) would get
 *   the bot's calls and not the connection;
 * - its retries (100, each 1.3 × longer, unbounded) would wait for hours after a
 *   long outage and, once spent, end in an unhandled rejection inside
 *   @slack/socket-mode. Here they go on for ever, at most `maxBackoffMs` apart,
 *   and end when the bridge stops.
 * This touches @slack/socket-mode's private `webClient` field; the check fails
 * loudly if a future version renames it.
 */
export function socketModeReceiver(options: {
  readonly appToken: string;
  readonly apiUrl: string | undefined;
  readonly logger: Logger;
  readonly clientPingTimeoutMs: number | undefined;
  readonly policy: RetryPolicy;
  readonly stopping: AbortSignal;
}): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    ...(options.clientPingTimeoutMs !== undefined ? { clientPingTimeout: options.clientPingTimeoutMs } : {}),
  });
  const client = receiver.client as unknown as { webClient?: unknown };
  if (!(client.webClient instanceof webApi.WebClient)) {
    throw new Error("@slack/socket-mode changed: its client has no webClient to configure");
  }
  const { stopping } = options;
  // The WebClient hands this to p-retry, which also takes `onFailedAttempt` (its type here does not say so).
  const retryConfig: webApi.RetryOptions & { onFailedAttempt(): void } = {
    forever: true,
    factor: 2,
    minTimeout: options.policy.initialBackoffMs,
    maxTimeout: options.policy.maxBackoffMs,
    // Throwing here ends p-retry's loop: nothing retries after stop().
    onFailedAttempt: () => {
      if (stopping.aborted) throw stopping.reason as Error;
    },
  };
  client.webClient = new webApi.WebClient("", {
    slackApiUrl: options.apiUrl ?? slackApiUrl,
    logger: options.logger,
    headers: { Authorization: `Bearer ${options.appToken}` },
    // A request in flight when the bridge stops fails at once instead of finishing.
    fetch: (input, init) =>
      fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, stopping]) : stopping }),
    retryConfig,
  });
  return receiver;
}
