// The bridge logic, written once over the ChatBridge port: who may do what,
// the chat commands, button presses and free-text answers, and one relay per
// session followed into a chat. It talks to Hangar only through the client,
// as the session's owner, so quotas and visibility apply to chat users too.

import type { ModelPrices } from "../core/model-price.js";
import { HangarClientError } from "../client/hangar-client-error.js";
import type { HangarClient } from "../client/hangar-client.js";
import { identifierSchema, type InteractionRequestEvent, type SessionEvent } from "../protocol/index.js";
import type { BridgePlatform, BridgeStateRepository, SessionDelivery } from "./bridge-state.js";
import type { AttachedFile, ChatAddress, ChatBridge, ChatUser, InboundEvent } from "./chat-bridge.js";
import { chatPacerFor, type ChatPacer } from "./chat-pacer.js";
import { answerFor, decodePress } from "./interaction-buttons.js";
import { SessionRelay, type RelayText } from "./session-relay.js";
import { parseTaskArguments } from "./task-arguments.js";
import { attachmentPath } from "./attachment-path.js";
import { turnDiff } from "./turn-diff.js";

export interface ChatAccess {
  /** Platform user ids that may start tasks and press buttons. */
  readonly allowedUsers: ReadonlySet<string>;
  /** The Hangar owner a chat user acts as; undefined when the user has none (refused). */
  ownerOf(userId: string): string | undefined;
}

export interface ChatDispatcherOptions {
  readonly platform: BridgePlatform;
  readonly bridge: ChatBridge;
  readonly access: ChatAccess;
  /** A client acting as the owner. */
  readonly clientFor: (owner: string) => HangarClient;
  readonly state: BridgeStateRepository;
  readonly defaultProject: string;
  readonly debounceMs: number;
  readonly text: RelayText;
  readonly log: (message: string, error?: unknown) => void;
  /** `[llm.prices]`, for the cost in turn summaries. */
  readonly prices?: ModelPrices;
  /** The first pause after a failed flush or a broken stream (it doubles); 2 s by default. */
  readonly retryDelayMs?: number;
}

/** Telegram lets a bot download 20 MB; the same bound keeps a Slack upload from filling a workspace. */
const maxAttachmentBytes = 20 * 1024 * 1024;

/** The longest a press waits for relays to read their sessions back after a restart. */
const replayWaitMs = 10_000;

const helpText = [
  "**Hangar**: coding agents in sandboxes.",
  "`/task [--project ID] [--agent NAME] [--model PROVIDER:MODEL] <prompt>`: start a task",
  "`/cancel`: cancel this chat's running task",
  "`/status`: the bridge and this chat's tasks",
  "`/sessions`: your recent sessions",
  "`/project <id>`: the project this chat's tasks work in",
  "`/file <path>`: a file from the workspace of your latest task here",
  "`/diff`: what the latest turn of your latest task here wrote and edited",
  "Attach a file to `/task` (as its caption) to put it into the workspace.",
  "`/help`: this list",
].join("\n");

export class ChatDispatcher {
  readonly #options: ChatDispatcherOptions;
  readonly #relays = new Map<string, SessionRelay>();
  /** One per dispatcher: sessions streaming into the same chat share the chat's rate. */
  readonly #pacer: ChatPacer;
  #stopped = false;

  constructor(options: ChatDispatcherOptions) {
    this.#options = options;
    this.#pacer = chatPacerFor(options.bridge);
  }

  /** Continues every session a previous run was following into a chat. */
  async resume(): Promise<void> {
    for (const delivery of await this.#options.state.listActiveDeliveries(this.#options.platform)) {
      this.#follow(delivery);
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    await Promise.all([...this.#relays.values()].map((relay) => relay.stop()));
    this.#relays.clear();
    this.#pacer.stop();
  }

  get activeSessions(): number {
    return this.#relays.size;
  }

  /** One inbound event; never throws (a failure is told to the user and logged). */
  async handle(event: InboundEvent): Promise<void> {
    try {
      await this.#handle(event);
    } catch (error) {
      this.#options.log(`${this.#options.platform}: handling a ${event.kind} failed`, error);
      const address = event.kind === "button" ? event.message : event.at;
      await this.#say(address, `⚠️ ${describe(error)}`).catch(() => undefined);
    }
  }

  async #handle(event: InboundEvent): Promise<void> {
    if (event.kind === "button") return this.#press(event);
    const owner = this.#admit(event.from);
    if (owner === undefined) {
      await this.#say(event.at, `⛔ You are not allowed to use this bot (user id ${event.from.userId}).`);
      return;
    }
    if (event.kind === "text") return this.#freeText(event, owner);
    switch (event.name) {
      case "task":
        return this.#task(event.argument, event.at, owner, event.files);
      case "file":
        return this.#file(event.argument, event.at, owner);
      case "diff":
        return this.#diff(event.at, owner);
      case "cancel":
        return this.#cancel(event.at, owner);
      case "status":
        return this.#status(event.at, owner);
      case "sessions":
        return this.#sessions(event.at, owner);
      case "project":
        return this.#project(event.argument, event.at);
      case "help":
      case "start":
        return this.#say(event.at, helpText);
      default:
        return this.#say(event.at, `Unknown command /${event.name}. /help lists the commands.`);
    }
  }

  /** The user's Hangar owner when they may use the bot at all. */
  #admit(user: ChatUser): string | undefined {
    if (!this.#options.access.allowedUsers.has(user.userId)) return undefined;
    return this.#options.access.ownerOf(user.userId);
  }

  async #task(
    argument: string,
    at: ChatAddress,
    owner: string,
    files: readonly AttachedFile[],
  ): Promise<void> {
    const parsed = parseTaskArguments(argument);
    if (!parsed.ok) return this.#say(at, `⚠️ ${parsed.error}`);
    const { task } = parsed;
    const project =
      task.project ??
      (await this.#options.state.projectOf(this.#options.platform, at.chatId)) ??
      this.#options.defaultProject;
    const client = this.#options.clientFor(owner);
    const attached = await this.#attach(client, project, files);
    const started = await client.chat({
      prompt: attached.length === 0 ? task.prompt : `${task.prompt}\n\nAttached: ${attached.join(", ")}`,
      project_id: project,
      ...(task.agent === undefined ? {} : { agent: task.agent }),
      ...(task.model === undefined ? {} : { model: task.model }),
    });
    const delivery: SessionDelivery = {
      platform: this.#options.platform,
      sessionId: started.session_id,
      owner,
      address: at,
      deliveredSeq: 0,
      textStartSeq: 0,
      messages: [],
      interactions: [],
      active: true,
    };
    await this.#options.state.saveDelivery(delivery);
    try {
      await this.#say(at, `▶️ Session \`${started.session_id}\` in project \`${started.project_id}\``);
    } finally {
      // The session runs whatever became of that line: its relay retries until the chat takes the text.
      this.#follow(delivery);
    }
  }

  /** Puts files attached to a task into the project's workspace (where the session will work); their paths. */
  async #attach(client: HangarClient, project: string, files: readonly AttachedFile[]): Promise<string[]> {
    if (files.length === 0) return [];
    const { sandbox } = await client.ensureSandbox(project);
    const paths: string[] = [];
    for (const file of files) {
      const path = attachmentPath(file.name);
      await client.writeSandboxFile(sandbox.id, path, await file.download(maxAttachmentBytes));
      paths.push(path);
    }
    return paths;
  }

  /** `/file <path>`: a file of the workspace of this chat's latest task, sent as a document. */
  async #file(argument: string, at: ChatAddress, owner: string): Promise<void> {
    const path = argument.trim();
    if (path === "") return this.#say(at, "⚠️ /file needs a path in the workspace: /file src/app.ts");
    const delivery = (await this.#deliveriesOf(at)).find((each) => each.owner === owner);
    if (delivery === undefined)
      return this.#say(at, "No task of yours in this chat yet. Start one with /task.");
    const client = this.#options.clientFor(owner);
    const view = await client.getSession(delivery.sessionId);
    if (view.sandbox_id === null) return this.#say(at, "That task has no workspace yet.");
    const bytes = await client.readSandboxFile(view.sandbox_id, path);
    await this.#options.bridge.sendFile(at, { name: basename(path), bytes, caption: path });
  }

  /** `/diff`: what the latest turn of this chat's latest task wrote and edited. */
  async #diff(at: ChatAddress, owner: string): Promise<void> {
    const delivery = (await this.#deliveriesOf(at)).find((each) => each.owner === owner);
    if (delivery === undefined)
      return this.#say(at, "No task of yours in this chat yet. Start one with /task.");
    const client = this.#options.clientFor(owner);
    const events: SessionEvent[] = [];
    for (let since = 0; ;) {
      const page = await client.listSessionEvents(delivery.sessionId, since);
      events.push(...page.events);
      if (page.events.length === 0 || page.next_since <= since) break;
      since = page.next_since;
    }
    const diff = turnDiff(events);
    if (diff === undefined) return this.#say(at, "The latest turn changed no file.");
    for (const part of this.#options.text.split(diff, this.#options.bridge.messageLimit))
      await this.#say(at, part);
  }

  async #cancel(at: ChatAddress, owner: string): Promise<void> {
    const delivery = (await this.#deliveriesOf(at)).find((each) => each.active);
    if (delivery === undefined) return this.#say(at, "Nothing is running in this chat.");
    if (delivery.owner !== owner) {
      return this.#say(at, "⛔ That task belongs to someone else; only its owner can cancel it.");
    }
    const view = await this.#options.clientFor(owner).cancel(delivery.sessionId);
    await this.#say(at, `✖️ Cancelled \`${view.session_id}\` (${view.status}).`);
  }

  async #status(at: ChatAddress, owner: string): Promise<void> {
    const health = this.#options.bridge.health();
    const lines = [
      `**${this.#options.platform}**: ${health.state}${health.lastError === undefined ? "" : ` (${health.lastError})`}`,
      `Sessions followed into chats: ${this.#relays.size}`,
    ];
    for (const delivery of (await this.#deliveriesOf(at)).slice(0, 5)) {
      if (delivery.owner !== owner) continue;
      const view = await this.#options.clientFor(owner).getSession(delivery.sessionId);
      lines.push(
        `\`${view.session_id}\` ${view.status}, ${view.usage.input_tokens + view.usage.output_tokens} tokens`,
      );
    }
    await this.#say(at, lines.join("\n"));
  }

  async #sessions(at: ChatAddress, owner: string): Promise<void> {
    const sessions = (await this.#options.clientFor(owner).listSessions()).slice(0, 10);
    if (sessions.length === 0) return this.#say(at, "You have no sessions yet. Start one with /task.");
    const lines = sessions.map(
      (view) =>
        `\`${view.session_id}\` ${view.status} · ${view.project_id} · ${view.agent} · ${view.updated_at.slice(0, 16)}`,
    );
    await this.#say(at, lines.join("\n"));
  }

  async #project(argument: string, at: ChatAddress): Promise<void> {
    const project = argument.trim();
    if (project === "") {
      const bound = await this.#options.state.projectOf(this.#options.platform, at.chatId);
      return this.#say(
        at,
        `This chat works in project \`${bound ?? this.#options.defaultProject}\`. /project <id> changes it.`,
      );
    }
    if (!identifierSchema.safeParse(project).success) {
      return this.#say(
        at,
        "⚠️ A project id is 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.",
      );
    }
    await this.#options.state.bindProject(this.#options.platform, at.chatId, project);
    await this.#say(at, `This chat's tasks now work in project \`${project}\`.`);
  }

  async #press(event: Extract<InboundEvent, { kind: "button" }>): Promise<void> {
    const { bridge } = this.#options;
    const owner = this.#admit(event.from);
    if (owner === undefined)
      return bridge.answerButton(event.pressId, "You are not allowed to use this bot.");
    const press = decodePress(event.data);
    if (press === undefined) return bridge.answerButton(event.pressId, "This was already answered.");
    const asked = await this.#findRequest(press.interactionId, event.message);
    if (asked === undefined) return bridge.answerButton(event.pressId, "This was already answered.");
    if (asked.owner !== owner)
      return bridge.answerButton(event.pressId, "Only the task's owner can answer this.");
    const answer = answerFor(press, asked.request);
    if (answer === undefined) return bridge.answerButton(event.pressId, "That choice no longer exists.");
    asked.relay?.noteAnsweredBy(press.interactionId, event.from.displayName);
    try {
      await this.#options.clientFor(owner).reply(asked.request.session_id, press.interactionId, answer);
    } catch (error) {
      if (error instanceof HangarClientError && error.status === 409) {
        return bridge.answerButton(event.pressId, "This was already answered.");
      }
      throw error;
    }
    await bridge.answerButton(event.pressId);
  }

  /**
   * The open request a press answers: from the relay that showed it, once the relays
   * have read their sessions back after a restart; failing that (a relay still
   * catching up on a loaded machine), from the server's pending interactions of the
   * sessions followed into the pressed message's chat.
   */
  async #findRequest(
    interactionId: string,
    pressed: ChatAddress,
  ): Promise<{ request: InteractionRequestEvent; owner: string; relay?: SessionRelay } | undefined> {
    await this.#replayed();
    const relay = this.#relayAsking(interactionId);
    const request = relay?.request(interactionId);
    if (relay !== undefined && request !== undefined) return { request, owner: relay.owner, relay };
    for (const delivery of await this.#deliveriesOf({ chatId: pressed.chatId })) {
      if (!delivery.active) continue;
      const view = await this.#options.clientFor(delivery.owner).getSession(delivery.sessionId);
      const pending = view.pending_interactions.find((each) => each.interaction_id === interactionId);
      if (pending === undefined) continue;
      const fromServer = {
        session_id: view.session_id,
        seq: 0,
        name: pending.kind === "question" ? "question.asked" : "permission.requested",
        created_at: view.updated_at,
        data: {
          ...(typeof pending.request === "object" && pending.request !== null ? pending.request : {}),
          interaction_id: pending.interaction_id,
          tool_call_id: pending.tool_call_id,
          expires_at: pending.expires_at,
        },
      } as InteractionRequestEvent;
      return {
        request: fromServer,
        owner: delivery.owner,
        ...(this.#relays.has(delivery.sessionId) ? { relay: this.#relays.get(delivery.sessionId)! } : {}),
      };
    }
    return undefined;
  }

  /** A reply to a question without choices answers it. */
  async #freeText(event: Extract<InboundEvent, { kind: "text" }>, owner: string): Promise<void> {
    const replyTo = event.replyTo;
    if (replyTo === undefined) return;
    await this.#replayed();
    for (const relay of this.#relays.values()) {
      const shown = relay.delivery.interactions.find(
        (each) => each.message.chatId === replyTo.chatId && each.message.messageId === replyTo.messageId,
      );
      const request = shown === undefined ? undefined : relay.request(shown.interactionId);
      if (shown === undefined || request === undefined) continue;
      if (request.name !== "question.asked") return;
      if (relay.owner !== owner) return this.#say(event.at, "⛔ Only the task's owner can answer this.");
      relay.noteAnsweredBy(shown.interactionId, event.from.displayName);
      await this.#options
        .clientFor(owner)
        .reply(relay.sessionId, shown.interactionId, { answer: event.text });
      return;
    }
  }

  /** Every relay has read its session back, or `replayWaitMs` passed (a session that cannot be read must not hold presses up for good). */
  async #replayed(): Promise<void> {
    const waiting = Promise.all([...this.#relays.values()].map((relay) => relay.replayed));
    let timer: NodeJS.Timeout | undefined;
    const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, replayWaitMs)));
    await Promise.race([waiting, bound]);
    clearTimeout(timer);
  }

  #relayAsking(interactionId: string): SessionRelay | undefined {
    for (const relay of this.#relays.values()) if (relay.request(interactionId) !== undefined) return relay;
    return undefined;
  }

  #deliveriesOf(at: ChatAddress): Promise<SessionDelivery[]> {
    return this.#options.state.listDeliveriesOfChat(this.#options.platform, at, 20);
  }

  #follow(delivery: SessionDelivery): void {
    if (this.#stopped || this.#relays.has(delivery.sessionId)) return;
    const relay = new SessionRelay({
      bridge: this.#options.bridge,
      client: this.#options.clientFor(delivery.owner),
      state: this.#options.state,
      delivery,
      text: this.#options.text,
      debounceMs: this.#options.debounceMs,
      ...(this.#options.retryDelayMs === undefined ? {} : { retryDelayMs: this.#options.retryDelayMs }),
      ...(this.#options.prices === undefined ? {} : { prices: this.#options.prices }),
      pacer: this.#pacer,
      onError: (error) =>
        this.#options.log(`${this.#options.platform}: session ${delivery.sessionId}`, error),
    });
    this.#relays.set(delivery.sessionId, relay);
    void relay.start().finally(() => {
      if (this.#relays.get(delivery.sessionId) === relay) this.#relays.delete(delivery.sessionId);
    });
  }

  async #say(at: ChatAddress, markdown: string): Promise<void> {
    await this.#options.bridge.send(at, { markdown });
  }
}

function basename(path: string): string {
  return (
    path
      .split("/")
      .filter((part) => part !== "")
      .at(-1) ?? path
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
