import { HangarError, errorMessage, isHangarError } from "../core/errors.js";
import { describeModelError } from "../llm/model-errors.js";
import { TurnStop, turnStopOf } from "./turn-stop.js";
export async function runTurn(options, session, turn, controller) {
    const { signal } = controller;
    const timeout = setTimeout(() => controller.abort(new TurnStop("failed", `time limit of ${options.limits.turnTimeoutMs / 1000} s reached`)), options.limits.turnTimeoutMs);
    const stuckCheck = setInterval(() => {
        if (options.isWaiting(session.id))
            return;
        if (options.idleMilliseconds(session.id) < options.limits.stuckTurnMs)
            return;
        controller.abort(new TurnStop("failed", `stuck: no progress for ${options.limits.stuckTurnMs / 1000} s`));
    }, Math.min(5000, options.limits.stuckTurnMs / 2));
    timeout.unref();
    stuckCheck.unref();
    let driver;
    try {
        const start = options.agents[session.agent];
        if (start === undefined) {
            throw new HangarError("BAD_REQUEST", `the session's agent "${session.agent}" is not available`);
        }
        const sandbox = await openSandbox(options, session, signal);
        driver = await start(driverContext(options, session, turn, sandbox, controller));
        await options.setStatus(session.id, "running");
        await driver.prompt({ turnId: turn.id, text: turn.prompt, model: turn.model ?? session.model, approval: session.approval }, signal);
        return { outcome: "completed" };
    }
    catch (error) {
        const stop = turnStopOf(signal);
        if (stop?.outcome === "interrupted")
            throw stop;
        const ended = stop !== undefined
            ? { outcome: stop.outcome, reason: stop.message }
            : { outcome: "failed", reason: await reportFailure(options, session.id, error) };
        await driver?.abandon(ended.reason ?? ended.outcome);
        return ended;
    }
    finally {
        clearTimeout(timeout);
        clearInterval(stuckCheck);
        await driver?.close();
    }
}
function driverContext(options, session, turn, sandbox, controller) {
    return {
        sessionId: session.id,
        sandbox,
        emit: (event, origin) => {
            // Appends of a session are ordered by the log; a refused one fails the turn.
            options.emit(session.id, event.name, event.data, origin).catch((error) => {
                controller.abort(new TurnStop("failed", `the event log refused an event: ${options.redact(errorMessage(error))}`));
            });
        },
        lastOrigin: () => options.lastOrigin(session.id),
        interactions: interactionsOf(options.interactions, session.id, turn.id),
        recordUsage: async (inputTokens, outputTokens) => {
            const totals = await options.sessions.addUsage(session.id, inputTokens, outputTokens);
            await options.emit(session.id, "usage", {
                input_tokens: inputTokens,
                output_tokens: outputTokens,
                session_input_tokens: totals.inputTokens,
                session_output_tokens: totals.outputTokens,
            });
            const spent = totals.inputTokens + totals.outputTokens;
            if (spent > options.limits.tokenBudget) {
                throw new HangarError("QUOTA_EXCEEDED", `token budget spent: ${spent} of ${options.limits.tokenBudget} tokens used by this session`);
            }
        },
        state: {
            load: async () => (await options.sessions.get(session.id))?.driverState ?? null,
            save: async (state) => {
                await options.sessions.saveDriverState(session.id, state);
            },
        },
    };
}
/** A driver's questions and permission requests, as stored interactions of this turn. */
function interactionsOf(broker, sessionId, turnId) {
    const ask = (kind, { toolCallId, ...payload }, signal) => broker.request({ sessionId, turnId, kind, toolCallId, payload }, signal);
    return {
        requestPermission: async (request, signal) => (await ask("permission", request, signal)).outcome === "approved",
        decidePermission: async (request, signal) => {
            const resolution = await ask("permission", request, signal);
            return {
                approved: resolution.outcome === "approved",
                ...(resolution.answer === undefined ? {} : { choice: resolution.answer }),
            };
        },
        askUser: async (request, signal) => {
            const resolution = await ask("question", request, signal);
            return resolution.outcome === "answered" ? resolution.answer : undefined;
        },
    };
}
/** The project's sandbox: the one the session used, or the (owner, user, project) one, ensured. */
async function openSandbox(options, session, signal) {
    await options.setStatus(session.id, "starting");
    const { sandbox: managed, created } = await options.sandboxes.ensure(session.owner, {
        userId: session.userId ?? "default",
        projectId: session.projectId,
    });
    signal.throwIfAborted();
    if (session.sandboxId !== managed.id) {
        await options.sessions.setSandbox(session.id, managed.id);
        if (session.sandboxId !== null && created) {
            await options.emit(session.id, "session.status", {
                status: "starting",
                reason: `the session's sandbox ${session.sandboxId} is gone; continuing in ${managed.id}`,
            });
        }
    }
    return options.sandboxes.open(session.owner, managed.id);
}
async function reportFailure(options, sessionId, error) {
    const described = describeFailure(error, (text) => options.redact(text));
    await options.emit(sessionId, "error", described);
    return described.message;
}
function describeFailure(error, redact) {
    if (isHangarError(error))
        return { code: error.code, message: redact(error.message) };
    const described = describeModelError(error);
    if (described !== undefined)
        return { code: described.code, message: redact(described.message) };
    return { code: "INTERNAL", message: redact(errorMessage(error)) };
}
//# sourceMappingURL=turn-runner.js.map