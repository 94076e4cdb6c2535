/**
 * What an approval is about, shown under its one-line summary so the user sees
 * what they approve: the content a write puts in a file, the lines an edit takes
 * out and puts in, the whole command a shell call runs. Known inputs only (the
 * built-in tools' and the common `command`/`path` shapes); anything else shows
 * no preview. Lines are returned raw: the renderer sanitises and styles them.
 */
export interface PreviewLine {
    kind: "added" | "removed" | "command" | "note";
    text: string;
}
export declare function approvalPreview(tool: string, input: unknown, summary: string, maxLines?: number): PreviewLine[];
