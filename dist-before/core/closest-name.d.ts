/**
 * The known name a mistyped one most likely meant, for "did you mean" hints:
 * the same name in another spelling (`sessionid`, `session-id` for
 * `sessionId`/`session_id`), else the nearest by edit distance when it is
 * close enough to be a typo (at most 1 edit for short names, 2 for longer).
 * Undefined when nothing is that close.
 */
export declare function closestName(name: string, candidates: readonly string[]): string | undefined;
/** ` (did you mean "x"?)`, or nothing. */
export declare function didYouMean(name: string, candidates: readonly string[]): string;
