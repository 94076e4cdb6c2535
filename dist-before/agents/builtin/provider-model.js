import { HangarError } from "../../core/errors.js";
/** The model as the loop calls it; a global model id or an older specification is refused clearly. */
export function streamingModel(model) {
    if (typeof model !== "string" && model.specificationVersion === "v3")
        return model;
    const name = typeof model === "string" ? model : `${model.provider}:${model.modelId}`;
    throw new HangarError("MODEL_ERROR", `the built-in agent needs a provider model object of specification v3; "${name}" is not one`, { field: "model" });
}
//# sourceMappingURL=provider-model.js.map