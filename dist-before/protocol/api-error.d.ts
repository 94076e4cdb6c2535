import { z } from "zod";
/** Every 4xx and 5xx answer of the API; `field` names the request field at fault, when one is. */
export declare const apiErrorSchema: z.ZodObject<{
    error: z.ZodObject<{
        code: z.ZodString;
        message: z.ZodString;
        field: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>;
}, z.core.$strip>;
export type ApiError = z.infer<typeof apiErrorSchema>;
