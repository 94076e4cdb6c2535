import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PendingRun, RunResult } from "../../src/runs/run-types.js";
import { newMarker, requireBubblewrap, waitFor, expectNoProcessWith } from "../fixtures/hangar-harness.js";
import {
  killServerProcesses,
  prepareServerDirectory,
  removeServerDirectory,
  startServerProcess,
  type ServerProcess,
} from "../fixtures/server-process.js";

/**
 * An accepted asynchronous run is never lost: the real `hangar serve` is killed
 * (SIGKILL) or stopped (SIGTERM) while accepted runs are running and queued,
 * and the next start on the same data directory answers each of them as
 * `interrupted` with the reason, while the run that had ended keeps its result.
 */
async function post(
  url: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: { runId: string } }> {
  const response = await fetch(`${url}/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { runId: string } };
}

async function getRun(url: string, runId: string): Promise<{ status: number; body: RunResult | PendingRun }> {
  const response = await fetch(`${url}/runs/${runId}`);
  return { status: response.status, body: (await response.json()) as RunResult | PendingRun };
}

describe.skipIf(!requireBubblewrap())("accepted runs across a crash and a stop of `hangar serve`", () => {
  let dataDirectory: string;
  let configPath: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    ({ dataDirectory, configPath } = await prepareServerDirectory("hangar-async-crash-", [
      "[sandbox]",
      "pool_size = 1",
      "[sandbox.limits]",
      "memory_mb = 128",
      "pids = 64",
      "[runs]",
      // One at a time: the second accepted run waits in the queue at the kill.
      "max_concurrent = 1",
      "max_running_per_owner = 1",
    ]));
  });

  afterAll(async () => {
    await killServerProcesses(servers);
    if (dataDirectory !== undefined) await removeServerDirectory(dataDirectory, configPath);
  });

  it(
    "kill -9: the running and the queued run become interrupted at the next start",
    { timeout: 90_000 },
    async () => {
      const first = await startServerProcess(dataDirectory, configPath);
      servers.push(first);
      const ended = await post(first.url, { language: "bash", code: "echo ended", wait: false });
      expect(ended.status).toBe(202);
      await waitFor(
        async () => (await getRun(first.url, ended.body.runId)).body.status === "ok",
        "the first run",
        15_000,
      );

      const marker = newMarker();
      const running = await post(first.url, {
        language: "bash",
        code: `exec -a ${marker.shell} sleep 1000`,
        timeoutMs: 60_000,
        wait: false,
      });
      const queued = await post(first.url, { language: "bash", code: "echo never", wait: false });
      expect([running.status, queued.status]).toEqual([202, 202]);
      await waitFor(
        async () => (await getRun(first.url, running.body.runId)).body.status === "running",
        "the slow run to be running",
        15_000,
      );
      expect((await getRun(first.url, queued.body.runId)).body.status).toBe("queued");

      first.child.kill("SIGKILL");
      await first.exited;
      await expectNoProcessWith(marker.marker, 5000);

      const second = await startServerProcess(dataDirectory, configPath);
      servers.push(second);
      for (const runId of [running.body.runId, queued.body.runId]) {
        const answer = await getRun(second.url, runId);
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ runId, status: "interrupted", exitCode: null, stdout: "" });
        expect((answer.body as RunResult).error).toMatch(/Hangar stopped before this run ended/);
      }
      expect((await getRun(second.url, ended.body.runId)).body).toMatchObject({
        status: "ok",
        stdout: "ended\n",
      });

      // SIGTERM: the stopping server ends its accepted run itself and records why.
      const slow = await post(second.url, {
        language: "bash",
        code: "sleep 1000",
        timeoutMs: 60_000,
        wait: false,
      });
      await waitFor(
        async () => (await getRun(second.url, slow.body.runId)).body.status === "running",
        "the run to be running before the stop",
        15_000,
      );
      second.child.kill("SIGTERM");
      await second.exited;
      const third = await startServerProcess(dataDirectory, configPath);
      servers.push(third);
      const stopped = await getRun(third.url, slow.body.runId);
      expect(stopped.body).toMatchObject({ status: "interrupted" });
      expect((stopped.body as RunResult).error).toMatch(/Hangar stopped before this run ended/);
    },
  );
});
