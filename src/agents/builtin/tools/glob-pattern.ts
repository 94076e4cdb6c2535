/**
 * Glob patterns as models write them (`src/**\/*.ts`, `*.{js,mjs}`), turned
 * into a regular expression over workspace-relative paths. A pattern without
 * `/` matches file names at any depth, the way `*.ts` is usually meant.
 */
export function globToRegExp(pattern: string): RegExp {
  let glob = pattern.trim();
  if (glob.startsWith("/workspace/")) glob = glob.slice("/workspace/".length);
  while (glob.startsWith("./")) glob = glob.slice(2);
  const isNameOnly = !glob.includes("/");
  let source = "";
  let openBraces = 0;
  for (let index = 0; index < glob.length; index += 1) {
    const character = glob[index]!;
    if (character === "*") {
      if (glob[index + 1] === "*") {
        const isWholeSegment =
          (index === 0 || glob[index - 1] === "/") && [undefined, "/"].includes(glob[index + 2]);
        if (isWholeSegment && glob[index + 2] === "/") {
          source += "(?:[^/]+/)*"; // `**/`: zero or more directories
          index += 2;
        } else {
          source += ".*";
          index += 1;
        }
      } else {
        source += "[^/]*";
      }
    } else if (character === "?") {
      source += "[^/]";
    } else if (character === "[") {
      const close = glob.indexOf("]", index + 2);
      if (close === -1) {
        source += "\\[";
      } else {
        let body = glob.slice(index + 1, close);
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        source += `[${body.replace(/\\/g, "\\\\")}]`;
        index = close;
      }
    } else if (character === "{") {
      openBraces += 1;
      source += "(?:";
    } else if (character === "}" && openBraces > 0) {
      openBraces -= 1;
      source += ")";
    } else if (character === "," && openBraces > 0) {
      source += "|";
    } else {
      source += character.replace(/[.+^${}()|\\]/g, "\\$&");
    }
  }
  source += ")".repeat(openBraces);
  return new RegExp(isNameOnly ? `(?:^|/)${source}$` : `^${source}$`);
}
