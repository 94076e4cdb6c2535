import type { TomlTable } from "./commented-toml.js";
import type { Prompter } from "./prompter.js";

/** What a sandbox provider looks like on this host, as the first step shows it. */
export interface ProviderFinding {
  name: string;
  /** Its prerequisites hold and (when probed) isolation holds. */
  isReady: boolean;
}

/** An agent the default-agent step offers. */
export interface AgentChoice {
  name: string;
  title: string;
  /** `n/a`: nothing to install (builtin, or a command already in the sandbox image). */
  installed: "yes" | "no" | "outdated" | "n/a";
}

/** What the steps read from the host; the command passes the real ones, tests their own. */
export interface SetupHost {
  /** The sandbox providers Hangar has, probed with the draft's settings; says what it finds as it goes. */
  inspectProviders(draft: TomlTable, say: (line: string) => void): Promise<ProviderFinding[]>;
  /** builtin first, then the external ACP agents the draft's config knows. */
  listAgents(draft: TomlTable): Promise<AgentChoice[]>;
  /** An environment variable of this process (unset and empty read as undefined). */
  readVariable(name: string): string | undefined;
  /** The environment variables that set a config key (`server.port`: PORT, HANGAR_PORT). */
  variablesSetting(path: readonly string[]): string[];
  /** A fresh API key. */
  generateKey(): string;
}

export interface StepContext {
  prompter: Prompter;
  host: SetupHost;
}

/** Says when the environment sets a key the step just wrote, so the file's value is not what runs. */
export function sayOverrides(context: StepContext, path: readonly string[]): void {
  for (const name of context.host.variablesSetting(path)) {
    if (context.host.readVariable(name) !== undefined) {
      context.prompter.say(
        `! ${name} is set in this environment and overrides ${path.join(".")} from the file`,
      );
    }
  }
}
