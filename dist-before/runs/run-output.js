import { StringDecoder } from "node:string_decoder";
/**
 * Collects a stream's text while handing each decoded piece to a listener
 * (for streaming). Multi-byte characters split across chunks stay whole.
 */
export class OutputCollector {
    onText;
    decoder = new StringDecoder("utf8");
    text = "";
    constructor(onText) {
        this.onText = onText;
    }
    attach(stream) {
        return new Promise((resolve) => {
            stream.on("data", (chunk) => this.push(this.decoder.write(chunk)));
            stream.once("end", () => {
                this.push(this.decoder.end());
                resolve();
            });
            stream.once("error", () => resolve());
        });
    }
    push(text) {
        if (text === "")
            return;
        this.text += text;
        this.onText?.(text);
    }
    get value() {
        return this.text;
    }
}
//# sourceMappingURL=run-output.js.map