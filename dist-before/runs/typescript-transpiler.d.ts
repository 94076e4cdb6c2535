/**
 * The version of the `typescript` package, read from its package.json so that
 * `/languages` can tell it without loading the compiler; "unknown" when it is not installed.
 */
export declare function typescriptVersion(): string;
export interface TranspileOutcome {
    javascript: string;
    /** Syntax errors, formatted like tsc's; empty when the code transpiled. */
    diagnostics: string;
    /** Who did it: Node's built-in type stripping, or the TypeScript compiler. */
    engine: "node" | "typescript";
}
type StripTypes = (code: string, options: {
    mode: "transform";
    sourceMap?: boolean;
}) => string;
/** Node's type stripper, when this Node has one. */
export declare const nodeTypeStripper: StripTypes | undefined;
export declare function transpileTypeScript(code: string, target: "module" | "script"): Promise<TranspileOutcome>;
export {};
