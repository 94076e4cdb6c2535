// Follows one session into one chat: streamed text edited in place and split
// before the platform's limit, questions and permission requests as buttons,
// the outcome of each, and a summary when a turn ends. What the chat shows is
// saved after every flush, so a restarted Hangar continues in the same thread
// from there: nothing missing, nothing twice.

import { costOf, type ModelPrices } from "../core/model-price.js";
import type { HangarClient } from "../client/hangar-client.js";
import type { InteractionRequestEvent, SessionEvent, SessionEventPayloads } from "../protocol/index.js";
import { isFinalStatus } from "../protocol/index.js";
import type { BridgeStateRepository, DeliveredMessage, SessionDelivery } from "./bridge-state.js";
import type { ChatBridge } from "./chat-bridge.js";
import { chatPacerFor, type ChatPacer, type PacerTurn } from "./chat-pacer.js";
import { ChatTranscript, type ToolLineFormatter } from "./chat-transcript.js";
import { interactionMessage, outcomeLine } from "./interaction-buttons.js";
import { addUsage, type TurnSummaryInput, type TurnUsage } from "./text/turn-summary.js";

export interface RelayText {
  /** Splits a stretch's Markdown into messages the platform accepts (each within `limit`). */
  split(markdown: string, limit: number): string[];
  toolLine: ToolLineFormatter;
  /** The line that ends a turn: how it ended, how long it took, the tokens it used. */
  summary(turn: TurnSummaryInput): string;
}

export interface SessionRelayOptions {
  readonly bridge: ChatBridge;
  /** The session owner's client. */
  readonly client: HangarClient;
  readonly state: BridgeStateRepository;
  readonly delivery: SessionDelivery;
  readonly text: RelayText;
  /** How long text gathers before a flush (the chat's pacing can make it wait longer). */
  readonly debounceMs: number;
  /** Paces the calls into each chat; shared by the relays of one dispatcher. Default: one of the relay's own. */
  readonly pacer?: ChatPacer;
  /** A failure the relay retries (the chat refused a message, the stream broke). */
  readonly onError: (error: unknown) => void;
  /** `[llm.prices]`: a turn's summary shows its cost when its model has a price. */
  readonly prices?: ModelPrices;
  /** How long to wait before trying a failed flush or a broken stream again. */
  readonly retryDelayMs?: number;
}

export class SessionRelay {
  readonly sessionId: string;
  readonly owner: string;
  readonly #options: SessionRelayOptions;
  #delivery: SessionDelivery;
  #transcript: ChatTranscript;
  readonly #requests = new Map<string, InteractionRequestEvent>();
  /** Every tool call the session made, so one called again after a crash is not shown twice. */
  readonly #toolCallsSeen = new Set<string>();
  /** Every open tool call's start, so a call's line can be finished in a later stretch. */
  readonly #toolStarts = new Map<string, SessionEventPayloads["tool.start"]>();
  /** Who answered an interaction from this chat, for its outcome line. */
  readonly #answeredBy = new Map<string, string>();
  /** The current turn's tokens and start, for its summary. */
  #turnUsage: TurnUsage | undefined;
  #turnStartedAt: string | undefined;
  #turnModel: string | undefined;
  /** The seq of the last event handled (taken in, or its effect in the chat). */
  #watchedSeq = 0;
  /** Whether the chat was made to match what it showed before this relay started. */
  #caughtUp = false;
  #markReplayed: () => void = () => undefined;
  readonly #replayed = new Promise<void>((resolve) => (this.#markReplayed = resolve));
  #timer: NodeJS.Timeout | undefined;
  /** Failures in a row (a refused flush, a broken stream), for the backoff. */
  #failures = 0;
  #flushing: Promise<void> = Promise.resolve();
  readonly #pacer: ChatPacer;
  /** Forced flushes asked for and not done: the flush in progress then takes forced turns too. */
  #forcedFlushes = 0;
  /** The turn the relay waits for, so a forced flush can move it ahead. */
  #waitingTurn: PacerTurn | undefined;
  readonly #stopping = new AbortController();
  #running: Promise<void> | undefined;

  constructor(options: SessionRelayOptions) {
    this.#options = options;
    this.#delivery = options.delivery;
    this.sessionId = options.delivery.sessionId;
    this.owner = options.delivery.owner;
    this.#transcript = new ChatTranscript(options.text.toolLine, this.#toolStarts);
    this.#pacer = options.pacer ?? chatPacerFor(options.bridge);
  }

  get delivery(): SessionDelivery {
    return this.#delivery;
  }

  /** Resolves once the relay has read the session back to where the chat is (or stopped trying): it knows the open requests. */
  get replayed(): Promise<void> {
    return this.#replayed;
  }

  /** An open question or permission request of this session, by id. */
  request(interactionId: string): InteractionRequestEvent | undefined {
    return this.#requests.get(interactionId);
  }

  /** Remembers who pressed the button that answered an interaction, for its outcome line. */
  noteAnsweredBy(interactionId: string, displayName: string): void {
    this.#answeredBy.set(interactionId, displayName);
  }

  /** Follows the session until it settles or `stop()`; resolves then. */
  start(): Promise<void> {
    this.#running ??= this.#follow();
    return this.#running;
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#markReplayed();
    clearTimeout(this.#timer);
    await this.#running?.catch(() => undefined);
    await this.#flushing.catch(() => undefined);
  }

  /**
   * Replays the session from its first event: events the chat already shows
   * (up to deliveredSeq) rebuild the open requests and the text since
   * textStartSeq; once the replay reaches what the chat lacks, the chat is
   * made to match and later events are delivered.
   */
  async #follow(): Promise<void> {
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      try {
        const lastSeq = (await this.#options.client.getSession(this.sessionId, signal)).last_seq;
        if (lastSeq <= this.#delivery.deliveredSeq && this.#watchedSeq >= lastSeq) await this.#catchUp();
        const events = this.#options.client.watch(this.sessionId, { since: this.#watchedSeq, signal });
        for await (const event of events) {
          if (event.seq > this.#delivery.deliveredSeq) {
            await this.#catchUp();
            await this.#deliver(event);
            // Only now: a flush saves #watchedSeq as delivered, and this event's effect is in the chat.
            this.#watchedSeq = event.seq;
          } else {
            this.#remember(event);
            this.#watchedSeq = event.seq;
            if (event.seq >= lastSeq) await this.#catchUp();
          }
        }
        if (signal.aborted) return;
        await this.#settle();
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.#options.onError(error);
        await delay(this.#nextRetryDelay(), signal);
      }
    }
  }

  /** Takes an event into the open requests, the usage, and (after textStartSeq) the transcript. */
  #remember(event: SessionEvent): void {
    // A session resumed after a crash calls its open tool again: the chat already has its line.
    const isRepeat = event.name === "tool.start" && this.#toolCallsSeen.has(event.data.tool_call_id);
    if (event.name === "tool.start") {
      this.#toolCallsSeen.add(event.data.tool_call_id);
      this.#toolStarts.set(event.data.tool_call_id, event.data);
    }
    if (event.seq > this.#delivery.textStartSeq && !isRepeat) this.#transcript.apply(event);
    if (event.name === "tool.end") this.#toolStarts.delete(event.data.tool_call_id);
    if (event.name === "permission.requested" || event.name === "question.asked") {
      this.#requests.set(event.data.interaction_id, event);
    } else if (event.name === "interaction.resolved") {
      this.#requests.delete(event.data.interaction_id);
    } else if (event.name === "usage") {
      this.#turnUsage = addUsage(this.#turnUsage, event.data);
    } else if (event.name === "turn.start") {
      this.#turnUsage = undefined;
      this.#turnStartedAt = event.created_at;
      this.#turnModel = event.data.model;
    }
  }

  /** After a restart: the chat gets the text it lacks, and open requests their buttons back. */
  async #catchUp(): Promise<void> {
    if (this.#caughtUp) return;
    this.#caughtUp = true;
    this.#markReplayed();
    await this.#flushNow();
    for (const request of this.#requests.values()) {
      const shown = this.#delivery.interactions.find(
        (each) => each.interactionId === request.data.interaction_id,
      );
      try {
        if (shown === undefined) throw new Error("never shown");
        await this.#paced(true);
        await this.#options.bridge.edit(shown.message, interactionMessage(request));
      } catch {
        // Its message is gone (or was never sent before the crash): post the buttons again.
        await this.#postRequest(request);
      }
    }
  }

  async #deliver(event: SessionEvent): Promise<void> {
    this.#remember(event);
    switch (event.name) {
      case "turn.start":
        await this.#startStretch(event.seq);
        return;
      case "message.end":
        await this.#flushNow();
        return;
      case "permission.requested":
      case "question.asked":
        // Asked again by a session resumed after a crash: its buttons are in the chat already.
        if (this.#delivery.interactions.some((each) => each.interactionId === event.data.interaction_id))
          return;
        await this.#flushNow();
        await this.#postRequest(event, event.seq);
        return;
      case "interaction.resolved":
        await this.#resolveRequest(event.data, event.seq);
        return;
      case "turn.end":
        await this.#flushNow();
        await this.#paced(true);
        await this.#options.bridge.send(this.#delivery.address, {
          markdown: this.#options.text.summary({
            outcome: event.data.outcome,
            ...(event.data.reason === undefined ? {} : { reason: event.data.reason }),
            ...(this.#turnStartedAt === undefined
              ? {}
              : { durationMs: Date.parse(event.created_at) - Date.parse(this.#turnStartedAt) }),
            ...(this.#turnUsage === undefined ? {} : { usage: this.#pricedUsage(this.#turnUsage) }),
          }),
        });
        await this.#startStretch(event.seq);
        return;
      default:
        this.#scheduleFlush();
    }
  }

  #pricedUsage(usage: TurnUsage): TurnUsage {
    const cost = costOf(this.#options.prices ?? {}, this.#turnModel, usage.inputTokens, usage.outputTokens);
    return cost === undefined ? usage : { ...usage, costUsd: cost };
  }

  /** Later text goes into new messages, below whatever was just posted. */
  async #startStretch(seq: number): Promise<void> {
    await this.#flushNow();
    this.#transcript = new ChatTranscript(this.#options.text.toolLine, this.#toolStarts);
    await this.#save({ deliveredSeq: seq, textStartSeq: seq, messages: [] });
  }

  /**
   * Posts a request's buttons. With `stretchFrom`, later text goes below them, and that is
   * saved in the same write as the buttons: saved apart, a crash between the two left the
   * text above the buttons open, and the restarted relay edited it (a running tool line
   * turned ✓ above the question instead of a new line below it).
   */
  async #postRequest(request: InteractionRequestEvent, stretchFrom?: number): Promise<void> {
    await this.#paced(true);
    const message = await this.#options.bridge.send(this.#delivery.address, interactionMessage(request));
    const id = request.data.interaction_id;
    const interactions = [
      ...this.#delivery.interactions.filter((each) => each.interactionId !== id),
      { interactionId: id, message },
    ];
    if (stretchFrom === undefined) {
      await this.#save({ interactions });
      return;
    }
    this.#transcript = new ChatTranscript(this.#options.text.toolLine, this.#toolStarts);
    await this.#save({ interactions, deliveredSeq: stretchFrom, textStartSeq: stretchFrom, messages: [] });
  }

  async #resolveRequest(data: SessionEventPayloads["interaction.resolved"], seq: number): Promise<void> {
    const shown = this.#delivery.interactions.find((each) => each.interactionId === data.interaction_id);
    if (shown !== undefined) {
      const line = outcomeLine(data.outcome, data.answer, this.#answeredBy.get(data.interaction_id));
      await this.#paced(true);
      await this.#options.bridge.edit(shown.message, { markdown: line, buttons: [] });
    }
    await this.#save({
      deliveredSeq: Math.max(seq, this.#delivery.deliveredSeq),
      interactions: this.#delivery.interactions.filter((each) => each !== shown),
    });
  }

  async #settle(): Promise<void> {
    await this.#catchUp();
    await this.#flushNow();
    const view = await this.#options.client.getSession(this.sessionId);
    if (isFinalStatus(view.status)) await this.#save({ active: false });
  }

  /** A flush after the debounce (or a retry's delay), or later when the chat's next turn is further off: no turn is taken only to wait. */
  #scheduleFlush(delayMs = this.#options.debounceMs): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(delayMs, this.#pacer.delayFor(this.#delivery.address));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#flushNow(false).catch((error: unknown) => {
        if (this.#stopping.signal.aborted) return;
        this.#options.onError(error);
        // The text stays in the transcript: the next flush, later and later, still carries it.
        this.#scheduleFlush(this.#nextRetryDelay());
      });
    }, wait);
  }

  /** Doubles from retryDelayMs up to a minute while failures follow each other; a flush that lands resets it. */
  #nextRetryDelay(): number {
    const base = this.#options.retryDelayMs ?? 2000;
    const delayMs = Math.min(maxRetryDelayMs, base * 2 ** Math.min(this.#failures, 10));
    this.#failures += 1;
    return delayMs;
  }

  /**
   * Makes the chat show the transcript; one flush at a time, each taking in
   * everything applied before it. Forced (the default: a message's or a turn's
   * end, a question) goes before the debounced flushes waiting for the same chat.
   */
  #flushNow(isForced = true): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (isForced) {
      this.#forcedFlushes += 1;
      this.#waitingTurn?.promote();
    }
    const next = this.#flushing
      .catch(() => undefined)
      .then(() => this.#reconcile())
      .finally(() => {
        if (isForced) this.#forcedFlushes -= 1;
      });
    this.#flushing = next;
    return next;
  }

  /**
   * One platform call per turn of the chat's pacer, each for the first message
   * that differs from the transcript, rendered again once the turn comes: text
   * that arrived while waiting goes into the same edit, none is queued per delta.
   */
  async #reconcile(): Promise<void> {
    const { bridge } = this.#options;
    const messages: DeliveredMessage[] = [...this.#delivery.messages];
    for (;;) {
      // Read before rendering: the chat may then show more than `seq`, never less.
      let seq = this.#watchedSeq;
      if (firstDifference(this.#parts(), messages) === undefined) {
        await this.#save({ messages, deliveredSeq: Math.max(seq, this.#delivery.deliveredSeq) });
        this.#failures = 0;
        return;
      }
      await this.#paced(false);
      seq = this.#watchedSeq;
      const parts = this.#parts();
      const index = firstDifference(parts, messages);
      if (index === undefined) continue;
      const part = parts[index] ?? "";
      const sent = messages[index];
      if (sent === undefined) {
        const message = await bridge.send(this.#delivery.address, { markdown: part });
        messages.push({ messageId: message.messageId, text: part });
      } else {
        await bridge.edit({ ...this.#delivery.address, messageId: sent.messageId }, { markdown: part });
        messages[index] = { messageId: sent.messageId, text: part };
      }
      // Saved per call: a crash after a send must not send it again.
      await this.#save({ messages, deliveredSeq: Math.max(seq, this.#delivery.deliveredSeq) });
    }
  }

  #parts(): string[] {
    const markdown = this.#transcript.render();
    return markdown === "" ? [] : this.#options.text.split(markdown, this.#options.bridge.messageLimit);
  }

  /**
   * Waits for this chat's next turn. A forced flush in progress or asked for
   * makes the turn forced; a stopping relay gives its turn up and calls nothing.
   */
  async #paced(isForced: boolean): Promise<void> {
    const signal = this.#stopping.signal;
    if (signal.aborted) throw new Error("the relay is stopping");
    const turn = this.#pacer.turn(this.#delivery.address, isForced || this.#forcedFlushes > 0);
    const giveUp = (): void => turn.cancel();
    signal.addEventListener("abort", giveUp, { once: true });
    this.#waitingTurn = turn;
    try {
      await turn.granted;
    } finally {
      this.#waitingTurn = undefined;
      signal.removeEventListener("abort", giveUp);
    }
    if (signal.aborted) throw new Error("the relay is stopping");
  }

  async #save(change: Partial<SessionDelivery>): Promise<void> {
    this.#delivery = { ...this.#delivery, ...change };
    await this.#options.state.saveDelivery(this.#delivery);
  }
}

const maxRetryDelayMs = 60_000;

/** The first part the chat does not show as it is, or undefined when it shows them all. */
function firstDifference(
  parts: readonly string[],
  messages: readonly DeliveredMessage[],
): number | undefined {
  const index = parts.findIndex((part, position) => messages[position]?.text !== part);
  return index < 0 ? undefined : index;
}

function delay(milliseconds: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
