import { z } from "zod";
import { defineTool } from "./define-tool.js";
const inputSchema = z.object({
    question: z.string().min(1).describe("The question for the user, self-contained and specific."),
    choices: z
        .array(z.string().min(1))
        .optional()
        .describe("Answers the user can pick from, when the question has a few clear options."),
});
export const askUserTool = defineTool({
    name: "ask_user",
    inputSchema,
    kind: () => "ask",
    summarize: (input) => `ask_user: ${input.question}`,
    execute() {
        // The agent loop turns `ask` tools into a stored question; reaching here is a loop bug.
        return Promise.reject(new Error("ask_user is answered by the user: the agent loop must not execute it"));
    },
});
//# sourceMappingURL=ask-user.js.map