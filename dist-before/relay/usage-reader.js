/** A line longer than this is not usage (usage lines are short); it is skipped, not kept. */
const longestScannedLine = 1024 * 1024;
export class UsageReader {
    #isEventStream;
    #keptLimit;
    #pending = "";
    #isSkippingLine = false;
    #kept = [];
    #keptBytes = 0;
    #input;
    #output;
    /** `keptLimit`: the most bytes of a JSON answer kept for reading at its end. */
    constructor(contentType, keptLimit) {
        this.#isEventStream = contentType?.toLowerCase().includes("text/event-stream") === true;
        this.#keptLimit = keptLimit;
    }
    push(chunk) {
        if (!this.#isEventStream) {
            this.#keptBytes += chunk.length;
            if (this.#keptBytes <= this.#keptLimit)
                this.#kept.push(chunk);
            return;
        }
        const lines = (this.#pending + chunk.toString("utf8")).split("\n");
        this.#pending = lines.pop() ?? "";
        for (const line of lines) {
            if (this.#isSkippingLine)
                this.#isSkippingLine = false;
            else
                this.#readLine(line);
        }
        if (this.#pending.length > longestScannedLine) {
            this.#pending = "";
            this.#isSkippingLine = true;
        }
    }
    /** The usage the answer reported, or undefined when it reported none. */
    finish() {
        if (this.#isEventStream) {
            if (!this.#isSkippingLine)
                this.#readLine(this.#pending);
        }
        else if (this.#keptBytes <= this.#keptLimit) {
            const parsed = parseJson(Buffer.concat(this.#kept).toString("utf8"));
            for (const item of Array.isArray(parsed) ? parsed : [parsed])
                this.#readObject(item);
        }
        if (this.#input === undefined && this.#output === undefined)
            return undefined;
        return { inputTokens: this.#input ?? 0, outputTokens: this.#output ?? 0 };
    }
    #readLine(line) {
        // Only `data:` lines that mention usage are parsed; the text deltas go by untouched.
        if (!line.startsWith("data:") || !line.includes("sage"))
            return;
        this.#readObject(parseJson(line.slice(5)));
    }
    #readObject(value) {
        if (!isRecord(value))
            return;
        const usage = [
            value.usage,
            recordField(value.response, "usage"),
            recordField(value.message, "usage"),
        ].find(isRecord);
        if (usage !== undefined) {
            const input = numberField(usage, "prompt_tokens") ??
                sumOf(numberField(usage, "input_tokens"), numberField(usage, "cache_creation_input_tokens"), numberField(usage, "cache_read_input_tokens"));
            const output = numberField(usage, "completion_tokens") ?? numberField(usage, "output_tokens");
            if (input !== undefined)
                this.#input = input;
            if (output !== undefined)
                this.#output = output;
        }
        const metadata = value.usageMetadata;
        if (isRecord(metadata)) {
            const input = numberField(metadata, "promptTokenCount");
            const output = sumOf(numberField(metadata, "candidatesTokenCount"), numberField(metadata, "thoughtsTokenCount"));
            if (input !== undefined)
                this.#input = input;
            if (output !== undefined)
                this.#output = output;
        }
    }
}
function sumOf(...values) {
    const present = values.filter((value) => value !== undefined);
    return present.length === 0 ? undefined : present.reduce((sum, value) => sum + value, 0);
}
function numberField(record, name) {
    const value = record[name];
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
function recordField(value, name) {
    return isRecord(value) ? value[name] : undefined;
}
function isRecord(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
function parseJson(text) {
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=usage-reader.js.map