import { z } from "zod";
/** Every 4xx and 5xx answer of the API; `field` names the request field at fault, when one is. */
export const apiErrorSchema = z.object({
    error: z.object({
        code: z.string(),
        message: z.string(),
        field: z.string().optional(),
    }),
});
//# sourceMappingURL=api-error.js.map