import { createHash } from "node:crypto";
import { HangarError, errorMessage } from "../core/errors.js";
import { newRunId } from "../core/ids.js";
import type { Sandbox, SandboxLimits, SandboxProvider } from "../sandbox/sandbox-port.js";
import type { AvailableLanguage, LanguageRegistry } from "./languages.js";
import { runInKernel, runProgram, type ExecutionHandlers, type ExecutionOutcome } from "./run-executor.js";
import type { RunQueue } from "./run-queue.js";
import type { RunRepository } from "./run-repository.js";
import { validateRunRequest, type RunRequestLimits, type ValidatedFile } from "./run-request-validation.js";
import type { Notebook, NotebookEndReason, Notebooks } from "./notebooks.js";
import type {
  ExecuteOptions,
  LanguageInfo,
  RunRequest,
  RunResult,
  RunService,
  RunServiceStats,
  NotebookInfo,
} from "./run-types.js";
import { transpileTypeScript } from "./typescript-transpiler.js";

/**
 * The code execution service behind `POST /run`, `hangar run` and MCP:
 * validates, queues, runs one-shot in a fresh (usually pooled) sandbox or in
 * a notebook's sandbox and kernel, records the run, and streams events.
 */
/** A run's outcome with what its notebook (if any) adds. */
type NotebookOutcome = ExecutionOutcome & { kernelRestarted?: boolean; sessionEnded?: NotebookEndReason };

export interface CodeRunServiceOptions {
  provider: SandboxProvider;
  providerStats: () => { active: number; poolReady: number };
  languages: LanguageRegistry;
  notebooks: Notebooks;
  queue: RunQueue;
  runs?: RunRepository;
  limits: SandboxLimits;
  requestLimits: RunRequestLimits;
  defaultTimeoutMs: number;
  maxOutputBytes: number;
  compileTimeoutMs: number;
  /** Throws when the host's isolation probes failed and unsafe running was not allowed. */
  assertIsolation: () => void;
  onError?: (message: string) => void;
}

export class CodeRunService implements RunService {
  constructor(private readonly options: CodeRunServiceOptions) {}

  async execute(owner: string, request: RunRequest, executeOptions: ExecuteOptions = {}): Promise<RunResult> {
    const files = validateRunRequest(request, this.options.requestLimits);
    const language = this.options.languages.resolve(request.language);
    this.options.assertIsolation();
    const release = await this.options.queue.acquire(owner, executeOptions.signal);
    const runId = newRunId();
    const sessionId = request.sessionId ?? null;
    const useSession = sessionId !== null && request.fresh !== true;
    const emit = executeOptions.onEvent ?? (() => undefined);
    emit({ type: "start", runId, language: language.name, sessionId });
    const handlers: ExecutionHandlers = {
      onStdout: (data) => emit({ type: "stdout", data }),
      onStderr: (data) => emit({ type: "stderr", data }),
      ...(executeOptions.signal ? { signal: executeOptions.signal } : {}),
    };
    const timeoutMs = request.timeoutMs ?? this.options.defaultTimeoutMs;
    let outcome: NotebookOutcome;
    try {
      outcome = useSession
        ? await this.options.notebooks.withNotebook(owner, sessionId, async (notebook) =>
            this.checkCpuBudget(
              notebook,
              await this.runInNotebook(notebook, language, request, files, timeoutMs, handlers),
            ),
          )
        : await this.runOneShot(owner, language, request, files, timeoutMs, handlers, release);
    } catch (error) {
      release();
      if (error instanceof HangarError && error.code !== "SANDBOX_ERROR" && error.code !== "SANDBOX_GONE") {
        throw error;
      }
      this.options.onError?.(`run ${runId} failed in the sandbox: ${errorMessage(error)}`);
      outcome = failure(errorMessage(error));
    }
    if (useSession) release();
    const result = toResult(outcome, { runId, language: language.name, sessionId });
    await this.record(owner, request, result);
    emit({ type: "end", result });
    return result;
  }

  languages(): LanguageInfo[] {
    return this.options.languages.describe();
  }

  listNotebooks(owner: string): NotebookInfo[] {
    return this.options.notebooks.list(owner);
  }

  deleteNotebook(owner: string, sessionId: string): Promise<boolean> {
    return this.options.notebooks.delete(owner, sessionId);
  }

  stats(): RunServiceStats {
    const provider = this.options.providerStats();
    return {
      running: this.options.queue.runningCount,
      queued: this.options.queue.queuedCount,
      maxConcurrent: this.options.queue.maxConcurrent,
      maxQueue: this.options.queue.maxQueue,
      sessions: this.options.notebooks.count,
      sandboxesActive: provider.active,
      poolReady: provider.poolReady,
    };
  }

  private async runOneShot(
    owner: string,
    language: AvailableLanguage,
    request: RunRequest,
    files: ValidatedFile[],
    timeoutMs: number,
    handlers: ExecutionHandlers,
    release: () => void,
  ): Promise<ExecutionOutcome> {
    const code = await this.prepareCode(language, request.code, "module");
    if (typeof code !== "string") {
      release();
      return code;
    }
    let sandbox: Sandbox | undefined;
    try {
      // Compiled languages compile and then run: two commands need storage that outlives one.
      sandbox = await this.options.provider.create({
        owner,
        limits: this.options.limits,
        singleUse: language.compile === undefined,
      });
      await Promise.all([
        ...files.map((file) => sandbox!.writeFile(file.path, file.data)),
        sandbox.writeFile(language.fileName, code),
      ]);
      return await runProgram(
        sandbox,
        language,
        { args: request.args ?? [], stdin: request.stdin ?? "" },
        this.executionLimits(timeoutMs),
        handlers,
      );
    } finally {
      // Tear-down happens after the answer; the queue slot is held until it is done.
      const created = sandbox;
      void (created ? created.destroy() : Promise.resolve())
        .catch((error: unknown) => this.options.onError?.(`sandbox clean-up failed: ${errorMessage(error)}`))
        .finally(release);
    }
  }

  private async runInNotebook(
    notebook: Notebook,
    language: AvailableLanguage,
    request: RunRequest,
    files: ValidatedFile[],
    timeoutMs: number,
    handlers: ExecutionHandlers,
  ): Promise<NotebookOutcome> {
    await Promise.all(files.map((file) => notebook.sandbox.writeFile(file.path, file.data)));
    const limits = this.executionLimits(timeoutMs);
    if (language.kernel) {
      const code = await this.prepareCode(language, request.code, "script");
      if (typeof code !== "string") return code;
      const { handle, restarted } = await this.options.notebooks.kernel(notebook, language.kernel);
      const outcome = await runInKernel(handle, { code, stdin: request.stdin ?? "" }, limits, handlers);
      if (
        outcome.status === "timeout" ||
        outcome.status === "memory_limit" ||
        outcome.status === "pids_limit" ||
        outcome.status === "output_limit"
      ) {
        outcome.explanation =
          `${outcome.explanation ?? ""} The notebook's ${language.kernel} kernel was stopped; the next run starts a fresh one (variables are lost).`.trim();
      }
      return restarted ? { ...outcome, kernelRestarted: true } : outcome;
    }
    const code = await this.prepareCode(language, request.code, "module");
    if (typeof code !== "string") return code;
    await notebook.sandbox.writeFile(language.fileName, code);
    return runProgram(
      notebook.sandbox,
      language,
      { args: request.args ?? [], stdin: request.stdin ?? "" },
      limits,
      handlers,
    );
  }

  /** The outcome, saying so when the run spent its notebook's CPU budget (the notebook then ends). */
  private async checkCpuBudget(notebook: Notebook, outcome: NotebookOutcome): Promise<NotebookOutcome> {
    const spent = await this.options.notebooks.spentCpuBudget(notebook);
    if (!spent) return outcome;
    const explanation =
      `The run session used ${spent.usedSeconds.toFixed(1)} s of CPU, past its budget of ${spent.budgetSeconds} s ` +
      "(runs.session_cpu_seconds): it was ended and its kernels stopped; the next run starts a fresh session (variables are lost).";
    return {
      ...outcome,
      sessionEnded: "cpu_budget",
      explanation: `${outcome.explanation ?? ""} ${explanation}`.trim(),
    };
  }

  /** The code to run, or a compile_error outcome when TypeScript does not parse. */
  private async prepareCode(
    language: AvailableLanguage,
    code: string,
    target: "module" | "script",
  ): Promise<string | ExecutionOutcome> {
    if (!language.isTypeScript) return code;
    const transpiled = await transpileTypeScript(code, target);
    if (!transpiled.diagnostics) return transpiled.javascript;
    return {
      status: "compile_error",
      stdout: "",
      stderr: transpiled.diagnostics,
      exitCode: null,
      signal: null,
      durationMs: 0,
      truncated: false,
      explanation: "Compilation failed.",
    };
  }

  private executionLimits(timeoutMs: number) {
    return {
      timeoutMs,
      maxOutputBytes: this.options.maxOutputBytes,
      // CPU time backs up the wall clock: a busy loop cannot outlast it even if a timer is late.
      cpuTimeSeconds: Math.ceil(timeoutMs / 1000) + 1,
      compileTimeoutMs: this.options.compileTimeoutMs,
    };
  }

  /** A failure to record is logged, never the run's failure: the caller still gets its result. */
  private async record(owner: string, request: RunRequest, result: RunResult): Promise<void> {
    try {
      await this.options.runs?.insert({
        id: result.runId,
        owner,
        language: result.language,
        status: result.status,
        exitCode: result.exitCode,
        durationMs: result.durationMs,
        stdinBytes: Buffer.byteLength(request.stdin ?? ""),
        codeBytes: Buffer.byteLength(request.code),
        stdoutBytes: Buffer.byteLength(result.stdout),
        stderrBytes: Buffer.byteLength(result.stderr),
        codeSha256: createHash("sha256").update(request.code).digest("hex"),
        sessionId: result.sessionId,
        createdAt: new Date(),
      });
    } catch (error) {
      this.options.onError?.(`cannot record run ${result.runId}: ${errorMessage(error)}`);
    }
  }
}

function failure(message: string): ExecutionOutcome {
  return {
    status: "sandbox_error",
    stdout: "",
    stderr: "",
    exitCode: null,
    signal: null,
    durationMs: 0,
    truncated: false,
    explanation: `The sandbox failed: ${message}`,
  };
}

function toResult(
  outcome: NotebookOutcome,
  identity: { runId: string; language: string; sessionId: string | null },
): RunResult {
  const explanation = outcome.explanation ?? "";
  const error = explanation
    ? `${outcome.stderr}${outcome.stderr && !outcome.stderr.endsWith("\n") ? "\n" : ""}${explanation}`
    : outcome.stderr;
  return {
    output: outcome.stdout,
    error,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
    exitCode: outcome.exitCode,
    signal: outcome.signal,
    status: outcome.status,
    durationMs: Math.round(outcome.durationMs * 1000) / 1000,
    truncated: outcome.truncated,
    language: identity.language,
    sessionId: identity.sessionId,
    runId: identity.runId,
    ...(outcome.result === undefined ? {} : { result: outcome.result }),
    ...(outcome.kernelRestarted ? { kernelRestarted: true } : {}),
    ...(outcome.background === undefined ? {} : { background: outcome.background }),
    ...(outcome.sessionEnded === undefined ? {} : { sessionEnded: outcome.sessionEnded }),
  };
}
