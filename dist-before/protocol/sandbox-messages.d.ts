import { z } from "zod";
export declare const sandboxStatusSchema: z.ZodEnum<{
    live: "live";
    gone: "gone";
    removed: "removed";
}>;
export type SandboxStatus = z.infer<typeof sandboxStatusSchema>;
export declare const sandboxSchema: z.ZodObject<{
    id: z.ZodString;
    provider: z.ZodString;
    image: z.ZodNullable<z.ZodString>;
    owner: z.ZodString;
    user_id: z.ZodNullable<z.ZodString>;
    project_id: z.ZodNullable<z.ZodString>;
    status: z.ZodEnum<{
        live: "live";
        gone: "gone";
        removed: "removed";
    }>;
    gone_reason: z.ZodNullable<z.ZodString>;
    created_at: z.ZodString;
    last_used_at: z.ZodString;
    expires_at: z.ZodNullable<z.ZodString>;
    labels: z.ZodRecord<z.ZodString, z.ZodString>;
}, z.core.$strip>;
export type Sandbox = z.infer<typeof sandboxSchema>;
export declare const sandboxPageSchema: z.ZodObject<{
    sandboxes: z.ZodArray<z.ZodObject<{
        id: z.ZodString;
        provider: z.ZodString;
        image: z.ZodNullable<z.ZodString>;
        owner: z.ZodString;
        user_id: z.ZodNullable<z.ZodString>;
        project_id: z.ZodNullable<z.ZodString>;
        status: z.ZodEnum<{
            live: "live";
            gone: "gone";
            removed: "removed";
        }>;
        gone_reason: z.ZodNullable<z.ZodString>;
        created_at: z.ZodString;
        last_used_at: z.ZodString;
        expires_at: z.ZodNullable<z.ZodString>;
        labels: z.ZodRecord<z.ZodString, z.ZodString>;
    }, z.core.$strip>>;
    next_cursor: z.ZodNullable<z.ZodString>;
}, z.core.$strip>;
export type SandboxPage = z.infer<typeof sandboxPageSchema>;
export declare const sandboxCountsSchema: z.ZodObject<{
    total: z.ZodNumber;
    live: z.ZodNumber;
    groups: z.ZodArray<z.ZodObject<{
        provider: z.ZodString;
        status: z.ZodEnum<{
            live: "live";
            gone: "gone";
            removed: "removed";
        }>;
        count: z.ZodNumber;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type SandboxCounts = z.infer<typeof sandboxCountsSchema>;
export declare const ensureSandboxRequestSchema: z.ZodObject<{
    user_id: z.ZodString;
    project_id: z.ZodString;
    image: z.ZodOptional<z.ZodNullable<z.ZodString>>;
}, z.core.$strip>;
export type EnsureSandboxRequest = z.input<typeof ensureSandboxRequestSchema>;
export declare const ensureSandboxResponseSchema: z.ZodObject<{
    sandbox: z.ZodObject<{
        id: z.ZodString;
        provider: z.ZodString;
        image: z.ZodNullable<z.ZodString>;
        owner: z.ZodString;
        user_id: z.ZodNullable<z.ZodString>;
        project_id: z.ZodNullable<z.ZodString>;
        status: z.ZodEnum<{
            live: "live";
            gone: "gone";
            removed: "removed";
        }>;
        gone_reason: z.ZodNullable<z.ZodString>;
        created_at: z.ZodString;
        last_used_at: z.ZodString;
        expires_at: z.ZodNullable<z.ZodString>;
        labels: z.ZodRecord<z.ZodString, z.ZodString>;
    }, z.core.$strip>;
    created: z.ZodBoolean;
}, z.core.$strip>;
export type EnsureSandboxResponse = z.infer<typeof ensureSandboxResponseSchema>;
export declare const fileEntrySchema: z.ZodObject<{
    path: z.ZodString;
    type: z.ZodEnum<{
        file: "file";
        directory: "directory";
        symlink: "symlink";
        other: "other";
    }>;
    size: z.ZodNumber;
}, z.core.$strip>;
export type FileEntry = z.infer<typeof fileEntrySchema>;
export declare const sandboxFileListSchema: z.ZodObject<{
    path: z.ZodString;
    entries: z.ZodArray<z.ZodObject<{
        path: z.ZodString;
        type: z.ZodEnum<{
            file: "file";
            directory: "directory";
            symlink: "symlink";
            other: "other";
        }>;
        size: z.ZodNumber;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type SandboxFileList = z.infer<typeof sandboxFileListSchema>;
export declare const writtenFileSchema: z.ZodObject<{
    path: z.ZodString;
    size: z.ZodNumber;
}, z.core.$strip>;
export type WrittenFile = z.infer<typeof writtenFileSchema>;
