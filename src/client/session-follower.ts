import type {
  ChatRequest,
  FinalStatus,
  InteractionAnswer,
  InteractionRequestEvent,
  ReplyResponse,
  SessionEvent,
  SessionStatus,
  SessionView,
} from "../protocol/index.js";
import { isFinalStatus } from "../protocol/index.js";
import { HangarClientError } from "./hangar-client-error.js";
import type { HangarClient } from "./hangar-client.js";

/**
 * Follows one agent session for a front end (CLI, TUI, chat bridges, MCP):
 * its events in seq order, each exactly once across dropped connections
 * (`HangarClient.watch` resumes with `Last-Event-ID` and skips repeats), the
 * questions and permission requests still waiting for an answer, and how
 * the session ended. It neither reads nor prints anything: the front end
 * renders the events and asks its user.
 *
 * Attaching replays the session from its first event. A request seen during
 * that replay may be answered a few events later, so `takeNewInteractions()`
 * hands requests over only once the replay has caught up, and only those
 * still open.
 */
export interface FollowOptions {
  /** Stops following (the iteration ends quietly) and aborts the requests made to start. */
  signal?: AbortSignal;
}

export class SessionFollower implements AsyncIterable<SessionEvent> {
  readonly sessionId: string;
  readonly #client: HangarClient;
  readonly #signal: AbortSignal | undefined;
  /** Events up to this seq had happened before we came: history, not news. */
  readonly #replayUpTo: number;
  #lastSeq: number;
  #status: SessionStatus;
  #finalStatus: FinalStatus | undefined;
  /** Open requests by interaction id, in the order they were asked. */
  readonly #pending = new Map<string, InteractionRequestEvent>();
  /** Open requests already handed to the front end. */
  readonly #handedOver = new Set<string>();
  #isStarted = false;

  private constructor(
    client: HangarClient,
    session: { sessionId: string; status: SessionStatus; since: number; replayUpTo: number },
    options: FollowOptions,
  ) {
    this.#client = client;
    this.#signal = options.signal;
    this.sessionId = session.sessionId;
    this.#status = session.status;
    this.#lastSeq = session.since;
    this.#replayUpTo = session.replayUpTo;
  }

  /**
   * Sends the prompt and follows the session from there: a new session from
   * its first event, a continued one (`session_id`) from the events after
   * those it already had.
   */
  static async start(
    client: HangarClient,
    request: ChatRequest,
    options: FollowOptions = {},
  ): Promise<SessionFollower> {
    const since = request.session_id ? await lastSeqOf(client, request.session_id, options.signal) : 0;
    const started = await client.chat(request, options.signal);
    return new SessionFollower(
      client,
      { sessionId: started.session_id, status: started.status, since, replayUpTo: since },
      options,
    );
  }

  /** Follows an existing session, replaying it from its first event. */
  static async attach(
    client: HangarClient,
    sessionId: string,
    options: FollowOptions = {},
  ): Promise<SessionFollower> {
    const session = await client.getSession(sessionId, options.signal);
    return new SessionFollower(
      client,
      { sessionId: session.session_id, status: session.status, since: 0, replayUpTo: session.last_seq },
      options,
    );
  }

  /** The seq of the last event yielded. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The status as of the last event yielded. */
  get status(): SessionStatus {
    return this.#status;
  }

  /** How the session ended, once the events say so (or the server, when the stream ended quietly). */
  get finalStatus(): FinalStatus | undefined {
    return this.#finalStatus;
  }

  /** Whether the events yielded so far were history that happened before we attached. */
  get isReplaying(): boolean {
    return this.#lastSeq < this.#replayUpTo;
  }

  /** Questions and permission requests nobody has answered yet, oldest first. */
  get pendingInteractions(): InteractionRequestEvent[] {
    return [...this.#pending.values()];
  }

  /**
   * Open requests not handed over before, each once: the front end asks its
   * user these. Empty while replaying (a replayed request may already be answered).
   */
  takeNewInteractions(): InteractionRequestEvent[] {
    if (this.isReplaying) return [];
    const fresh = [...this.#pending.values()].filter(
      (request) => !this.#handedOver.has(request.data.interaction_id),
    );
    for (const request of fresh) this.#handedOver.add(request.data.interaction_id);
    return fresh;
  }

  /** Answers a request; 409 CONFLICT (a `HangarClientError`) when someone answered first. */
  reply(interactionId: string, answer: InteractionAnswer, signal?: AbortSignal): Promise<ReplyResponse> {
    return this.#client.reply(this.sessionId, interactionId, answer, signal);
  }

  /** Cancels the running turn and queued prompts; the events then say `session.ended`. */
  cancel(signal?: AbortSignal): Promise<SessionView> {
    return this.#client.cancel(this.sessionId, signal);
  }

  /**
   * The events, in order, until the server ends the stream (the session
   * settled with nothing queued) or the signal aborts. Can be iterated once.
   */
  async *[Symbol.asyncIterator](): AsyncGenerator<SessionEvent> {
    if (this.#isStarted) throw new Error("a SessionFollower's events can be iterated only once");
    this.#isStarted = true;
    const watch = this.#client.watch(this.sessionId, {
      since: this.#lastSeq,
      ...(this.#signal === undefined ? {} : { signal: this.#signal }),
    });
    for await (const event of watch) {
      if (event.seq <= this.#lastSeq) continue;
      this.#lastSeq = event.seq;
      this.#observe(event);
      yield event;
    }
    if (this.#finalStatus === undefined && this.#signal?.aborted !== true) {
      // The stream ended without a session.ended since we came (a settled session, nothing to replay).
      const session = await this.#client.getSession(this.sessionId, this.#signal);
      this.#status = session.status;
      if (isFinalStatus(session.status)) this.#finalStatus = session.status;
    }
  }

  #observe(event: SessionEvent): void {
    switch (event.name) {
      case "session.status":
        this.#status = event.data.status;
        // A new prompt reopened the session: the earlier end is no longer the end.
        if (!isFinalStatus(event.data.status)) this.#finalStatus = undefined;
        break;
      case "session.ended":
        this.#status = event.data.status;
        this.#finalStatus = event.data.status;
        break;
      case "permission.requested":
      case "question.asked":
        this.#pending.set(event.data.interaction_id, event);
        break;
      case "interaction.resolved":
        this.#pending.delete(event.data.interaction_id);
        this.#handedOver.delete(event.data.interaction_id);
        break;
      default:
        break;
    }
  }
}

/** The newest seq of a session; 0 for an id nobody has yet, which `POST /chat` starts a new session under. */
async function lastSeqOf(
  client: HangarClient,
  sessionId: string,
  signal: AbortSignal | undefined,
): Promise<number> {
  try {
    return (await client.getSession(sessionId, signal)).last_seq;
  } catch (error) {
    if (error instanceof HangarClientError && error.code === "SESSION_NOT_FOUND") return 0;
    throw error;
  }
}
