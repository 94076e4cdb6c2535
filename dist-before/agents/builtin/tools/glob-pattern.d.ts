/**
 * Glob patterns as models write them (`src/**\/*.ts`, `*.{js,mjs}`), turned
 * into a regular expression over workspace-relative paths by picomatch. A
 * pattern without `/` matches file names at any depth, the way `*.ts` is
 * usually meant; dotfiles match like any other file (a workspace has no
 * hidden files from the agent).
 */
export declare function globToRegExp(pattern: string): RegExp;
