import picomatch from "picomatch";
/**
 * Glob patterns as models write them (`src/**\/*.ts`, `*.{js,mjs}`), turned
 * into a regular expression over workspace-relative paths by picomatch. A
 * pattern without `/` matches file names at any depth, the way `*.ts` is
 * usually meant; dotfiles match like any other file (a workspace has no
 * hidden files from the agent).
 */
export function globToRegExp(pattern) {
    let glob = pattern.trim();
    if (glob.startsWith("/workspace/"))
        glob = glob.slice("/workspace/".length);
    while (glob.startsWith("./"))
        glob = glob.slice(2);
    // Shells negate a class with `[!…]`; picomatch reads that as a literal `!` and wants `[^…]`.
    glob = glob.replace(/(^|[^\\])\[!/g, "$1[^");
    const isNameOnly = !glob.includes("/");
    return picomatch.makeRe(isNameOnly ? `**/${glob}` : glob, { dot: true });
}
//# sourceMappingURL=glob-pattern.js.map