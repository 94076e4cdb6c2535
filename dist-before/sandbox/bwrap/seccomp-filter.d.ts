export declare function buildSeccompFilter(denied?: number[]): Buffer;
/** Whether this host can use the filter: x86_64 only, for now. */
export declare function isSeccompSupported(): boolean;
