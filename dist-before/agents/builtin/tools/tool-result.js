/** A failure the model can act on: say what went wrong and how to fix it. */
export function toolError(output) {
    return { output, isError: true };
}
export function toolSuccess(output) {
    return { output, isError: false };
}
//# sourceMappingURL=tool-result.js.map