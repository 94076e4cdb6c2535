import { HangarClientError, type HangarClient } from "../client/hangar-client.js";
import { SessionFollower } from "../client/session-follower.js";
import type {
  ApprovalPolicy,
  ChatRequest,
  InteractionAnswer,
  InteractionRequestEvent,
  SessionEvent,
  SessionView,
} from "../protocol/index.js";
import { describeToolCall } from "../protocol/tool-summary.js";
import type { ConnectionState, NextSessionSettings, ViewAction } from "./view-state.js";

/**
 * The TUI's one link to a session, through `client/` only (in-process mode
 * talks to its embedded server the same way). It follows the session with a
 * `SessionFollower`, one at a time: a prompt starts (or continues) the
 * session and is followed until the session settles; prompts typed while it
 * works wait in a queue here and go one by one. It dispatches what it sees
 * as `ViewAction`s and knows nothing of Ink.
 *
 * "Always for this session" is remembered here per tool: a later request for
 * the same tool is approved without asking (an external agent that offers an
 * `allow_always` choice gets that choice instead, and remembers it itself).
 *
 * The file tree is the session's sandbox workspace, listed again when a
 * tool that writes files ends and when the session settles (a shell command
 * may have written too); one listing at a time, a request meanwhile makes
 * one more.
 *
 * `/model`, `/agent` and `/approval` change what the next session starts
 * with, never the one running (a session keeps its agent and policy).
 */
export interface SessionSettings {
  project: string;
  model?: string | undefined;
  agent?: string | undefined;
  approval?: ApprovalPolicy | undefined;
}

export type PermissionAnswer = "once" | "always" | "deny";

export class SessionController {
  #sessionId: string | undefined;
  #follower: SessionFollower | undefined;
  #isBusy = false;
  readonly #queue: string[] = [];
  readonly #alwaysAllowed = new Set<string>();
  readonly #closing = new AbortController();
  #watching = new AbortController();
  #connection: ConnectionState = "connecting";
  /** Settles when the current follow loop ends (tests and quitting wait on it). */
  #loop: Promise<void> = Promise.resolve();
  /** What the session being started (or continued) sends; `/new` folds `#next` in. */
  #settings: SessionSettings;
  #next: NextSessionSettings = {};
  #sandboxId: string | undefined;
  /** Tool calls that write files: their end lists the workspace again. */
  readonly #writingCalls = new Set<string>();
  #listing: Promise<void> | undefined;
  #listAgain = false;

  constructor(
    private readonly client: HangarClient,
    settings: SessionSettings,
    private readonly dispatch: (action: ViewAction) => void,
  ) {
    this.#settings = { ...settings };
  }

  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  /** Whether a prompt is being worked on (new prompts are queued). */
  get isBusy(): boolean {
    return this.#isBusy;
  }

  /** The client's fetch reports here: a failed request means the server is out of reach for now. */
  reportConnection(isReachable: boolean): void {
    this.#setConnection(
      isReachable ? (this.#follower?.isReplaying === true ? "replaying" : "live") : "reconnecting",
    );
  }

  /** Asks the server which sandbox provider runs the work, for the status bar; quiet when it cannot say. */
  async describeServer(): Promise<void> {
    try {
      const status = await this.client.getServerStatus(this.#closing.signal);
      this.dispatch({ type: "provider", provider: status.provider });
    } catch {
      // An older server, or one out of reach: the status bar simply names no provider.
    }
  }

  /** All the caller's sessions, newest first (the `/sessions` picker: attach to any, whatever its project). */
  listSessions(): Promise<SessionView[]> {
    return this.client.listSessions(undefined, this.#closing.signal);
  }

  /** `/model`, `/agent`, `/approval`: remembered for the next session and shown at once. */
  setNext(settings: NextSessionSettings): void {
    this.#next = { ...this.#next, ...settings };
    this.dispatch({ type: "next", settings });
  }

  /** `/sessions`: leaves the session shown (it goes on) and follows the chosen one from its start. */
  async switchTo(sessionId: string): Promise<void> {
    this.#stopFollowing();
    this.dispatch({ type: "reset" });
    await this.attach(sessionId);
  }

  /** Follows a session started anywhere else, replaying it from its first event. */
  async attach(sessionId: string): Promise<void> {
    const follower = await SessionFollower.attach(this.client, sessionId, { signal: this.#watching.signal });
    this.#sessionId = follower.sessionId;
    await this.#describeSession();
    this.#follow(follower);
  }

  /** Sends a prompt, or queues it while the agent works. */
  submit(prompt: string): void {
    if (this.#isBusy) {
      this.#queue.push(prompt);
      this.dispatch({ type: "queue", prompt });
      return;
    }
    this.#send(prompt);
  }

  /** Cancels the running turn and every prompt queued (here and on the server). */
  async cancel(): Promise<void> {
    const queued = this.#queue.splice(0);
    for (let index = 0; index < queued.length; index += 1) this.dispatch({ type: "dequeue" });
    const follower = this.#follower;
    if (follower === undefined || !this.#isBusy) return;
    await follower.cancel();
  }

  /** `/new`: stop following (the old session keeps whatever it was doing) and start afresh with the next prompt. */
  startNew(): void {
    this.#stopFollowing();
    this.dispatch({ type: "reset" });
  }

  /** Lists the session's sandbox workspace into the file tree (a quiet no-op before it has a sandbox). */
  async refreshFiles(): Promise<void> {
    const signal = this.#watching.signal;
    const sessionId = this.#sessionId;
    if (sessionId === undefined) return;
    try {
      // The sandbox comes with the first turn: a session read before it has none yet.
      this.#sandboxId ??= (await this.client.getSession(sessionId, signal)).sandbox_id ?? undefined;
      if (this.#sandboxId === undefined || signal.aborted) return;
      const listing = await this.client.listSandboxFiles(this.#sandboxId, undefined, signal);
      if (!signal.aborted) this.dispatch({ type: "workspace", entries: listing.entries });
    } catch {
      // Out of reach or gone: the tree keeps its last listing, and the next write lists again.
    }
  }

  /** A file of the session's sandbox workspace as text, for the code viewer. */
  async readFile(path: string): Promise<string> {
    const sessionId = this.#sessionId;
    if (sessionId === undefined) throw new Error("no session yet: its sandbox comes with the first prompt");
    this.#sandboxId ??= (await this.client.getSession(sessionId)).sandbox_id ?? undefined;
    if (this.#sandboxId === undefined) throw new Error("this session has no sandbox yet");
    return new TextDecoder().decode(await this.client.readSandboxFile(this.#sandboxId, path));
  }

  #scheduleRefresh(): void {
    if (this.#listing !== undefined) {
      this.#listAgain = true;
      return;
    }
    this.#listing = this.refreshFiles().finally(() => {
      this.#listing = undefined;
      if (!this.#listAgain) return;
      this.#listAgain = false;
      this.#scheduleRefresh();
    });
  }

  /** Settles when no workspace listing is under way (tests). */
  async filesListed(): Promise<void> {
    while (this.#listing !== undefined) await this.#listing;
  }

  #stopFollowing(): void {
    this.#sandboxId = undefined;
    this.#writingCalls.clear();
    this.#watching.abort();
    this.#watching = new AbortController();
    this.#queue.splice(0);
    this.#sessionId = undefined;
    this.#follower = undefined;
    this.#isBusy = false;
    this.#alwaysAllowed.clear();
  }

  /** Answers a permission request. */
  async answerPermission(request: InteractionRequestEvent, answer: PermissionAnswer): Promise<void> {
    if (request.name !== "permission.requested") return;
    const choices = request.data.choices ?? [];
    const wanted =
      answer === "always" ? /always/i : answer === "once" ? /allow.*once|^allow$/i : /reject|deny/i;
    const choice = choices.find((option) => wanted.test(option));
    if (answer === "always" && choice === undefined) this.#alwaysAllowed.add(request.data.tool);
    await this.#reply(request, {
      approved: answer !== "deny",
      ...(choice === undefined ? {} : { answer: choice }),
    });
  }

  /** Answers a question with one of its choices or free text. */
  async answerQuestion(request: InteractionRequestEvent, text: string): Promise<void> {
    await this.#reply(request, { answer: text });
  }

  /** Stops following; the session itself goes on on the server. */
  async close(): Promise<void> {
    this.#closing.abort();
    this.#watching.abort();
    await this.#loop;
  }

  async #reply(request: InteractionRequestEvent, answer: InteractionAnswer): Promise<void> {
    const follower = this.#follower;
    if (follower === undefined) return;
    try {
      await follower.reply(request.data.interaction_id, answer);
    } catch (error) {
      // Someone answered first: their `interaction.resolved` closes the prompt here too.
      if (error instanceof HangarClientError && error.status === 409) return;
      this.dispatch({ type: "notice", text: `reply failed: ${describe(error)}`, tone: "error" });
    }
  }

  #send(prompt: string): void {
    this.#isBusy = true;
    // A new session starts with what was set for it; a running one keeps what it started with.
    if (this.#sessionId === undefined) this.#settings = { ...this.#settings, ...definedOnly(this.#next) };
    const settings = this.#settings;
    const request: ChatRequest = {
      prompt,
      project_id: settings.project,
      ...(this.#sessionId === undefined ? {} : { session_id: this.#sessionId }),
      ...(settings.model === undefined ? {} : { model: settings.model }),
      ...(settings.agent === undefined ? {} : { agent: settings.agent }),
      ...(settings.approval === undefined ? {} : { approval: settings.approval }),
    };
    const signal = this.#watching.signal;
    SessionFollower.start(this.client, request, { signal })
      .then(async (follower) => {
        if (signal.aborted) return;
        this.#sessionId = follower.sessionId;
        await this.#describeSession();
        this.#follow(follower);
      })
      .catch((error: unknown) => {
        this.#isBusy = false;
        if (signal.aborted) return;
        this.dispatch({
          type: "notice",
          text: `could not send the prompt: ${describe(error)}`,
          tone: "error",
        });
      });
  }

  /** The status bar's agent, model and policy come from the session itself. */
  async #describeSession(): Promise<void> {
    if (this.#sessionId === undefined) return;
    try {
      const view = await this.client.getSession(this.#sessionId, this.#watching.signal);
      this.#sandboxId = view.sandbox_id ?? this.#sandboxId;
      this.dispatch({ type: "session", view });
    } catch (error) {
      if (!this.#watching.signal.aborted)
        this.dispatch({
          type: "notice",
          text: `could not read the session: ${describe(error)}`,
          tone: "warning",
        });
    }
  }

  #follow(follower: SessionFollower): void {
    this.#follower = follower;
    this.#isBusy = true;
    const signal = this.#watching.signal;
    this.#scheduleRefresh();
    this.#loop = this.#consume(follower, signal).finally(() => {
      if (signal.aborted) return;
      this.#isBusy = false;
      this.#scheduleRefresh();
      const next = this.#queue.shift();
      if (next === undefined) return;
      this.dispatch({ type: "dequeue" });
      this.#send(next);
    });
  }

  async #consume(follower: SessionFollower, signal: AbortSignal): Promise<void> {
    try {
      this.#setConnection(follower.isReplaying ? "replaying" : "live");
      for await (const event of follower) {
        // After /new or quitting, an event already in flight belongs to a session no longer shown.
        if (signal.aborted) break;
        this.dispatch({ type: "event", event });
        this.#noteWrites(event);
        this.#setConnection(follower.isReplaying ? "replaying" : "live");
        for (const request of follower.takeNewInteractions()) {
          if (request.name === "permission.requested" && this.#alwaysAllowed.has(request.data.tool)) {
            void this.#reply(request, { approved: true });
          } else {
            this.dispatch({ type: "ask", request });
          }
        }
      }
      this.#setConnection("live");
    } catch (error) {
      if (signal.aborted) return;
      this.#setConnection("offline");
      this.dispatch({ type: "notice", text: `lost the session's stream: ${describe(error)}`, tone: "error" });
    }
  }

  /** A writing tool's end lists the workspace again (during a replay too: the tree ends up current). */
  #noteWrites(event: SessionEvent): void {
    if (event.name === "tool.start" && describeToolCall(event.data).files.length > 0)
      this.#writingCalls.add(event.data.tool_call_id);
    else if (event.name === "tool.end" && this.#writingCalls.delete(event.data.tool_call_id))
      this.#scheduleRefresh();
  }

  #setConnection(state: ConnectionState): void {
    if (this.#closing.signal.aborted || state === this.#connection) return;
    this.#connection = state;
    this.dispatch({ type: "connection", state });
  }
}

function definedOnly(settings: NextSessionSettings): NextSessionSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
