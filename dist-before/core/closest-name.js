/**
 * The known name a mistyped one most likely meant, for "did you mean" hints:
 * the same name in another spelling (`sessionid`, `session-id` for
 * `sessionId`/`session_id`), else the nearest by edit distance when it is
 * close enough to be a typo (at most 1 edit for short names, 2 for longer).
 * Undefined when nothing is that close.
 */
export function closestName(name, candidates) {
    const spelling = normalise(name);
    const sameWord = candidates.find((candidate) => normalise(candidate) === spelling);
    if (sameWord !== undefined)
        return sameWord;
    const allowed = name.length <= 4 ? 1 : 2;
    let best;
    for (const candidate of candidates) {
        const distance = editDistance(spelling, normalise(candidate));
        if (distance <= allowed && (best === undefined || distance < best.distance))
            best = { candidate, distance };
    }
    return best?.candidate;
}
/** ` (did you mean "x"?)`, or nothing. */
export function didYouMean(name, candidates) {
    const suggestion = closestName(name, candidates);
    return suggestion === undefined ? "" : ` (did you mean "${suggestion}"?)`;
}
function normalise(name) {
    return name.toLowerCase().replace(/[-_\s]/g, "");
}
/** Levenshtein distance with adjacent transpositions (`langauge` is one edit from `language`). */
function editDistance(left, right) {
    const rows = left.length + 1;
    const columns = right.length + 1;
    const table = Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)));
    for (let row = 1; row < rows; row += 1) {
        for (let column = 1; column < columns; column += 1) {
            const cost = left[row - 1] === right[column - 1] ? 0 : 1;
            let distance = Math.min(table[row - 1][column] + 1, table[row][column - 1] + 1, table[row - 1][column - 1] + cost);
            if (row > 1 &&
                column > 1 &&
                left[row - 1] === right[column - 2] &&
                left[row - 2] === right[column - 1]) {
                distance = Math.min(distance, table[row - 2][column - 2] + 1);
            }
            table[row][column] = distance;
        }
    }
    return table[left.length][right.length];
}
//# sourceMappingURL=closest-name.js.map