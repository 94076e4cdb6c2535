/**
 * Rich results of a notebook cell (Jupyter's display data): MIME bundles from
 * `display(...)`, the last expression's value and matplotlib figures, as the
 * kernels send them. The kernels bound them too, but the kernel shares its
 * process with the user's code, so the host checks every bound again here:
 * what a run keeps in memory and puts in its answer is bounded whatever arrives.
 *
 * - One bundle: at most `maxBundleBytes` of data. A MIME type over it is left out,
 *   largest first, and `text/plain` says which were (`[left out, ...]`).
 * - One run: at most `maxResultsPerRun` results and `maxResultBytesPerRun` bytes of
 *   `display(...)` results; from the first that does not fit on, the later ones are
 *   dropped and counted (`resultsDropped`), so the kernel need not even render them.
 *   The main result (the last expression) is always kept, within its bundle bound.
 */
export const maxBundleBytes = 2 * 1024 * 1024;
export const maxResultsPerRun = 100;
export const maxResultBytesPerRun = 10 * 1024 * 1024;
const maxPlainTextCharacters = 65_536;
const textTypes = ["text/html", "text/markdown", "image/svg+xml", "image/png", "image/jpeg"];
/** A bundle's wire size: what it adds to the answer's JSON. */
function sizeOf(value) {
    return typeof value === "string" ? value.length : JSON.stringify(value).length;
}
/** The bundle as a client may see it: known MIME types only, each bounded; undefined when it is not a bundle. */
export function boundBundle(value, isMainResult) {
    if (typeof value !== "object" || value === null || Array.isArray(value))
        return undefined;
    const data = value;
    const plainValue = data["text/plain"];
    let plain = typeof plainValue === "string" ? plainValue : "";
    if (plain.length > maxPlainTextCharacters) {
        plain = `${plain.slice(0, maxPlainTextCharacters)}\n... [truncated ${plain.length - maxPlainTextCharacters} characters]`;
    }
    const candidates = [];
    for (const mime of textTypes) {
        const entry = data[mime];
        if (typeof entry === "string")
            candidates.push([mime, entry, entry.length]);
    }
    // Parsed from a frame's JSON, so it serialises again.
    const json = data["application/json"];
    if (json !== undefined)
        candidates.push(["application/json", json, sizeOf(json)]);
    // Smallest first, so what is left out is the largest.
    candidates.sort((a, b) => a[2] - b[2]);
    let budget = maxBundleBytes - plain.length;
    const bundle = {};
    const omitted = [];
    for (const [mime, entry, size] of candidates) {
        if (size <= budget) {
            bundle[mime] = entry;
            budget -= size;
        }
        else {
            omitted.push(`${mime} (${size} bytes)`);
        }
    }
    if (omitted.length > 0)
        plain += `\n[left out, over the ${maxBundleBytes}-byte limit of one result: ${omitted.join(", ")}]`;
    return {
        "text/plain": plain,
        ...bundle,
        ...(isMainResult ? { isMainResult: true } : {}),
    };
}
/** One run's results, in the order they came, within the run's bounds. */
export class ResultCollector {
    results = [];
    #displayBytes = 0;
    #displayCount = 0;
    /** Results the host dropped plus those the kernel said it dropped. */
    dropped = 0;
    #hasMainResult = false;
    #isOverBytes = false;
    /** Keeps the bundle when it fits; returns it as kept, or undefined when dropped. */
    add(value, claimsMainResult) {
        // One main result per run: another claim (only forged frames make one) counts as a display.
        const isMainResult = claimsMainResult && !this.#hasMainResult;
        if (isMainResult)
            this.#hasMainResult = true;
        if (!isMainResult && (this.#displayCount >= maxResultsPerRun || this.#isOverBytes)) {
            this.dropped++;
            return undefined;
        }
        const bundle = boundBundle(value, isMainResult);
        if (bundle === undefined)
            return undefined;
        if (!isMainResult) {
            const size = JSON.stringify(bundle).length;
            if (this.#displayBytes + size > maxResultBytesPerRun) {
                this.#isOverBytes = true;
                this.dropped++;
                return undefined;
            }
            this.#displayBytes += size;
            this.#displayCount++;
        }
        this.results.push(bundle);
        return bundle;
    }
}
//# sourceMappingURL=rich-results.js.map