import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../config/load-config.js";
import { renderCommentedToml } from "./commented-toml.js";

const tree = {
  agents: {
    default_agent: "helper",
    custom: {
      helper: {
        command: "/usr/bin/helper",
        wire_formats: ["openai-chat-completions"],
        env: { HELPER_MODEL: "{{model}}" },
        home_files: { ".config/helper/settings.json": '{"theme": "dark"}\n' },
      },
    },
  },
  llm: {
    providers: { local: { base_url: "http://127.0.0.1:8000/v1", api_key_env: "LOCAL_KEY" } },
    default_model: "local:qwen2.5-coder:7b",
  },
  server: {
    api_keys: [
      { key: "key-of-alice-0123456789", owner: "alice" },
      { key: "key-of-bob-0123456789", owner: "bob", admin: true },
    ],
    port: 9090,
    cors_origins: [],
  },
  sandbox: { max_memory_share: 0.5, limits: { cpu_cores: 1.5 }, provider: "bwrap" },
  data_dir: 'odd "dir"\twith\u007f',
};

describe("renderCommentedToml", () => {
  const text = renderCommentedToml(tree, ["a header line"]);

  it("parses back to the same tree, which the config loader accepts", () => {
    expect(parse(text)).toEqual(tree);
    expect(parseConfig(parse(text)).server.port).toBe(9090);
  });

  it("writes a comment line above every key and table header", () => {
    const lines = text.split("\n");
    const keyOrHeader = /^(\[|[A-Za-z0-9_"-]+ = )/;
    const uncommented = lines.filter(
      (line, index) => keyOrHeader.test(line) && !lines[index - 1]?.startsWith("# "),
    );
    expect(uncommented).toEqual([]);
    expect(lines.filter((line) => keyOrHeader.test(line)).length).toBeGreaterThan(20);
    expect(text).toContain("# The TCP port of the HTTP API.\nport = 9090\n");
    expect(text).toContain(
      "# An OpenAI-compatible model server; its models are named <name>:<model>.\n[llm.providers.local]\n",
    );
    expect(text.startsWith("# a header line\n")).toBe(true);
  });

  it("orders keys and tables as the schema does, whatever order they came in", () => {
    const order = [
      "data_dir = ",
      "[server]",
      "port = ",
      "cors_origins = ",
      "[[server.api_keys]]",
      "[sandbox]",
    ];
    const positions = order.map((marker) => text.indexOf(marker));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((left, right) => left - right)).toEqual(positions);
    expect(text.indexOf("[llm]")).toBeLessThan(text.indexOf("[agents]"));
    // A table holding only tables needs no header: [llm.providers.local] implies it.
    expect(text).not.toContain("[llm.providers]\n");
  });

  it("quotes keys that are not bare and escapes strings as TOML wants", () => {
    expect(text).toContain('".config/helper/settings.json" = ');
    expect(text).toContain('data_dir = "odd \\"dir\\"\\twith\\u007f"');
  });

  it("describes a key it does not know by its path", () => {
    expect(renderCommentedToml({ tui: { keys: { quit: "q" } } })).toContain(
      "# tui.keys.quit: see the configuration reference.\nquit = ",
    );
  });
});
