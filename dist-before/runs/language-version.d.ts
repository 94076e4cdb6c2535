/**
 * Whether a requested language version (`version` in `/run`) names the
 * toolchain's: exact ("3.11.2"), a prefix by whole components ("3.11", "3",
 * never "3.1" for 3.11.2), or "*" for any. A leading "v" is ignored, as Node's
 * own versions are often written so.
 */
export declare function versionMatches(available: string, wanted: string): boolean;
