/**
 * Whether a requested language version (`version` in `/run`) names the
 * toolchain's: exact ("3.11.2"), a prefix by whole components ("3.11", "3",
 * never "3.1" for 3.11.2), or "*" for any. A leading "v" is ignored, as Node's
 * own versions are often written so.
 */
export function versionMatches(available, wanted) {
    const request = normalise(wanted);
    if (request === "*" || request === "")
        return true;
    const have = normalise(available);
    if (have === request)
        return true;
    const requestParts = request.split(".");
    // A trailing ".*" or ".x" is a prefix written out ("3.x").
    if (requestParts.at(-1) === "*" || requestParts.at(-1) === "x")
        requestParts.pop();
    const haveParts = have.split(".");
    return (requestParts.length <= haveParts.length && requestParts.every((part, index) => part === haveParts[index]));
}
function normalise(version) {
    return version
        .trim()
        .toLowerCase()
        .replace(/^v(?=\d)/, "");
}
//# sourceMappingURL=language-version.js.map