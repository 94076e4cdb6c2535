import type { JSONSchema7 } from "ai";
import type { z } from "zod";
import type { Sandbox } from "../../../sandbox/sandbox-port.js";

/**
 * A tool of the built-in agent. Every tool acts only inside the project's
 * sandbox, through the sandbox port; none touches the host's files.
 *
 * `kind` drives the approval policy: `read` always runs (even `read-only`),
 * `write`, `shell` and `commit` need approval under `ask` and are refused
 * under `read-only`; `ask` is `ask_user`, which the agent loop turns into a
 * stored question instead of calling `execute`. `external` is a call whose
 * effects Hangar cannot know (an MCP server's tool, a write through the
 * credential proxy): it is gated like `shell`.
 */
export type ToolKind = "read" | "write" | "shell" | "commit" | "ask" | "external";

export interface RunCodeRequest {
  language: string;
  code: string;
  stdin?: string;
  timeoutMs: number;
}

export interface RunCodeResult {
  /** The `/run` engine's status: ok, error, compile_error, timeout, memory_limit, … */
  status: string;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  durationMs: number;
  /** Why the run did not end normally, in words (timeout, limit, compile failure). */
  explanation?: string;
}

export interface ToolContext {
  sandbox: Sandbox;
  /** Aborts when the turn is cancelled; a tool stops and kills what it started. */
  signal: AbortSignal;
  /** Streams output while the tool runs (becomes `tool.delta` events). */
  emitOutput(stream: "stdout" | "stderr", text: string): void;
  /** Runs code with the `/run` engine's languages, inside this sandbox's workspace. */
  runCode(request: RunCodeRequest, signal: AbortSignal): Promise<RunCodeResult>;
  /** Time limit of one shell command (`bash`, `git`). */
  commandTimeoutMs: number;
  /** What a tool may return to the model, in characters; longer output is cut with a note. */
  maxOutputChars: number;
}

export interface ToolResult {
  /** What the model reads. */
  output: string;
  /** True when the tool failed in a way the model should see and can recover from. */
  isError: boolean;
}

export interface AgentTool<Input = unknown> {
  name: string;
  /** What the model reads about the tool (from `<name>.md` beside the tool). */
  description: string;
  inputSchema: z.ZodType<Input>;
  /**
   * What the model is told the input looks like, when it is not `inputSchema`'s JSON Schema:
   * an MCP server's tool brings its own JSON Schema (the server validates; `inputSchema` then
   * only checks that the input is an object).
   */
  modelInputSchema?: JSONSchema7;
  kind: (input: Input) => ToolKind;
  /** One line for a human deciding on a permission request, e.g. `bash: pytest -q`. */
  summarize(input: Input): string;
  execute(input: Input, context: ToolContext): Promise<ToolResult>;
}
