import { randomBytes } from "node:crypto";
const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
/** A short random id with a readable prefix, e.g. `sbx_k3j9...`; 16 chars of base36 ≈ 82 bits. */
export function newId(prefix) {
    const bytes = randomBytes(16);
    let body = "";
    for (const byte of bytes)
        body += alphabet[byte % alphabet.length];
    return `${prefix}_${body}`;
}
export const newSandboxId = () => newId("sbx");
export const newRunId = () => newId("run");
/** Ids that come from users (session ids) are bounded and plain so they are safe in paths and logs. */
export const userIdPattern = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
//# sourceMappingURL=ids.js.map