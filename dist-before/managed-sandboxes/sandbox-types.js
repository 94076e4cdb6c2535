import { HangarError } from "../core/errors.js";
import { userIdPattern } from "../core/ids.js";
import { imagesUnsupportedError } from "../sandbox/provider-images.js";
export const maxListLimit = 100;
/** The service validates too (not only the HTTP schema): the CLI and agent sessions call it directly. */
export function validateIdentifier(value, field) {
    if (typeof value !== "string" || !userIdPattern.test(value)) {
        throw new HangarError("VALIDATION_FAILED", `${field} must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit`, { field });
    }
    return value;
}
export function validateLimit(limit) {
    if (limit === undefined)
        return maxListLimit;
    if (!Number.isInteger(limit) || limit < 1 || limit > maxListLimit) {
        throw new HangarError("VALIDATION_FAILED", `limit must be an integer from 1 to ${maxListLimit}`, {
            field: "limit",
        });
    }
    return limit;
}
/** The lock key of everything that creates or destroys the sandbox of one (owner, user, project). */
export function sandboxKey(record) {
    return record.userId === undefined || record.projectId === undefined
        ? `id\0${record.id}`
        : `key\0${record.owner}\0${record.userId}\0${record.projectId}`;
}
/** The image a new sandbox runs: the requested one, the provider's default, or none (bwrap). */
export async function chooseImage(images, image, providerName) {
    if (images === undefined) {
        if (image === undefined)
            return undefined;
        throw imagesUnsupportedError(providerName);
    }
    if (image === undefined)
        return images.defaultImage;
    if (image.length === 0 || image.length > 256 || /[\s\p{Cc}]/u.test(image)) {
        throw new HangarError("VALIDATION_FAILED", "image must be 1-256 characters without spaces", {
            field: "image",
        });
    }
    await images.check?.(image);
    return image;
}
export function quotaError(what, limit, value) {
    return new HangarError("QUOTA_EXCEEDED", `${what} (sandboxes.${limit} = ${value}); remove one with DELETE /sandboxes/{id} first`, { details: { limit: `sandboxes.${limit}`, value } });
}
//# sourceMappingURL=sandbox-types.js.map