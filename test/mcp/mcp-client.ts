import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** The SDK's own client over streamable HTTP, as Cursor or an agent would connect. */
export interface ConnectedClient {
  client: Client;
  transport: StreamableHTTPClientTransport;
  /** Calls a tool and answers its result (errors are results with isError, not throws). */
  call(
    name: string,
    args: Record<string, unknown>,
    onProgress?: (message: string) => void,
  ): Promise<CallToolResult>;
  close(): Promise<void>;
}

export async function connectClient(mcpUrl: string, apiKey: string | undefined): Promise<ConnectedClient> {
  const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), {
    requestInit: { headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` } },
  });
  const client = new Client({ name: "hangar-test", version: "1.0.0" });
  await client.connect(transport);
  return {
    client,
    transport,
    call: async (name, args, onProgress) =>
      (await client.callTool({ name, arguments: args }, undefined, {
        timeout: 120_000,
        ...(onProgress === undefined
          ? {}
          : { onprogress: (progress) => onProgress(progress.message ?? ""), resetTimeoutOnProgress: true }),
      })) as CallToolResult,
    close: () => client.close(),
  };
}

/** The text of a tool error: the HTTP API's error body, or the SDK's validation message. */
export function errorText(result: CallToolResult): string {
  const first = result.content[0];
  return first !== undefined && first.type === "text" ? first.text : "";
}

export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
