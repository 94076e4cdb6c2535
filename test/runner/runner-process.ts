// Starts the built runner (dist/runner/agent-runner.mjs) as a real process with
// its own channel, home and workspace directories, for tests and the lead's driver tests.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { ChatAgentConfigSchema } from "../../src/runner-protocol/agent_pb.js";

export const runnerBundle = resolve(import.meta.dirname, "../../dist/runner/agent-runner.mjs");
export const scriptedAgent = resolve(import.meta.dirname, "../fixtures/scripted-acp-agent.mjs");

export interface RunnerReady {
  ready: true;
  pid: number;
  relay_port: number;
  proxy_port: number;
  version: string;
}

export interface RunnerProcess {
  child: ChildProcess;
  ready: RunnerReady;
  root: string;
  channel: string;
  workspace: string;
  home: string;
  socketPath: string;
  stop(): Promise<void>;
}

export async function startRunner(
  extraArgs: string[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunnerProcess> {
  const root = mkdtempSync(join(tmpdir(), "agent-runner-"));
  const channel = join(root, "channel");
  const workspace = join(root, "workspace");
  const home = join(root, "home");
  for (const directory of [channel, workspace, home]) mkdirSync(directory);
  const child = spawn(
    process.execPath,
    [
      runnerBundle,
      "--channel",
      channel,
      "--home-root",
      home,
      "--workspace",
      workspace,
      "--relay-port",
      "0",
      "--proxy-port",
      "0",
      ...extraArgs,
    ],
    { env, stdio: ["pipe", "pipe", "inherit"] },
  );
  const ready = await new Promise<RunnerReady>((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => resolveReady(JSON.parse(line) as RunnerReady));
    child.once("exit", (code) => reject(new Error(`the runner exited with ${code} before it was ready`)));
  });
  return {
    child,
    ready,
    root,
    channel,
    workspace,
    home,
    socketPath: join(channel, "runner.sock"),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill("SIGTERM");
        await exited;
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The agent_config for the scripted ACP agent following script. */
export function scriptedAgentConfig(
  script: object,
  extra: {
    capabilities?: string[];
    agentMode?: string;
    env?: Record<string, string>;
    homeFiles?: Record<string, string>;
    mcpServers?: NonNullable<MessageInitShape<typeof ChatAgentConfigSchema>["agentServer"]>["mcpServers"];
  } = {},
): MessageInitShape<typeof ChatAgentConfigSchema> {
  return {
    agentServer: {
      agentId: "scripted",
      command: process.execPath,
      args: [scriptedAgent],
      env: { HANGAR_ACP_SCRIPT: JSON.stringify(script), ...extra.env },
      homeFiles: extra.homeFiles ?? {},
      capabilities: extra.capabilities ?? [],
      mcpServers: extra.mcpServers ?? [],
      ...(extra.agentMode === undefined ? {} : { agentMode: extra.agentMode }),
    },
  };
}
