import { SocketModeReceiver, webApi, type Logger } from "@slack/bolt";

/**
 * Bolt's SocketModeReceiver in which `apps.connections.open` (the call that
 * yields the WebSocket URL, made with the app-level token) goes to `apiUrl`.
 * Bolt 5 passes `clientOptions.slackApiUrl` to the bot's WebClient but not to
 * the Socket Mode client's own, so an Enterprise Grid/GovSlack base (or a local
 * fixture) would get the bot calls and not the connection: the receiver's
 * WebClient is replaced by one with the same token, headers and retries and the
 * given base. This touches @slack/socket-mode's private `webClient` field; the
 * check fails loudly if a future version renames it.
 */
export function socketModeReceiver(options: {
  readonly appToken: string;
  readonly apiUrl: string | undefined;
  readonly logger: Logger;
  readonly clientPingTimeoutMs: number | undefined;
}): SocketModeReceiver {
  const receiver = new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.logger,
    ...(options.clientPingTimeoutMs !== undefined ? { clientPingTimeout: options.clientPingTimeoutMs } : {}),
  });
  if (options.apiUrl === undefined) return receiver;
  const client = receiver.client as unknown as { webClient?: unknown };
  if (!(client.webClient instanceof webApi.WebClient)) {
    throw new Error("@slack/socket-mode changed: its client has no webClient to point at api_url");
  }
  client.webClient = new webApi.WebClient("", {
    slackApiUrl: options.apiUrl,
    logger: options.logger,
    headers: { Authorization: `Bearer ${options.appToken}` },
    // What @slack/socket-mode sets for reconnecting: many quick retries of apps.connections.open.
    retryConfig: { retries: 100, factor: 1.3 },
  });
  return receiver;
}
