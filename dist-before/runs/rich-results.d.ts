import type { MimeBundle } from "../protocol/run-messages.js";
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
export declare const maxBundleBytes: number;
export declare const maxResultsPerRun = 100;
export declare const maxResultBytesPerRun: number;
/** The bundle as a client may see it: known MIME types only, each bounded; undefined when it is not a bundle. */
export declare function boundBundle(value: unknown, isMainResult: boolean): MimeBundle | undefined;
/** One run's results, in the order they came, within the run's bounds. */
export declare class ResultCollector {
    #private;
    readonly results: MimeBundle[];
    /** Results the host dropped plus those the kernel said it dropped. */
    dropped: number;
    /** Keeps the bundle when it fits; returns it as kept, or undefined when dropped. */
    add(value: unknown, claimsMainResult: boolean): MimeBundle | undefined;
}
