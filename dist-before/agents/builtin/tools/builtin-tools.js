import { askUserTool } from "./ask-user.js";
import { bashTool } from "./bash.js";
import { editFileTool } from "./edit-file.js";
import { gitTool } from "./git.js";
import { grepTool } from "./grep.js";
import { listFilesTool } from "./list-files.js";
import { readFileTool } from "./read-file.js";
import { runCodeTool } from "./run-code.js";
import { writeFileTool } from "./write-file.js";
/** Every tool of the built-in agent, in the order the model sees them. */
export function builtinTools() {
    return [
        readFileTool,
        writeFileTool,
        editFileTool,
        listFilesTool,
        grepTool,
        bashTool,
        runCodeTool,
        gitTool,
        askUserTool,
    ];
}
/** The built-in tool with this name, or undefined (a model may ask for a tool that does not exist). */
export function findBuiltinTool(name) {
    return builtinTools().find((tool) => tool.name === name);
}
//# sourceMappingURL=builtin-tools.js.map