import { describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { checkProxyPath, isPathAllowed, joinUpstreamUrl } from "./proxy-path.js";

function refusal(pathAndQuery: string): string | undefined {
  try {
    checkProxyPath(pathAndQuery);
    return undefined;
  } catch (error) {
    return error instanceof HangarError ? error.code : "unexpected";
  }
}

describe("checkProxyPath", () => {
  it("accepts the paths real GitHub and Graph calls use", () => {
    for (const path of [
      "/user/repos?per_page=5&page=2",
      "/search/issues?q=is:pr+author:octocat+state:open",
      "/repos/acme/app/issues/12/comments",
      "/repos/acme/app.js/contents/src/index.ts",
      "/v1.0/me/messages?$top=10&$select=subject,from",
      "/v1.0/users('87d349ed')/mailFolders",
      "/repos/acme/app/git/ref/heads/feature-x",
      "",
    ]) {
      expect(refusal(path), path).toBeUndefined();
    }
    expect(checkProxyPath("").path).toBe("/");
    expect(checkProxyPath("/repos/acm%65/app").decodedPath).toBe("/repos/acme/app");
  });

  it("refuses every escape with PROXY_PATH_REJECTED", () => {
    for (const path of [
      "/../x",
      "/a/./b",
      "/%2e%2e/x",
      "/a%2fb",
      "/a%5cb",
      "/a%252fb",
      "//host/x",
      "/a//b",
      "/a@b",
      "/a\\b",
      "/a%0d%0ab",
      "/a\r\nb",
      "/a\u0000",
      "http://host/x",
      "host/x",
      "/a#b",
      "/a%zz",
      "/caf\u00e9",
      "/a b",
      "/a?b\nc",
      "/a?x=%0a",
    ]) {
      expect(refusal(path), JSON.stringify(path)).toBe("PROXY_PATH_REJECTED");
    }
  });
});

describe("joinUpstreamUrl", () => {
  it("keeps the base path and the base origin", () => {
    const base = new URL("https://ghe.example.com/api/v3/");
    const joined = joinUpstreamUrl(base, checkProxyPath("/user/repos?page=2"));
    expect(joined.toString()).toBe("https://ghe.example.com/api/v3/user/repos?page=2");
  });
});

describe("isPathAllowed", () => {
  it("matches prefixes at segment boundaries", () => {
    expect(isPathAllowed("/repos/acme/app", ["/repos/acme"])).toBe(true);
    expect(isPathAllowed("/repos/acme", ["/repos/acme"])).toBe(true);
    expect(isPathAllowed("/repos/acme-evil/app", ["/repos/acme"])).toBe(false);
    expect(isPathAllowed("/repos/acme/app", ["/repos/acme/"])).toBe(true);
    expect(isPathAllowed("/repos/acmex", ["/repos/acme/"])).toBe(false);
    expect(isPathAllowed("/anything", [])).toBe(true);
  });
});
