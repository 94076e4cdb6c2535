import { StringDecoder } from "node:string_decoder";
import type { Readable } from "node:stream";

/**
 * Collects a stream's text while handing each decoded piece to a listener
 * (for streaming). Multi-byte characters split across chunks stay whole.
 */
export class OutputCollector {
  private readonly decoder = new StringDecoder("utf8");
  private text = "";

  constructor(private readonly onText?: (text: string) => void) {}

  attach(stream: Readable): Promise<void> {
    return new Promise((resolve) => {
      stream.on("data", (chunk: Buffer) => this.push(this.decoder.write(chunk)));
      stream.once("end", () => {
        this.push(this.decoder.end());
        resolve();
      });
      stream.once("error", () => resolve());
    });
  }

  push(text: string): void {
    if (text === "") return;
    this.text += text;
    this.onText?.(text);
  }

  get value(): string {
    return this.text;
  }
}
