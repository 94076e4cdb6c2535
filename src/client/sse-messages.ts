import { createParser, type ParseError } from "eventsource-parser";

/**
 * Reads a Server-Sent Events body (the WHATWG event-stream format) with
 * `eventsource-parser`, adding what a browser's EventSource adds on top of
 * the parsing: a message without `event:` is a `message`, and the last event
 * id stays in force across messages (the parser reports an id only on the
 * message that carried it; a reconnect needs the last one ever seen).
 */
export interface SseMessage {
  /** `message` when the block named none. */
  event: string;
  data: string;
  /** The last event id in force when this message was dispatched; undefined when none was ever set. */
  id: string | undefined;
}

export interface ReadSseOptions {
  /**
   * The longest unfinished message held, in characters: a stream that never ends its
   * line would otherwise grow without bound. Past it the read fails. Default 16 MiB.
   */
  maxBufferSize?: number;
}

const defaultMaxBufferSize = 16 * 1024 * 1024;

/** Reads an event stream body to its end, yielding each message as it completes. */
export async function* readSseMessages(
  body: ReadableStream<Uint8Array>,
  options: ReadSseOptions = {},
): AsyncGenerator<SseMessage> {
  let lastId: string | undefined;
  let completed: SseMessage[] = [];
  let failure: ParseError | undefined;
  const parser = createParser({
    maxBufferSize: options.maxBufferSize ?? defaultMaxBufferSize,
    onEvent: (message) => {
      if (message.id !== undefined) lastId = message.id;
      completed.push({ event: message.event ?? "message", data: message.data, id: lastId });
    },
    onError: (error) => {
      // Unknown fields and a bad `retry:` are ignored, as the format says; only the size limit is fatal.
      if (error.type === "max-buffer-size-exceeded") failure ??= error;
    },
  });
  const decoder = new TextDecoder();
  const reader = body.getReader();
  const take = (): SseMessage[] => {
    if (failure !== undefined) throw failure;
    const messages = completed;
    completed = [];
    return messages;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
      yield* take();
    }
    // An unterminated block at the end is dropped, as the format says.
    parser.feed(decoder.decode());
    yield* take();
  } finally {
    // Stops the download when the consumer leaves early; harmless after the end.
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
