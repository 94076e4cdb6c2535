import { describe, expect, it } from "vitest";
import { configSchema } from "../config/config-schema.js";

describe("[proxy] config", () => {
  it("defaults to GitHub's and Graph's public APIs and the documented limits", () => {
    expect(configSchema.parse({}).proxy).toEqual({
      github_api_url: "https://api.github.com",
      graph_api_url: "https://graph.microsoft.com",
      max_request_bytes: 10 * 1024 * 1024,
      max_response_bytes: 50 * 1024 * 1024,
      timeout_seconds: 30,
      allow_private_upstreams: false,
    });
  });

  it("takes a GitHub Enterprise base path and refuses upstreams that could carry more than a host", () => {
    const parsed = configSchema.parse({ proxy: { github_api_url: "https://ghe.example.com/api/v3" } });
    expect(parsed.proxy.github_api_url).toBe("https://ghe.example.com/api/v3");
    for (const url of [
      "ftp://ghe.example.com",
      "https://user:secret@ghe.example.com",
      "https://ghe.example.com/?x=1",
      "https://ghe.example.com/#x",
      "not a url",
    ]) {
      const result = configSchema.safeParse({ proxy: { graph_api_url: url } });
      expect(result.success, url).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(["proxy", "graph_api_url"]);
    }
    expect(configSchema.safeParse({ proxy: { timeout_seconds: 0 } }).success).toBe(false);
    expect(configSchema.safeParse({ proxy: { max_request_byte: 1 } }).success).toBe(false);
  });
});
