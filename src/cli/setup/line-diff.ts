/**
 * A unified diff (the `diff -u` shape: `---`/`+++` names, `@@ -a,b +c,d @@` hunks with
 * three lines of context) of two small texts, such as the old and new hangar.toml.
 * A longest-common-subsequence table is plenty for files of a few hundred lines.
 */
export interface DiffOptions {
  oldName: string;
  newName: string;
  context?: number;
}

type Operation = { kind: " " | "-" | "+"; text: string };

/** The diff's lines; empty when the texts are equal. */
export function unifiedDiff(oldText: string, newText: string, options: DiffOptions): string[] {
  const operations = diffLines(splitLines(oldText), splitLines(newText));
  if (operations.every((operation) => operation.kind === " ")) return [];
  const context = options.context ?? 3;
  const lines = [`--- ${options.oldName}`, `+++ ${options.newName}`];
  for (const hunk of hunks(operations, context)) lines.push(...hunk);
  return lines;
}

function splitLines(text: string): string[] {
  if (text === "") return [];
  return text.replace(/\n$/, "").split("\n");
}

function diffLines(before: string[], after: string[]): Operation[] {
  // common[i][j]: the longest common subsequence of before[i..] and after[j..].
  const common = Array.from({ length: before.length + 1 }, () => new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      common[i]![j] =
        before[i] === after[j]
          ? common[i + 1]![j + 1]! + 1
          : Math.max(common[i + 1]![j]!, common[i]![j + 1]!);
    }
  }
  const operations: Operation[] = [];
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    if (i < before.length && j < after.length && before[i] === after[j]) {
      operations.push({ kind: " ", text: before[i]! });
      i += 1;
      j += 1;
    } else if (j < after.length && (i === before.length || common[i]![j + 1]! >= common[i + 1]![j]!)) {
      operations.push({ kind: "+", text: after[j]! });
      j += 1;
    } else {
      operations.push({ kind: "-", text: before[i]! });
      i += 1;
    }
  }
  return reorderRemovalsFirst(operations);
}

/** Within each run of changes, removals before additions, as `diff -u` prints them. */
function reorderRemovalsFirst(operations: Operation[]): Operation[] {
  const result: Operation[] = [];
  let run: Operation[] = [];
  const flush = () => {
    result.push(...run.filter((operation) => operation.kind === "-"));
    result.push(...run.filter((operation) => operation.kind === "+"));
    run = [];
  };
  for (const operation of operations) {
    if (operation.kind === " ") {
      flush();
      result.push(operation);
    } else run.push(operation);
  }
  flush();
  return result;
}

function hunks(operations: Operation[], context: number): string[][] {
  const changed = operations.flatMap((operation, index) => (operation.kind === " " ? [] : [index]));
  const result: string[][] = [];
  let index = 0;
  while (index < changed.length) {
    const start = Math.max(0, changed[index]! - context);
    let end = Math.min(operations.length, changed[index]! + context + 1);
    // Changes closer than twice the context share one hunk.
    while (index + 1 < changed.length && changed[index + 1]! - context <= end) {
      index += 1;
      end = Math.min(operations.length, changed[index]! + context + 1);
    }
    index += 1;
    result.push(hunk(operations, start, end));
  }
  return result;
}

function hunk(operations: Operation[], start: number, end: number): string[] {
  let oldLine = 1;
  let newLine = 1;
  for (const operation of operations.slice(0, start)) {
    if (operation.kind !== "+") oldLine += 1;
    if (operation.kind !== "-") newLine += 1;
  }
  const body = operations.slice(start, end);
  const oldCount = body.filter((operation) => operation.kind !== "+").length;
  const newCount = body.filter((operation) => operation.kind !== "-").length;
  // diff -u numbers an empty side by the line before it.
  const range = (line: number, count: number) => `${count === 0 ? line - 1 : line},${count}`;
  return [
    `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`,
    ...body.map((operation) => `${operation.kind}${operation.text}`),
  ];
}
