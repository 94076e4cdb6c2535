import { HangarError, errorMessage } from "../core/errors.js";
import { newRunId } from "../core/ids.js";
import type { Sandbox, SandboxLimits, SandboxProvider } from "../sandbox/sandbox-port.js";
import type { AvailableLanguage, LanguageRegistry } from "./languages.js";
import { runInKernel, runProgram, type ExecutionHandlers, type ExecutionOutcome } from "./run-executor.js";
import type { RunLane, RunQueue } from "./run-queue.js";
import { interruptedResult, RunRecords } from "./run-records.js";
import type { RunRepository } from "./run-repository.js";
import { validateRunRequest, type RunRequestLimits, type ValidatedFile } from "./run-request-validation.js";
import type { Notebook, NotebookEndReason, Notebooks } from "./notebooks.js";
import type {
  ExecuteOptions,
  LanguageInfo,
  ListRunsRequest,
  PendingRun,
  RunAccepted,
  RunList,
  RunRequest,
  RunResult,
  RunService,
  RunServiceStats,
  NotebookInfo,
  SubmitOptions,
} from "./run-types.js";
import { transpileTypeScript } from "./typescript-transpiler.js";

/**
 * The code execution service behind `POST /run`, `hangar run` and MCP:
 * validates, queues, runs one-shot in a fresh (usually pooled) sandbox or in
 * a notebook's sandbox and kernel, records the run, and streams events.
 */
/** A run's outcome with what its notebook (if any) adds. */
type NotebookOutcome = ExecutionOutcome & {
  kernelRestarted?: boolean;
  sessionEnded?: NotebookEndReason;
  executionCount?: number;
};

/** A request that passed validation, with its language resolved. */
interface PreparedRun {
  request: RunRequest;
  files: ValidatedFile[];
  language: AvailableLanguage;
}

/** An accepted asynchronous run that never ended because Hangar stopped. */
const stoppedReason = "Hangar stopped before this run ended, so it did not finish; submit it again.";

export interface CodeRunServiceOptions {
  provider: SandboxProvider;
  providerStats: () => { active: number; poolReady: number };
  languages: LanguageRegistry;
  notebooks: Notebooks;
  queue: RunQueue;
  runs?: RunRepository;
  /** How long runs (and their results) are kept after they were accepted; 24 hours by default. */
  resultRetentionMs?: number;
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
  readonly #records: RunRecords | undefined;
  /** Aborted by stop(): accepted runs end (as interrupted) before the store closes. */
  readonly #stopping = new AbortController();
  readonly #accepted = new Set<Promise<void>>();

  constructor(private readonly options: CodeRunServiceOptions) {
    this.#records =
      options.runs === undefined
        ? undefined
        : new RunRecords({
            repository: options.runs,
            retentionMs: options.resultRetentionMs ?? 24 * 3_600_000,
            ...(options.onError === undefined ? {} : { onError: options.onError }),
          });
  }

  async execute(owner: string, request: RunRequest, executeOptions: ExecuteOptions = {}): Promise<RunResult> {
    const prepared = this.prepare(request);
    const release = await this.options.queue.acquire(owner, executeOptions.signal, laneOf(request));
    const runId = newRunId();
    const createdAt = new Date();
    const result = await this.runWithSlot(owner, prepared, runId, release, executeOptions);
    await this.#records?.finish(owner, request, result, createdAt, false);
    executeOptions.onEvent?.({ type: "end", result });
    return result;
  }

  /**
   * Accepts a run to execute in the background: checked and admitted to the queue (or
   * refused) and stored as queued before this resolves, so an accepted run is never lost.
   */
  async submit(owner: string, request: RunRequest, submitOptions: SubmitOptions = {}): Promise<RunAccepted> {
    const records = this.#records;
    if (records === undefined) {
      throw new HangarError("INTERNAL", "asynchronous runs need a run store, and this service has none");
    }
    const prepared = this.prepare(request);
    if (this.#stopping.signal.aborted) {
      throw new HangarError("SHUTTING_DOWN", "the server is shutting down", { retryAfterSeconds: 5 });
    }
    const slot = this.options.queue.acquire(owner, this.#stopping.signal, laneOf(request));
    // Awaited below; until then a rejection (stop while queued) must not count as unhandled.
    slot.catch(() => undefined);
    const runId = newRunId();
    const createdAt = new Date();
    try {
      await records.accept(owner, request, prepared.language.name, runId, createdAt);
    } catch (error) {
      void slot.then(
        (release) => release(),
        () => undefined,
      );
      throw error;
    }
    const finished = this.finishAccepted(records, owner, prepared, runId, createdAt, slot).then((result) =>
      submitOptions.onEnd?.(result),
    );
    this.#accepted.add(finished);
    void finished.finally(() => this.#accepted.delete(finished));
    return { runId, status: "queued" };
  }

  getRun(owner: string, runId: string): Promise<RunResult | PendingRun> {
    if (this.#records === undefined)
      throw new HangarError("NOT_FOUND", `no run '${runId}'`, { field: "runId" });
    return this.#records.get(owner, runId);
  }

  async listRuns(owner: string, listRequest: ListRunsRequest): Promise<RunList> {
    if (this.#records === undefined) return { runs: [], nextCursor: null };
    return this.#records.list(owner, listRequest.limit, listRequest.cursor);
  }

  /** Start-up, before runs are accepted: see RunRecords.recover. */
  async recover(): Promise<{ interrupted: number; purged: number }> {
    return (await this.#records?.recover()) ?? { interrupted: 0, purged: 0 };
  }

  /** Deletes the runs past their retention (called periodically by the composition root). */
  async purgeExpired(): Promise<number> {
    return (await this.#records?.purge()) ?? 0;
  }

  /** Ends the accepted runs (recorded as interrupted) and waits until each is recorded. */
  async stop(): Promise<void> {
    this.#stopping.abort(new Error("Hangar is stopping"));
    await Promise.allSettled([...this.#accepted]);
  }

  private prepare(request: RunRequest): PreparedRun {
    const files = validateRunRequest(request, this.options.requestLimits);
    const language = this.options.languages.resolve(request.language, request.version);
    this.options.assertIsolation();
    return { request, files, language };
  }

  private async finishAccepted(
    records: RunRecords,
    owner: string,
    prepared: PreparedRun,
    runId: string,
    createdAt: Date,
    slot: Promise<() => void>,
  ): Promise<RunResult> {
    const { request, language } = prepared;
    let result: RunResult;
    try {
      const release = await slot;
      await records.markRunning({ owner, request, runId, createdAt, language: language.name });
      result = await this.runWithSlot(owner, prepared, runId, release, { signal: this.#stopping.signal });
      if (this.#stopping.signal.aborted) {
        result = {
          ...result,
          status: "interrupted",
          error: `${result.error}${result.error ? "\n" : ""}${stoppedReason}`,
        };
      }
    } catch (error) {
      const identity = { id: runId, language: language.name, sessionId: request.sessionId ?? null };
      result = this.#stopping.signal.aborted
        ? interruptedResult(identity, stoppedReason)
        : toResult(failure(errorMessage(error), "The run could not start"), { runId, ...identity });
    }
    await records.finish(owner, request, result, createdAt, true);
    return result;
  }

  /** Runs a prepared request that holds a queue slot; `release` frees the slot once the sandbox is done. */
  private async runWithSlot(
    owner: string,
    prepared: PreparedRun,
    runId: string,
    release: () => void,
    executeOptions: ExecuteOptions,
  ): Promise<RunResult> {
    const { request, files, language } = prepared;
    const sessionId = request.sessionId ?? null;
    const useSession = sessionId !== null && laneOf(request) === "session";
    const emit = executeOptions.onEvent ?? (() => undefined);
    emit({ type: "start", runId, language: language.name, sessionId });
    const handlers: ExecutionHandlers = {
      onStdout: (data) => emit({ type: "stdout", data }),
      onStderr: (data) => emit({ type: "stderr", data }),
      onResult: (bundle) => emit({ type: "result", ...bundle }),
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
    return toResult(outcome, { runId, language: language.name, sessionId });
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
    const executionCount = ++notebook.executions;
    const outcome = await this.runNotebookCell(notebook, language, request, files, timeoutMs, handlers);
    return { ...outcome, executionCount };
  }

  private async runNotebookCell(
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
      if (outcome.stateKept === true) {
        // Interrupted in time: the kernel and its variables are still there.
      } else if (
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
}

/** A run in a session's notebook (unless it asks to be fresh) runs in the session lane. */
function laneOf(request: RunRequest): RunLane {
  return request.sessionId != null && request.fresh !== true ? "session" : "one-shot";
}

function failure(message: string, what = "The sandbox failed"): ExecutionOutcome {
  return {
    status: "sandbox_error",
    stdout: "",
    stderr: "",
    exitCode: null,
    signal: null,
    durationMs: 0,
    truncated: false,
    explanation: `${what}: ${message}`,
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
    ...(outcome.results === undefined ? {} : { results: outcome.results }),
    ...(outcome.resultsDropped === undefined ? {} : { resultsDropped: outcome.resultsDropped }),
    ...(outcome.executionCount === undefined ? {} : { executionCount: outcome.executionCount }),
    ...(outcome.stateKept === undefined ? {} : { stateKept: outcome.stateKept }),
    ...(outcome.kernelRestarted ? { kernelRestarted: true } : {}),
    ...(outcome.background === undefined ? {} : { background: outcome.background }),
    ...(outcome.sessionEnded === undefined ? {} : { sessionEnded: outcome.sessionEnded }),
  };
}
