import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";

export type ToolExtra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/** Longest progress message sent; a huge output chunk is cut (the full output is in the result). */
const maxMessageCharacters = 8192;

/**
 * MCP progress for one request: undefined when the client sent no
 * progressToken (then nothing is sent). Each call sends one
 * `notifications/progress` with a counter that only grows, as the spec asks.
 * Sending never throws into the work: a client that went away just stops
 * getting progress.
 */
export function progressReporter(extra: ToolExtra): ((message: string) => void) | undefined {
  const token = extra._meta?.progressToken;
  if (token === undefined) return undefined;
  let progress = 0;
  return (message) => {
    progress += 1;
    const text =
      message.length > maxMessageCharacters ? `${message.slice(0, maxMessageCharacters)}…` : message;
    extra
      .sendNotification({
        method: "notifications/progress",
        params: { progressToken: token, progress, message: text },
      })
      .catch(() => undefined);
  };
}
