/**
 * The model reads each tool's description from `<tool-name>.md` beside the
 * tool's source. tsc copies no .md files, so from `dist/` they are found in
 * the source tree, through `findSourceAsset` (core/source-assets.ts).
 */
export declare function toolDescriptionDirectory(): string;
/** The description of one tool; a missing file is a packaging bug, so it throws. */
export declare function toolDescription(toolName: string): string;
