/**
 * Loads `.env` from the working directory into the environment, as
 * Coderunner does, so HANGAR_*, PORT and the model providers' keys can live
 * there. A variable already set wins over the file (Node's own rule for
 * `process.loadEnvFile`). Resolves with the file loaded, or undefined when
 * there is none.
 */
export declare function loadDotEnvFile(workingDirectory?: string): string | undefined;
