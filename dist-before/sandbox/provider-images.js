import { HangarError } from "../core/errors.js";
export function imagesUnsupportedError(providerName) {
    return new HangarError("VALIDATION_FAILED", `image cannot be chosen: the ${providerName} provider runs the host's own toolchains and has no images ` +
        "(leave image out, or use the docker provider)", { field: "image" });
}
//# sourceMappingURL=provider-images.js.map