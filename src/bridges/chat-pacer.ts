// Keeps the messages the relays send and edit into one chat within the
// platform's rate (Telegram: about one a second in a private chat, 20 a minute
// in a group; Slack's chat.update tier: about 50 a minute). Every relay of one
// dispatcher shares it, so two sessions streaming into the same chat split the
// chat's rate instead of each taking all of it. Callers wait for a turn; nothing
// is queued per text delta: a relay asks for one turn at a time and sends
// whatever text it holds when the turn comes.

import type { ChatAddress, ChatBridge } from "./chat-bridge.js";

/** Between two calls into one chat when the adapter states no pacing: Telegram's one message a second per chat, the strictest common rate. */
export const defaultEditIntervalMs = 1000;

/** A pacer at the rate the adapter states for each chat. */
export function chatPacerFor(bridge: ChatBridge): ChatPacer {
  return new ChatPacer({
    intervalFor: (to) => bridge.minimumEditIntervalMs?.(to) ?? defaultEditIntervalMs,
  });
}

/** A turn asked for and not yet given; `promote` moves it ahead of the unforced ones. */
export interface PacerTurn {
  readonly granted: Promise<void>;
  promote(): void;
  /** Gives the turn up without using it (the relay is stopping). */
  cancel(): void;
}

interface Waiter {
  isForced: boolean;
  resolve: () => void;
}

interface ChatQueue {
  /** When the next call into this chat may go, on `now()`'s clock. */
  nextAt: number;
  readonly waiters: Waiter[];
  timer: NodeJS.Timeout | undefined;
}

export interface ChatPacerOptions {
  /** The least time between two calls into one chat. */
  readonly intervalFor: (to: ChatAddress) => number;
  readonly now?: () => number;
}

export class ChatPacer {
  readonly #intervalFor: (to: ChatAddress) => number;
  readonly #now: () => number;
  readonly #chats = new Map<string, ChatQueue>();

  constructor(options: ChatPacerOptions) {
    this.#intervalFor = options.intervalFor;
    this.#now = options.now ?? (() => performance.now());
  }

  /** How long a call into `to` asked for now would wait, for a debounce that should not end before it. */
  delayFor(to: ChatAddress): number {
    const chat = this.#chats.get(to.chatId);
    if (chat === undefined) return 0;
    return Math.max(0, chat.nextAt - this.#now());
  }

  /**
   * A turn to call the platform for `to`. Forced turns (a message's end, a turn's
   * end, a question) go before unforced ones (a debounced flush) that wait for the same chat.
   */
  turn(to: ChatAddress, isForced: boolean): PacerTurn {
    const chat = this.#chatOf(to.chatId);
    let resolve: () => void = () => undefined;
    const granted = new Promise<void>((done) => (resolve = done));
    const waiter: Waiter = { isForced, resolve };
    this.#enqueue(chat, waiter);
    this.#serve(to, chat);
    return {
      granted,
      promote: () => {
        const index = chat.waiters.indexOf(waiter);
        if (index < 0 || waiter.isForced) return;
        chat.waiters.splice(index, 1);
        waiter.isForced = true;
        this.#enqueue(chat, waiter);
      },
      cancel: () => {
        const index = chat.waiters.indexOf(waiter);
        if (index >= 0) chat.waiters.splice(index, 1);
        waiter.resolve();
        this.#forgetIfIdle(to.chatId, chat);
      },
    };
  }

  /** Stops every timer; waiting turns are given at once (their relays are stopping too). */
  stop(): void {
    for (const chat of this.#chats.values()) {
      clearTimeout(chat.timer);
      for (const waiter of chat.waiters.splice(0)) waiter.resolve();
    }
    this.#chats.clear();
  }

  #chatOf(chatId: string): ChatQueue {
    let chat = this.#chats.get(chatId);
    if (chat === undefined) {
      chat = { nextAt: 0, waiters: [], timer: undefined };
      this.#chats.set(chatId, chat);
    }
    return chat;
  }

  /** Forced waiters keep their order among themselves, ahead of every unforced one. */
  #enqueue(chat: ChatQueue, waiter: Waiter): void {
    if (!waiter.isForced) {
      chat.waiters.push(waiter);
      return;
    }
    const firstUnforced = chat.waiters.findIndex((each) => !each.isForced);
    if (firstUnforced < 0) chat.waiters.push(waiter);
    else chat.waiters.splice(firstUnforced, 0, waiter);
  }

  /** Gives the head waiter its turn when the chat's next slot has come, else sets a timer for it. */
  #serve(to: ChatAddress, chat: ChatQueue): void {
    if (chat.timer !== undefined || chat.waiters.length === 0) return;
    const wait = chat.nextAt - this.#now();
    if (wait > 0) {
      chat.timer = setTimeout(() => {
        chat.timer = undefined;
        this.#serve(to, chat);
      }, wait);
      return;
    }
    const waiter = chat.waiters.shift();
    chat.nextAt = this.#now() + this.#intervalFor(to);
    waiter?.resolve();
    if (chat.waiters.length > 0) this.#serve(to, chat);
  }

  /** A chat with no waiters and whose slot has passed holds nothing worth keeping. */
  #forgetIfIdle(chatId: string, chat: ChatQueue): void {
    if (chat.waiters.length === 0 && chat.timer === undefined && chat.nextAt <= this.#now()) {
      this.#chats.delete(chatId);
    }
  }
}
