/**
 * Reads the token usage out of a model answer while the relay passes it on,
 * without holding a streamed answer back: event streams are scanned line by
 * line as chunks go by; a whole JSON answer (or Gemini's unstreamed JSON array)
 * is kept, up to a limit, and read at its end. One reader serves every format,
 * since their usage objects are told apart by their field names:
 *
 * - OpenAI chat: `usage.{prompt,completion}_tokens` (streamed in the last chunk)
 * - OpenAI responses: `usage.{input,output}_tokens`, streamed in `response.completed`'s `response`
 * - Anthropic: `usage.input_tokens` (+ cache tokens) in `message_start.message`, the
 *   running `usage.output_tokens` in each `message_delta`
 * - Gemini: `usageMetadata.{promptTokenCount,candidatesTokenCount,thoughtsTokenCount}`
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** A line longer than this is not usage (usage lines are short); it is skipped, not kept. */
const longestScannedLine = 1024 * 1024;

export class UsageReader {
  readonly #isEventStream: boolean;
  readonly #keptLimit: number;
  #pending = "";
  #isSkippingLine = false;
  #kept: Buffer[] = [];
  #keptBytes = 0;
  #input: number | undefined;
  #output: number | undefined;

  /** `keptLimit`: the most bytes of a JSON answer kept for reading at its end. */
  constructor(contentType: string | undefined, keptLimit: number) {
    this.#isEventStream = contentType?.toLowerCase().includes("text/event-stream") === true;
    this.#keptLimit = keptLimit;
  }

  push(chunk: Buffer): void {
    if (!this.#isEventStream) {
      this.#keptBytes += chunk.length;
      if (this.#keptBytes <= this.#keptLimit) this.#kept.push(chunk);
      return;
    }
    const lines = (this.#pending + chunk.toString("utf8")).split("\n");
    this.#pending = lines.pop() ?? "";
    for (const line of lines) {
      if (this.#isSkippingLine) this.#isSkippingLine = false;
      else this.#readLine(line);
    }
    if (this.#pending.length > longestScannedLine) {
      this.#pending = "";
      this.#isSkippingLine = true;
    }
  }

  /** The usage the answer reported, or undefined when it reported none. */
  finish(): TokenUsage | undefined {
    if (this.#isEventStream) {
      if (!this.#isSkippingLine) this.#readLine(this.#pending);
    } else if (this.#keptBytes <= this.#keptLimit) {
      const parsed = parseJson(Buffer.concat(this.#kept).toString("utf8"));
      for (const item of Array.isArray(parsed) ? parsed : [parsed]) this.#readObject(item);
    }
    if (this.#input === undefined && this.#output === undefined) return undefined;
    return { inputTokens: this.#input ?? 0, outputTokens: this.#output ?? 0 };
  }

  #readLine(line: string): void {
    // Only `data:` lines that mention usage are parsed; the text deltas go by untouched.
    if (!line.startsWith("data:") || !line.includes("sage")) return;
    this.#readObject(parseJson(line.slice(5)));
  }

  #readObject(value: unknown): void {
    if (!isRecord(value)) return;
    const usage = [
      value.usage,
      recordField(value.response, "usage"),
      recordField(value.message, "usage"),
    ].find(isRecord);
    if (usage !== undefined) {
      const input =
        numberField(usage, "prompt_tokens") ??
        sumOf(
          numberField(usage, "input_tokens"),
          numberField(usage, "cache_creation_input_tokens"),
          numberField(usage, "cache_read_input_tokens"),
        );
      const output = numberField(usage, "completion_tokens") ?? numberField(usage, "output_tokens");
      if (input !== undefined) this.#input = input;
      if (output !== undefined) this.#output = output;
    }
    const metadata = value.usageMetadata;
    if (isRecord(metadata)) {
      const input = numberField(metadata, "promptTokenCount");
      const output = sumOf(
        numberField(metadata, "candidatesTokenCount"),
        numberField(metadata, "thoughtsTokenCount"),
      );
      if (input !== undefined) this.#input = input;
      if (output !== undefined) this.#output = output;
    }
  }
}

function sumOf(...values: Array<number | undefined>): number | undefined {
  const present = values.filter((value): value is number => value !== undefined);
  return present.length === 0 ? undefined : present.reduce((sum, value) => sum + value, 0);
}

function numberField(record: Record<string, unknown>, name: string): number | undefined {
  const value = record[name];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function recordField(value: unknown, name: string): unknown {
  return isRecord(value) ? value[name] : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
