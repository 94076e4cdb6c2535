import { wrapLanguageModel } from "ai";
/**
 * The model with every request timed: a streamed answer counts until its stream ends
 * (an error part makes it an error), whoever reads it.
 */
export function observedModel(model, provider, observe) {
    const finish = (startedAt, outcome) => observe({ provider, seconds: (performance.now() - startedAt) / 1000, outcome });
    return wrapLanguageModel({
        model: model,
        middleware: {
            specificationVersion: "v3",
            wrapGenerate: async ({ doGenerate }) => {
                const startedAt = performance.now();
                try {
                    const result = await doGenerate();
                    finish(startedAt, "ok");
                    return result;
                }
                catch (error) {
                    finish(startedAt, "error");
                    throw error;
                }
            },
            wrapStream: async ({ doStream }) => {
                const startedAt = performance.now();
                let result;
                try {
                    result = await doStream();
                }
                catch (error) {
                    finish(startedAt, "error");
                    throw error;
                }
                let outcome = "ok";
                let isFinished = false;
                const end = () => {
                    if (isFinished)
                        return;
                    isFinished = true;
                    finish(startedAt, outcome);
                };
                const stream = result.stream.pipeThrough(new TransformStream({
                    transform(part, controller) {
                        if (part.type === "error")
                            outcome = "error";
                        controller.enqueue(part);
                    },
                    // A stream its reader cancels (the turn was aborted) is not counted.
                    flush: end,
                }));
                return { ...result, stream };
            },
        },
    });
}
//# sourceMappingURL=observed-model.js.map