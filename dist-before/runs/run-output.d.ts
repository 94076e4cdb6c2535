import type { Readable } from "node:stream";
/**
 * Collects a stream's text while handing each decoded piece to a listener
 * (for streaming). Multi-byte characters split across chunks stay whole.
 */
export declare class OutputCollector {
    private readonly onText?;
    private readonly decoder;
    private text;
    constructor(onText?: ((text: string) => void) | undefined);
    attach(stream: Readable): Promise<void>;
    push(text: string): void;
    get value(): string;
}
