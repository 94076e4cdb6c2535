import { HangarError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import { turnStopOf } from "./turn-stop.js";
const maxAnswerLength = 10_000;
export class InteractionBroker {
    #options;
    #now;
    #waiters = new Map();
    #timers = new Map();
    constructor(options) {
        this.#options = options;
        this.#now = options.now ?? (() => new Date());
    }
    /**
     * Asks and waits. After a restart the same tool call finds its interaction
     * again: a resolved one answers at once, a pending one is waited on (no
     * second event is sent).
     */
    async request(request, signal) {
        signal.throwIfAborted();
        const found = await this.#options.interactions.findByToolCall(request.sessionId, request.toolCallId);
        if (found?.status === "resolved")
            return resolutionOf(found);
        const record = found ?? (await this.#create(request));
        // The waiter is registered before the question is announced, so no answer can come unheard.
        const answered = this.#wait(record, signal);
        // It may settle while the announcement is stored; it is awaited below.
        void answered.catch(() => undefined);
        if (found === undefined)
            await this.#announce(record, request.payload);
        else {
            // Found pending after a restart: an answer may have been stored while it was being read.
            const current = await this.#options.interactions.get(record.id);
            if (current?.status === "resolved")
                this.#waiters.get(record.id)?.(resolutionOf(current));
        }
        this.#arm(record);
        try {
            await this.#options.onWaiting(record.sessionId, true);
            return await answered;
        }
        finally {
            await this.#options.onWaiting(record.sessionId, false);
        }
    }
    #create(request) {
        const createdAt = this.#now();
        return this.#options.interactions.create({
            id: newId("int"),
            sessionId: request.sessionId,
            turnId: request.turnId,
            kind: request.kind,
            toolCallId: request.toolCallId,
            request: request.payload,
            createdAt,
            expiresAt: new Date(createdAt.getTime() + this.#options.timeoutMs),
        });
    }
    async #announce(record, payload) {
        const common = {
            interaction_id: record.id,
            tool_call_id: record.toolCallId,
            expires_at: record.expiresAt.toISOString(),
        };
        if (record.kind === "permission") {
            await this.#options.emit(record.sessionId, "permission.requested", {
                ...common,
                tool: payload.tool ?? "",
                input: payload.input,
                summary: payload.summary ?? "",
                ...(payload.choices ? { choices: payload.choices } : {}),
            });
        }
        else {
            await this.#options.emit(record.sessionId, "question.asked", {
                ...common,
                question: payload.question ?? "",
                ...(payload.choices ? { choices: payload.choices } : {}),
            });
        }
    }
    /** Resolves with the interaction's answer; rejects with the signal's reason when it aborts first. */
    #wait(record, signal) {
        return new Promise((resolve, reject) => {
            const onAbort = () => {
                this.#waiters.delete(record.id);
                const rejectWithReason = () => reject(signal.reason);
                // A shutdown leaves the question pending for the next start; a cancel ends it.
                if (turnStopOf(signal)?.outcome === "interrupted")
                    rejectWithReason();
                else
                    void this.#settle(record, { outcome: "cancelled" }).then(rejectWithReason, rejectWithReason);
            };
            if (signal.aborted)
                return onAbort();
            signal.addEventListener("abort", onAbort, { once: true });
            this.#waiters.set(record.id, (resolution) => {
                this.#waiters.delete(record.id);
                signal.removeEventListener("abort", onAbort);
                resolve(resolution);
            });
        });
    }
    /** A front end's answer. Rejects with NOT_FOUND, CONFLICT (already resolved) or VALIDATION_FAILED. */
    async reply(sessionId, interactionId, answer) {
        const record = await this.#options.interactions.get(interactionId);
        if (record === undefined || record.sessionId !== sessionId) {
            throw new HangarError("NOT_FOUND", `no interaction ${interactionId} in session ${sessionId}`, {
                field: "interaction_id",
            });
        }
        const resolution = this.#validate(record, answer);
        if (!(await this.#settle(record, resolution))) {
            const current = await this.#options.interactions.get(interactionId);
            throw new HangarError("CONFLICT", `interaction ${interactionId} is already resolved (${current?.outcome ?? "resolved"})`, { field: "interaction_id" });
        }
        return resolution;
    }
    /** What a session waits for, for front ends that join late. */
    async pending(sessionId) {
        const records = await this.#options.interactions.listPending({ sessionId });
        return records.map((record) => ({
            interaction_id: record.id,
            kind: record.kind,
            tool_call_id: record.toolCallId,
            request: record.request,
            expires_at: record.expiresAt.toISOString(),
        }));
    }
    /** Start-up: pending interactions keep their deadlines across a restart. */
    async rearm() {
        for (const record of await this.#options.interactions.listPending({}))
            this.#arm(record);
    }
    stop() {
        for (const timer of this.#timers.values())
            clearTimeout(timer);
        this.#timers.clear();
    }
    #validate(record, answer) {
        if (record.kind === "permission") {
            if (typeof answer.approved !== "boolean") {
                throw new HangarError("VALIDATION_FAILED", "a permission request is answered with approved: true or false", {
                    field: "approved",
                });
            }
            const outcome = answer.approved ? "approved" : "denied";
            if (answer.answer === undefined)
                return { outcome };
            const choices = choicesOf(record.request);
            if (!choices.includes(answer.answer)) {
                throw new HangarError("VALIDATION_FAILED", choices.length === 0
                    ? "this permission request has no choices: answer with approved only"
                    : `answer must be one of the request's choices: ${choices.join(", ")}`, { field: "answer" });
            }
            return { outcome, answer: answer.answer };
        }
        if (typeof answer.answer !== "string" ||
            answer.answer.trim() === "" ||
            answer.answer.length > maxAnswerLength) {
            throw new HangarError("VALIDATION_FAILED", `a question is answered with answer: 1-${maxAnswerLength} characters`, {
                field: "answer",
            });
        }
        return { outcome: "answered", answer: answer.answer };
    }
    /** Stores the resolution if nobody did first; returns whether this call won. */
    async #settle(record, resolution) {
        const isFirst = await this.#options.interactions.resolve(record.id, resolution.outcome, resolution.answer, this.#now());
        if (!isFirst)
            return false;
        clearTimeout(this.#timers.get(record.id));
        this.#timers.delete(record.id);
        await this.#options.emit(record.sessionId, "interaction.resolved", {
            interaction_id: record.id,
            kind: record.kind,
            outcome: resolution.outcome,
            ...(resolution.answer === undefined ? {} : { answer: resolution.answer }),
        });
        const waiter = this.#waiters.get(record.id);
        this.#waiters.delete(record.id);
        waiter?.(resolution);
        return true;
    }
    #arm(record) {
        if (this.#timers.has(record.id))
            return;
        const delay = Math.max(0, record.expiresAt.getTime() - this.#now().getTime());
        const timer = setTimeout(() => {
            this.#timers.delete(record.id);
            void this.#settle(record, { outcome: "timeout" }).then((isFirst) => {
                if (isFirst && this.#options.timeoutAction === "cancel") {
                    this.#options.cancelTurn(record.sessionId, `interaction ${record.id} was not answered in time`);
                }
            }, (error) => this.#options.onTimeoutError(record, error));
        }, delay);
        timer.unref();
        this.#timers.set(record.id, timer);
    }
}
function resolutionOf(record) {
    return {
        outcome: record.outcome ?? "timeout",
        ...(record.answer === null || record.answer === undefined ? {} : { answer: record.answer }),
    };
}
/** The choices a stored request offered (its payload is stored as JSON, so it is checked, not trusted). */
function choicesOf(request) {
    if (typeof request !== "object" || request === null || !("choices" in request))
        return [];
    const { choices } = request;
    return Array.isArray(choices)
        ? choices.filter((choice) => typeof choice === "string")
        : [];
}
//# sourceMappingURL=interaction-broker.js.map