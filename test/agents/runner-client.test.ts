// createRunnerClient against a real connect-node gRPC server on a unix socket:
// calls go through, and a symlink in place of the socket is refused.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Http2Server } from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connectNodeAdapter } from "@connectrpc/connect-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRunnerClient } from "../../src/agents/acp/runner-client.js";
import { AgentService } from "../../src/runner-protocol/agent_pb.js";

let directory: string;
let server: Http2Server | undefined;

beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), "runner-client-"));
});

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  rmSync(directory, { recursive: true, force: true });
});

async function serveVncStatus(socketPath: string, message: string): Promise<void> {
  const handler = connectNodeAdapter({
    routes: (router) =>
      router.service(AgentService, {
        getVncStatus: () => ({ vncReady: false, message }),
      }),
  });
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(socketPath, resolve));
}

describe("createRunnerClient", () => {
  it("calls the runner over HTTP/2 on the unix socket", async () => {
    const socketPath = join(directory, "runner.sock");
    await serveVncStatus(socketPath, "from the socket");
    const client = createRunnerClient(socketPath);
    try {
      const answer = await client.agent.getVncStatus({});
      expect(answer.message).toBe("from the socket");
    } finally {
      client.close();
    }
  });

  it("refuses a symlink in place of the socket, even one pointing at a live socket", async () => {
    const hostSocket = join(directory, "host.sock");
    await serveVncStatus(hostSocket, "host");
    const planted = join(directory, "runner.sock");
    symlinkSync(hostSocket, planted);
    expect(() => createRunnerClient(planted)).toThrow(/symlink/);
  });

  it("refuses a regular file and a missing path", () => {
    const file = join(directory, "runner.sock");
    writeFileSync(file, "");
    expect(() => createRunnerClient(file)).toThrow(/not a socket/);
    expect(() => createRunnerClient(join(directory, "missing.sock"))).toThrow(/does not exist/);
  });

  it("refuses a socket swapped for a symlink before a reconnect", async () => {
    const socketPath = join(directory, "runner.sock");
    await serveVncStatus(socketPath, "first");
    const client = createRunnerClient(socketPath);
    try {
      await client.agent.getVncStatus({});
      client.close();
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      const hostSocket = join(directory, "host.sock");
      await serveVncStatus(hostSocket, "host");
      rmSync(socketPath, { force: true });
      symlinkSync(hostSocket, socketPath);
      await expect(client.agent.getVncStatus({})).rejects.toThrow(/symlink/);
    } finally {
      client.close();
    }
  });
});
