import { HangarError, errorMessage } from "../core/errors.js";
import { newRunId } from "../core/ids.js";
import { runInKernel, runProgram } from "./run-executor.js";
import { interruptedResult, RunRecords } from "./run-records.js";
import { validateRunRequest } from "./run-request-validation.js";
import { transpileTypeScript } from "./typescript-transpiler.js";
/** An accepted asynchronous run that never ended because Hangar stopped. */
const stoppedReason = "Hangar stopped before this run ended, so it did not finish; submit it again.";
export class CodeRunService {
    options;
    #records;
    /** Aborted by stop(): accepted runs end (as interrupted) before the store closes. */
    #stopping = new AbortController();
    #accepted = new Set();
    constructor(options) {
        this.options = options;
        this.#records =
            options.runs === undefined
                ? undefined
                : new RunRecords({
                    repository: options.runs,
                    retentionMs: options.resultRetentionMs ?? 24 * 3_600_000,
                    ...(options.onError === undefined ? {} : { onError: options.onError }),
                });
    }
    async execute(owner, request, executeOptions = {}) {
        const prepared = this.prepare(request);
        const release = await this.options.queue.acquire(owner, executeOptions.signal);
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
    async submit(owner, request, submitOptions = {}) {
        const records = this.#records;
        if (records === undefined) {
            throw new HangarError("INTERNAL", "asynchronous runs need a run store, and this service has none");
        }
        const prepared = this.prepare(request);
        if (this.#stopping.signal.aborted) {
            throw new HangarError("SHUTTING_DOWN", "the server is shutting down", { retryAfterSeconds: 5 });
        }
        const slot = this.options.queue.acquire(owner, this.#stopping.signal);
        // Awaited below; until then a rejection (stop while queued) must not count as unhandled.
        slot.catch(() => undefined);
        const runId = newRunId();
        const createdAt = new Date();
        try {
            await records.accept(owner, request, prepared.language.name, runId, createdAt);
        }
        catch (error) {
            void slot.then((release) => release(), () => undefined);
            throw error;
        }
        const finished = this.finishAccepted(records, owner, prepared, runId, createdAt, slot).then((result) => submitOptions.onEnd?.(result));
        this.#accepted.add(finished);
        void finished.finally(() => this.#accepted.delete(finished));
        return { runId, status: "queued" };
    }
    getRun(owner, runId) {
        if (this.#records === undefined)
            throw new HangarError("NOT_FOUND", `no run '${runId}'`, { field: "runId" });
        return this.#records.get(owner, runId);
    }
    async listRuns(owner, listRequest) {
        if (this.#records === undefined)
            return { runs: [], nextCursor: null };
        return this.#records.list(owner, listRequest.limit, listRequest.cursor);
    }
    /** Start-up, before runs are accepted: see RunRecords.recover. */
    async recover() {
        return (await this.#records?.recover()) ?? { interrupted: 0, purged: 0 };
    }
    /** Deletes the runs past their retention (called periodically by the composition root). */
    async purgeExpired() {
        return (await this.#records?.purge()) ?? 0;
    }
    /** Ends the accepted runs (recorded as interrupted) and waits until each is recorded. */
    async stop() {
        this.#stopping.abort(new Error("Hangar is stopping"));
        await Promise.allSettled([...this.#accepted]);
    }
    prepare(request) {
        const files = validateRunRequest(request, this.options.requestLimits);
        const language = this.options.languages.resolve(request.language, request.version);
        this.options.assertIsolation();
        return { request, files, language };
    }
    async finishAccepted(records, owner, prepared, runId, createdAt, slot) {
        const { request, language } = prepared;
        let result;
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
        }
        catch (error) {
            const identity = { id: runId, language: language.name, sessionId: request.sessionId ?? null };
            result = this.#stopping.signal.aborted
                ? interruptedResult(identity, stoppedReason)
                : toResult(failure(errorMessage(error), "The run could not start"), { runId, ...identity });
        }
        await records.finish(owner, request, result, createdAt, true);
        return result;
    }
    /** Runs a prepared request that holds a queue slot; `release` frees the slot once the sandbox is done. */
    async runWithSlot(owner, prepared, runId, release, executeOptions) {
        const { request, files, language } = prepared;
        const sessionId = request.sessionId ?? null;
        const useSession = sessionId !== null && request.fresh !== true;
        const emit = executeOptions.onEvent ?? (() => undefined);
        emit({ type: "start", runId, language: language.name, sessionId });
        const handlers = {
            onStdout: (data) => emit({ type: "stdout", data }),
            onStderr: (data) => emit({ type: "stderr", data }),
            onResult: (bundle) => emit({ type: "result", ...bundle }),
            ...(executeOptions.signal ? { signal: executeOptions.signal } : {}),
        };
        const timeoutMs = request.timeoutMs ?? this.options.defaultTimeoutMs;
        let outcome;
        try {
            outcome = useSession
                ? await this.options.notebooks.withNotebook(owner, sessionId, async (notebook) => this.checkCpuBudget(notebook, await this.runInNotebook(notebook, language, request, files, timeoutMs, handlers)))
                : await this.runOneShot(owner, language, request, files, timeoutMs, handlers, release);
        }
        catch (error) {
            release();
            if (error instanceof HangarError && error.code !== "SANDBOX_ERROR" && error.code !== "SANDBOX_GONE") {
                throw error;
            }
            this.options.onError?.(`run ${runId} failed in the sandbox: ${errorMessage(error)}`);
            outcome = failure(errorMessage(error));
        }
        if (useSession)
            release();
        return toResult(outcome, { runId, language: language.name, sessionId });
    }
    languages() {
        return this.options.languages.describe();
    }
    listNotebooks(owner) {
        return this.options.notebooks.list(owner);
    }
    deleteNotebook(owner, sessionId) {
        return this.options.notebooks.delete(owner, sessionId);
    }
    stats() {
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
    async runOneShot(owner, language, request, files, timeoutMs, handlers, release) {
        const code = await this.prepareCode(language, request.code, "module");
        if (typeof code !== "string") {
            release();
            return code;
        }
        let sandbox;
        try {
            // Compiled languages compile and then run: two commands need storage that outlives one.
            sandbox = await this.options.provider.create({
                owner,
                limits: this.options.limits,
                singleUse: language.compile === undefined,
            });
            await Promise.all([
                ...files.map((file) => sandbox.writeFile(file.path, file.data)),
                sandbox.writeFile(language.fileName, code),
            ]);
            return await runProgram(sandbox, language, { args: request.args ?? [], stdin: request.stdin ?? "" }, this.executionLimits(timeoutMs), handlers);
        }
        finally {
            // Tear-down happens after the answer; the queue slot is held until it is done.
            const created = sandbox;
            void (created ? created.destroy() : Promise.resolve())
                .catch((error) => this.options.onError?.(`sandbox clean-up failed: ${errorMessage(error)}`))
                .finally(release);
        }
    }
    async runInNotebook(notebook, language, request, files, timeoutMs, handlers) {
        const executionCount = ++notebook.executions;
        const outcome = await this.runNotebookCell(notebook, language, request, files, timeoutMs, handlers);
        return { ...outcome, executionCount };
    }
    async runNotebookCell(notebook, language, request, files, timeoutMs, handlers) {
        await Promise.all(files.map((file) => notebook.sandbox.writeFile(file.path, file.data)));
        const limits = this.executionLimits(timeoutMs);
        if (language.kernel) {
            const code = await this.prepareCode(language, request.code, "script");
            if (typeof code !== "string")
                return code;
            const { handle, restarted } = await this.options.notebooks.kernel(notebook, language.kernel);
            const outcome = await runInKernel(handle, { code, stdin: request.stdin ?? "" }, limits, handlers);
            if (outcome.stateKept === true) {
                // Interrupted in time: the kernel and its variables are still there.
            }
            else if (outcome.status === "timeout" ||
                outcome.status === "memory_limit" ||
                outcome.status === "pids_limit" ||
                outcome.status === "output_limit") {
                outcome.explanation =
                    `${outcome.explanation ?? ""} The notebook's ${language.kernel} kernel was stopped; the next run starts a fresh one (variables are lost).`.trim();
            }
            return restarted ? { ...outcome, kernelRestarted: true } : outcome;
        }
        const code = await this.prepareCode(language, request.code, "module");
        if (typeof code !== "string")
            return code;
        await notebook.sandbox.writeFile(language.fileName, code);
        return runProgram(notebook.sandbox, language, { args: request.args ?? [], stdin: request.stdin ?? "" }, limits, handlers);
    }
    /** The outcome, saying so when the run spent its notebook's CPU budget (the notebook then ends). */
    async checkCpuBudget(notebook, outcome) {
        const spent = await this.options.notebooks.spentCpuBudget(notebook);
        if (!spent)
            return outcome;
        const explanation = `The run session used ${spent.usedSeconds.toFixed(1)} s of CPU, past its budget of ${spent.budgetSeconds} s ` +
            "(runs.session_cpu_seconds): it was ended and its kernels stopped; the next run starts a fresh session (variables are lost).";
        return {
            ...outcome,
            sessionEnded: "cpu_budget",
            explanation: `${outcome.explanation ?? ""} ${explanation}`.trim(),
        };
    }
    /** The code to run, or a compile_error outcome when TypeScript does not parse. */
    async prepareCode(language, code, target) {
        if (!language.isTypeScript)
            return code;
        const transpiled = await transpileTypeScript(code, target);
        if (!transpiled.diagnostics)
            return transpiled.javascript;
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
    executionLimits(timeoutMs) {
        return {
            timeoutMs,
            maxOutputBytes: this.options.maxOutputBytes,
            // CPU time backs up the wall clock: a busy loop cannot outlast it even if a timer is late.
            cpuTimeSeconds: Math.ceil(timeoutMs / 1000) + 1,
            compileTimeoutMs: this.options.compileTimeoutMs,
        };
    }
}
function failure(message, what = "The sandbox failed") {
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
function toResult(outcome, identity) {
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
//# sourceMappingURL=code-run-service.js.map