/**
 * Cuts tool output to what the model may read. The head shows what a command
 * started with and the tail how it ended (the failing test, the final error),
 * so both are kept and the middle goes, with a note saying how much.
 */
/** Room kept for the note itself, so the result stays near the limit. */
const noteAllowance = 80;
export function truncateOutput(text, maxChars) {
    if (text.length <= maxChars)
        return text;
    const budget = Math.max(2, maxChars > noteAllowance * 4 ? maxChars - noteAllowance : maxChars);
    let headEnd = Math.ceil(budget / 2);
    let tailStart = text.length - Math.floor(budget / 2);
    // Snap to whole lines when a line break is close enough; half a line helps nobody.
    const lastBreakInHead = text.lastIndexOf("\n", headEnd - 1);
    if (lastBreakInHead >= headEnd / 2)
        headEnd = lastBreakInHead + 1;
    const firstBreakInTail = text.indexOf("\n", tailStart);
    if (firstBreakInTail !== -1 && firstBreakInTail - tailStart < budget / 4)
        tailStart = firstBreakInTail + 1;
    const cut = text.slice(headEnd, tailStart);
    const cutLines = countLines(cut);
    const lines = cutLines > 0 ? ` (${formatCount(cutLines)} ${cutLines === 1 ? "line" : "lines"})` : "";
    const head = text.slice(0, headEnd);
    const separator = head.endsWith("\n") || head === "" ? "" : "\n";
    return `${head}${separator}[… ${formatCount(cut.length)} characters${lines} cut …]\n${text.slice(tailStart)}`;
}
/** Shortens one line (a grep match, a minified file) and says how much was left out. */
export function truncateLine(line, maxChars) {
    if (line.length <= maxChars)
        return line;
    return `${line.slice(0, maxChars)} [… ${formatCount(line.length - maxChars)} characters cut]`;
}
export function formatCount(count) {
    return count.toLocaleString("en-US");
}
function countLines(text) {
    let count = 0;
    for (let index = text.indexOf("\n"); index !== -1; index = text.indexOf("\n", index + 1))
        count += 1;
    return count;
}
//# sourceMappingURL=truncate-output.js.map