import { HangarError, errorMessage } from "../../core/errors.js";
import { newId } from "../../core/ids.js";
import { answerPermission } from "./acp-permissions.js";
import { AcpUpdateTranslator } from "./acp-updates.js";
/** How often the last runner seq is stored while events stream. */
const seqSaveIntervalMs = 250;
/** An event's origin in the log is `epoch * originsPerEpoch + seq`. */
const originsPerEpoch = 2 ** 32;
/** The most of the conversation kept for priming (its end: the newest part matters most). */
const maxTranscriptCharacters = 64 * 1024;
export function acpAgentDriver(options) {
    return async (context) => new AcpDriver(options, context);
}
class AcpDriver {
    #options;
    #context;
    #runner;
    #savedSeq = 0;
    #savedAt = Number.NEGATIVE_INFINITY;
    /** The newest runner event with session events in the log, and how many of its events are there. */
    #logged;
    /** Permission requests not answered yet: the stored seq stays before them, so a restart answers them. */
    #unanswered = new Set();
    constructor(options, context) {
        this.#options = options;
        this.#context = context;
    }
    async prompt(prompt, signal) {
        const context = this.#context;
        const state = await this.#loadState();
        this.#savedSeq = state.lastSeq;
        const runner = await this.#options.runners.open(context.sandbox, signal);
        this.#runner = runner;
        const status = await runner.status(context.sessionId);
        // Subscribe first, so nothing the prompt produces can come between the two.
        const following = new AbortController();
        const stopFollowing = () => following.abort(signal.reason);
        signal.addEventListener("abort", stopFollowing, { once: true });
        if (status.found) {
            this.#logged = await this.#loggedPosition(state);
        }
        else {
            // A runner that does not know the session numbers its events from 1 again.
            state.lastSeq = 0;
            state.epoch = (state.epoch ?? 0) + 1;
            this.#logged = undefined;
        }
        const events = runner.subscribe(context.sessionId, state.lastSeq, following.signal);
        const translator = new AcpUpdateTranslator({ newMessageId: () => newId("msg") });
        try {
            // This runner took this very turn: it still runs it, or finished it while Hangar was
            // down (its end is among the events after the stored seq). Followed, never sent again.
            const taken = status.found &&
                state.promptedTurnId === prompt.turnId &&
                (status.busy || status.lastSeq > state.lastSeq);
            if (!taken)
                await this.#send(runner, prompt, state);
            await this.#follow(runner, events, translator, prompt, state, signal);
        }
        catch (error) {
            if (signal.aborted)
                await this.#cancel(runner, translator, prompt, state, signal.reason);
            await this.#saveSeq(state, state.lastSeq, true);
            throw error;
        }
        finally {
            signal.removeEventListener("abort", stopFollowing);
            following.abort();
        }
    }
    async abandon(reason) {
        await this.#runner?.cancel(this.#context.sessionId, reason).catch(() => undefined);
    }
    async close() {
        // The runner and the agent stay for the next prompt; the runners service owns them.
        this.#runner = undefined;
    }
    async #send(runner, prompt, state) {
        const context = this.#context;
        const launch = await this.#options.launch(context, prompt);
        // The same turn sent again (its runner died): what it said so far is done again, so the
        // transcript goes back to where the turn began instead of holding its prompt twice.
        if (state.promptedTurnId === prompt.turnId && state.transcriptBeforeTurn !== undefined) {
            state.transcript = state.transcriptBeforeTurn;
        }
        const answer = await runner.chat({
            sessionId: context.sessionId,
            projectId: context.sandbox.owner,
            requestId: prompt.turnId,
            prompt: prompt.text,
            launch,
            ...(state.acpSessionId === undefined ? {} : { acpSessionId: state.acpSessionId }),
            ...(state.transcript === "" ? {} : { transcript: state.transcript }),
        });
        // A new ACP session where an earlier one existed: the agent lost its own memory of the
        // conversation (it had only this turn's, when there is no transcript yet to prime with).
        const origin = answer.sessionOrigin;
        if (state.acpSessionId !== undefined && (origin === "primed" || origin === "new")) {
            context.emit({
                name: "session.status",
                data: {
                    status: "running",
                    reason: origin === "primed"
                        ? "the agent could not load its earlier session; it continues in a new one primed with the conversation so far"
                        : "the agent could not load its earlier session; it starts this turn again in a new one",
                },
            });
        }
        state.acpSessionId = answer.acpSessionId;
        state.promptedTurnId = prompt.turnId;
        state.transcriptBeforeTurn = state.transcript;
        state.transcript = appendTranscript(state.transcript, "user", prompt.text);
        await this.#context.state.save(state);
    }
    /** Emits the prompt's events until it ends; resolves on a normal end, rejects on a failure. */
    async #follow(runner, events, translator, prompt, state, signal) {
        for await (const progress of events) {
            if (progress.seq <= state.lastSeq)
                continue;
            const belongsToPrompt = progress.requestId === undefined || progress.requestId === prompt.turnId;
            switch (progress.messageType) {
                case "AgentSessionUpdate":
                    this.#emit(progress.seq, translator.translate(parsed(progress.payload)), state);
                    break;
                case "PermissionRequest": {
                    const request = parsed(progress.payload);
                    this.#emit(progress.seq, translator.announce(request?.toolCall), state);
                    // Answered again after a restart even when its events are logged: the stored
                    // interaction gives the same answer, and the runner ignores one it already has.
                    this.#answer(runner, request ?? {}, prompt, progress.seq, signal);
                    break;
                }
                case "SessionPromptEnd":
                    if (!belongsToPrompt)
                        break;
                    this.#emit(progress.seq, translator.finish(progress.subType), state);
                    await this.#saveSeq(state, progress.seq, true);
                    if (progress.subType === "refusal") {
                        throw new HangarError("AGENT_FAILED", "the agent refused the prompt");
                    }
                    return;
                case "AgentExited":
                    this.#emit(progress.seq, translator.finish("the agent exited"), state);
                    await this.#saveSeq(state, progress.seq, true);
                    throw new HangarError("AGENT_FAILED", `the agent exited (${progress.subType}): ${tailOf(progress.payload)}`);
                case "Error":
                    if (belongsToPrompt) {
                        await this.#saveSeq(state, progress.seq, true);
                        throw new HangarError("AGENT_FAILED", `the agent failed: ${tailOf(progress.payload)}`);
                    }
                    break;
                default:
                    break;
            }
            await this.#saveSeq(state, progress.seq);
        }
        signal.throwIfAborted();
        throw new HangarError("AGENT_FAILED", "the agent runner closed the progress stream before the prompt ended");
    }
    /**
     * Emits a runner event's session events in order, each with its origin, leaving out
     * those the log already has (a runner followed again after a restart of Hangar). The
     * assistant's whole messages also go into the transcript.
     */
    #emit(seq, events, state) {
        const logged = this.#logged;
        const fresh = logged === undefined || seq > logged.seq ? events : seq < logged.seq ? [] : events.slice(logged.count);
        const origin = (state.epoch ?? 0) * originsPerEpoch + seq;
        for (const event of fresh) {
            if (event.name === "message.end") {
                state.transcript = appendTranscript(state.transcript, "assistant", event.data.text);
            }
            this.#context.emit(event, origin);
        }
    }
    /** How far the log has this runner generation's events (undefined: none of them). */
    async #loggedPosition(state) {
        const logged = await this.#context.lastOrigin();
        if (logged === undefined || Math.floor(logged.origin / originsPerEpoch) !== (state.epoch ?? 0)) {
            return undefined;
        }
        return { seq: logged.origin % originsPerEpoch, count: logged.count };
    }
    /** Answers a permission request without holding up the stream (other updates may come meanwhile). */
    #answer(runner, request, prompt, seq, signal) {
        const toolCallId = request.toolCall?.toolCallId ?? "";
        this.#unanswered.add(seq);
        void answerPermission(request, prompt.approval, this.#context.interactions, signal)
            .catch(() => ({ cancelled: true }))
            .then((answer) => runner.resolvePermission(this.#context.sessionId, toolCallId, answer))
            .catch(() => undefined)
            .finally(() => this.#unanswered.delete(seq));
    }
    /** Asks the agent to stop and waits (briefly) for the prompt's end, so its last events are in the log. */
    async #cancel(runner, translator, prompt, state, reason) {
        await runner.cancel(this.#context.sessionId, errorMessage(reason)).catch(() => undefined);
        const grace = new AbortController();
        const timer = setTimeout(() => grace.abort(), this.#options.cancelGraceMs ?? 3000);
        try {
            const events = runner.subscribe(this.#context.sessionId, state.lastSeq, grace.signal);
            await this.#follow(runner, events, translator, prompt, state, grace.signal).catch(() => undefined);
        }
        finally {
            clearTimeout(timer);
        }
    }
    /**
     * Remembers the last runner event whose session events were emitted. Stored at most every
     * `seqSaveIntervalMs` (and at once at a prompt's end, a failure or a stop): one row update
     * per streamed chunk made SQLite checkpoint mid-stream and stalled delivery by ~70 ms. A
     * runner followed again after a crash replays at most that interval's events, and the log's
     * origins (`#emit`) keep them from being logged twice.
     */
    async #saveSeq(state, seq, now = false) {
        if (seq > state.lastSeq)
            state.lastSeq = seq;
        if (state.lastSeq <= this.#savedSeq)
            return;
        if (!now && performance.now() - this.#savedAt < seqSaveIntervalMs)
            return;
        // Stored before the oldest unanswered permission request, so a restart replays it.
        const safe = Math.min(state.lastSeq, ...[...this.#unanswered].map((pending) => pending - 1));
        if (safe <= this.#savedSeq)
            return;
        this.#savedSeq = safe;
        this.#savedAt = performance.now();
        await this.#context.state.save({ ...state, lastSeq: safe });
    }
    async #loadState() {
        const stored = (await this.#context.state.load());
        return {
            lastSeq: typeof stored?.lastSeq === "number" ? stored.lastSeq : 0,
            transcript: typeof stored?.transcript === "string" ? stored.transcript : "",
            ...(typeof stored?.acpSessionId === "string" ? { acpSessionId: stored.acpSessionId } : {}),
            ...(typeof stored?.promptedTurnId === "string" ? { promptedTurnId: stored.promptedTurnId } : {}),
            ...(typeof stored?.epoch === "number" ? { epoch: stored.epoch } : {}),
            ...(typeof stored?.transcriptBeforeTurn === "string"
                ? { transcriptBeforeTurn: stored.transcriptBeforeTurn }
                : {}),
        };
    }
}
function parsed(payload) {
    try {
        return JSON.parse(payload);
    }
    catch {
        return null;
    }
}
function tailOf(payload) {
    const value = parsed(payload);
    const text = [value?.message, value?.stderr]
        .filter((part) => typeof part === "string" && part !== "")
        .join(": ");
    return (text === "" ? payload : text).slice(-2000);
}
function appendTranscript(transcript, speaker, text) {
    const next = `${transcript}${transcript === "" ? "" : "\n\n"}${speaker === "user" ? "User" : "Assistant"}: ${text}`;
    return next.length > maxTranscriptCharacters ? next.slice(-maxTranscriptCharacters) : next;
}
//# sourceMappingURL=acp-driver.js.map