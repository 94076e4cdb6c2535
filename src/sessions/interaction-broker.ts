import { HangarError } from "../core/errors.js";
import { newId } from "../core/ids.js";
import type { InteractionKind, InteractionOutcome } from "../events/session-events.js";
import type { InteractionAnswer, PendingInteraction } from "../protocol/index.js";
import type { EmitSessionEvent } from "./session-events-emitter.js";
import { turnStopOf } from "./turn-stop.js";
import type { InteractionRecord, InteractionRepository } from "../store/interaction-repository.js";

/**
 * Questions and permission requests that wait for a human. Each is stored
 * (so it survives a restart) and announced as an event; any front end may
 * answer, the first answer wins (a conditional update in the store), and
 * everyone sees `interaction.resolved`. Unanswered ones end by policy.
 */
export interface InteractionBrokerOptions {
  interactions: InteractionRepository;
  emit: EmitSessionEvent;
  timeoutMs: number;
  /** deny: the tool call is refused (a question gets no answer); cancel: the whole turn is cancelled. */
  timeoutAction: "deny" | "cancel";
  /** A session starts or stops waiting for a human. */
  onWaiting(sessionId: string, isWaiting: boolean): void;
  /** Called when an interaction timed out under the `cancel` action. */
  cancelTurn(sessionId: string, reason: string): void;
  now?: () => Date;
}

export type { InteractionAnswer, PendingInteraction } from "../protocol/index.js";

export interface InteractionResolution {
  outcome: InteractionOutcome;
  answer?: string;
}

const maxAnswerLength = 10_000;

export class InteractionBroker {
  readonly #options: InteractionBrokerOptions;
  readonly #now: () => Date;
  readonly #waiters = new Map<string, (resolution: InteractionResolution) => void>();
  readonly #timers = new Map<string, NodeJS.Timeout>();

  constructor(options: InteractionBrokerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * Asks and waits. After a restart the same tool call finds its interaction
   * again: a resolved one answers at once, a pending one is waited on (no
   * second event is sent).
   */
  async request(
    request: {
      sessionId: string;
      turnId: string;
      kind: InteractionKind;
      toolCallId: string;
      payload: { tool?: string; input?: unknown; summary?: string; question?: string; choices?: string[] };
    },
    signal: AbortSignal,
  ): Promise<InteractionResolution> {
    signal.throwIfAborted();
    let record = this.#options.interactions.findByToolCall(request.sessionId, request.toolCallId);
    if (record?.status === "resolved") return resolutionOf(record);
    if (record === undefined) {
      const id = newId("int");
      const createdAt = this.#now();
      const expiresAt = new Date(createdAt.getTime() + this.#options.timeoutMs);
      record = this.#options.interactions.create({
        id,
        sessionId: request.sessionId,
        turnId: request.turnId,
        kind: request.kind,
        toolCallId: request.toolCallId,
        request: request.payload,
        createdAt,
        expiresAt,
      });
      const common = {
        interaction_id: id,
        tool_call_id: request.toolCallId,
        expires_at: expiresAt.toISOString(),
      };
      if (request.kind === "permission") {
        this.#options.emit(request.sessionId, "permission.requested", {
          ...common,
          tool: request.payload.tool ?? "",
          input: request.payload.input,
          summary: request.payload.summary ?? "",
        });
      } else {
        this.#options.emit(request.sessionId, "question.asked", {
          ...common,
          question: request.payload.question ?? "",
          ...(request.payload.choices ? { choices: request.payload.choices } : {}),
        });
      }
    }
    const pending = record;
    this.#arm(pending);
    this.#options.onWaiting(pending.sessionId, true);
    try {
      return await new Promise<InteractionResolution>((resolve, reject) => {
        const onAbort = () => {
          this.#waiters.delete(pending.id);
          // A shutdown leaves the question pending for the next start; a cancel ends it.
          if (turnStopOf(signal)?.outcome !== "interrupted") this.#settle(pending, { outcome: "cancelled" });
          reject(signal.reason as Error);
        };
        signal.addEventListener("abort", onAbort, { once: true });
        this.#waiters.set(pending.id, (resolution) => {
          signal.removeEventListener("abort", onAbort);
          resolve(resolution);
        });
      });
    } finally {
      this.#options.onWaiting(pending.sessionId, false);
    }
  }

  /** A front end's answer. Throws NOT_FOUND, CONFLICT (already resolved) or VALIDATION_FAILED. */
  reply(sessionId: string, interactionId: string, answer: InteractionAnswer): InteractionResolution {
    const record = this.#options.interactions.get(interactionId);
    if (record === undefined || record.sessionId !== sessionId) {
      throw new HangarError("NOT_FOUND", `no interaction ${interactionId} in session ${sessionId}`, {
        field: "interaction_id",
      });
    }
    const resolution = this.#validate(record, answer);
    if (!this.#settle(record, resolution)) {
      const current = this.#options.interactions.get(interactionId);
      throw new HangarError(
        "CONFLICT",
        `interaction ${interactionId} is already resolved (${current?.outcome ?? "resolved"})`,
        { field: "interaction_id" },
      );
    }
    return resolution;
  }

  /** What a session waits for, for front ends that join late. */
  pending(sessionId: string): PendingInteraction[] {
    return this.#options.interactions.listPending({ sessionId }).map((record) => ({
      interaction_id: record.id,
      kind: record.kind,
      tool_call_id: record.toolCallId,
      request: record.request,
      expires_at: record.expiresAt.toISOString(),
    }));
  }

  /** Start-up: pending interactions keep their deadlines across a restart. */
  rearm(): void {
    for (const record of this.#options.interactions.listPending({})) this.#arm(record);
  }

  stop(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  #validate(record: InteractionRecord, answer: InteractionAnswer): InteractionResolution {
    if (record.kind === "permission") {
      if (typeof answer.approved !== "boolean") {
        throw new HangarError(
          "VALIDATION_FAILED",
          "a permission request is answered with approved: true or false",
          {
            field: "approved",
          },
        );
      }
      return { outcome: answer.approved ? "approved" : "denied" };
    }
    if (
      typeof answer.answer !== "string" ||
      answer.answer.trim() === "" ||
      answer.answer.length > maxAnswerLength
    ) {
      throw new HangarError(
        "VALIDATION_FAILED",
        `a question is answered with answer: 1-${maxAnswerLength} characters`,
        {
          field: "answer",
        },
      );
    }
    return { outcome: "answered", answer: answer.answer };
  }

  /** Stores the resolution if nobody did first; returns whether this call won. */
  #settle(record: InteractionRecord, resolution: InteractionResolution): boolean {
    const isFirst = this.#options.interactions.resolve(
      record.id,
      resolution.outcome,
      resolution.answer,
      this.#now(),
    );
    if (!isFirst) return false;
    clearTimeout(this.#timers.get(record.id));
    this.#timers.delete(record.id);
    this.#options.emit(record.sessionId, "interaction.resolved", {
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

  #arm(record: InteractionRecord): void {
    if (this.#timers.has(record.id)) return;
    const delay = Math.max(0, record.expiresAt.getTime() - this.#now().getTime());
    const timer = setTimeout(() => {
      this.#timers.delete(record.id);
      if (!this.#settle(record, { outcome: "timeout" })) return;
      if (this.#options.timeoutAction === "cancel") {
        this.#options.cancelTurn(record.sessionId, `interaction ${record.id} was not answered in time`);
      }
    }, delay);
    timer.unref();
    this.#timers.set(record.id, timer);
  }
}

function resolutionOf(record: InteractionRecord): InteractionResolution {
  return {
    outcome: record.outcome ?? "timeout",
    ...(record.answer === null || record.answer === undefined ? {} : { answer: record.answer }),
  };
}
