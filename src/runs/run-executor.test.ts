import { describe, expect, it } from "vitest";
import type { ExitInfo } from "../sandbox/sandbox-port.js";
import { describeExit } from "./run-executor.js";

const exit = (overrides: Partial<ExitInfo>): ExitInfo => ({
  reason: "exited",
  exitCode: 0,
  signal: null,
  durationMs: 5,
  stdoutBytes: 0,
  stderrBytes: 0,
  ...overrides,
});

describe("describeExit", () => {
  it.each([
    [{ reason: "exited", exitCode: 0 }, "ok", undefined],
    [{ reason: "exited", exitCode: 2 }, "error", undefined],
    [{ reason: "timeout", exitCode: null }, "timeout", /timed out after 1500 ms/],
    [{ reason: "memory_limit" }, "memory_limit", /memory limit/],
    [{ reason: "pids_limit" }, "pids_limit", /process limit/],
    [{ reason: "output_limit" }, "output_limit", /truncated/],
    [{ reason: "killed" }, "error", /cancelled/],
    [{ reason: "sandbox_error", detail: "boom" }, "sandbox_error", /boom/],
  ] as const)("maps %j to %s", (overrides, status, explanation) => {
    const outcome = describeExit(exit(overrides), "out", "err", 1500);
    expect(outcome.status).toBe(status);
    expect(outcome.stdout).toBe("out");
    expect(outcome.truncated).toBe(status === "output_limit");
    if (explanation) expect(outcome.explanation).toMatch(explanation);
    else expect(outcome.explanation).toBeUndefined();
  });
});
