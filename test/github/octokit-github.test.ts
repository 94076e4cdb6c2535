import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HangarError } from "../../src/core/errors.js";
import { OctokitGitHub } from "../../src/github/octokit-github.js";
import { startGitHubApi, type GitHubApiFixture } from "../fixtures/github-api.js";
import { StoredCredentials } from "../fixtures/stored-credentials.js";

// The Octokit adapter against the local GitHub fake: real Octokit, real HTTP, GitHub's JSON
// shapes and Link pagination.

let github: GitHubApiFixture;
let credentials: StoredCredentials;
let adapter: OctokitGitHub;
let proxyId: string;
const alice = { owner: "alice", credential: "gh" };

beforeAll(async () => {
  github = await startGitHubApi();
  credentials = new StoredCredentials();
  proxyId = (await credentials.add({ owner: "alice", name: "gh", kind: "github", token: github.token })).grant
    .id;
  await credentials.add({ owner: "alice", name: "stale", kind: "github", token: "ghp_revokedByGitHub" });
  await credentials.add({ owner: "alice", name: "mail", kind: "graph", token: "graph-token" });
  adapter = new OctokitGitHub({ credentials, baseUrl: github.url });
});
afterAll(async () => {
  await github?.close();
  credentials?.close();
});

async function failure(promise: Promise<unknown>): Promise<HangarError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HangarError) return error;
    throw error;
  }
  throw new Error("expected a HangarError");
}

describe("OctokitGitHub", () => {
  it("lists the user's repositories page by page with the stored token", async () => {
    const first = await adapter.listUserRepositories(alice, { perPage: 3 });
    expect(first.items.map((repository) => repository.fullName)).toEqual([
      "octocat/repo-1",
      "octocat/repo-2",
      "octocat/repo-3",
    ]);
    expect(first.items[0]).toEqual({
      fullName: "octocat/repo-1",
      private: false,
      description: null,
      htmlUrl: "https://github.com/octocat/repo-1",
      defaultBranch: "main",
      updatedAt: "2026-01-10T00:00:00Z",
    });
    expect(first.hasNextPage).toBe(true);
    const last = await adapter.listUserRepositories(alice, { perPage: 3, page: 3 });
    expect(last.items.map((repository) => repository.fullName)).toEqual(["octocat/repo-7"]);
    expect(last.hasNextPage).toBe(false);
    const request = github.requests.at(-1);
    expect(request?.url).toBe("/user/repos?page=3&per_page=3");
    expect(request?.headers.authorization).toMatch(new RegExp(`^(token|bearer) ${github.token}$`, "i"));
  });

  it("lists the pull requests the user authored through the search API", async () => {
    const result = await adapter.listUserPullRequests(alice);
    expect(result.items).toHaveLength(3);
    expect(result.items[0]).toMatchObject({
      repository: "octocat/repo-1",
      number: 1,
      state: "open",
      author: "octocat",
    });
    const search = github.requests.at(-1);
    expect(new URL(search?.url ?? "", github.url).searchParams.get("q")).toBe(
      "is:pr author:octocat state:open",
    );
  });

  it("gets a pull request, lists issues and comments", async () => {
    const pull = await adapter.getPullRequest(alice, { repository: "octocat/repo-2", number: 2 });
    expect(pull).toMatchObject({
      repository: "octocat/repo-2",
      number: 2,
      draft: true,
      head: "feature-2",
      base: "main",
    });
    expect(pull.changedFiles).toBe(2);
    const issues = await adapter.listIssues(alice, { repository: "octocat/repo-1", perPage: 3 });
    expect(issues.hasNextPage).toBe(true);
    expect(issues.items[0]?.labels).toEqual(["bug"]);
    expect(issues.items.map((issue) => issue.isPullRequest)).toEqual([false, false, true]);
    const body = "Thanks! \u{1F680} «quoted»";
    const comment = await adapter.createIssueComment(alice, {
      repository: "octocat/repo-1",
      number: 1,
      body,
    });
    expect(comment.body).toBe(body);
    expect(JSON.parse(github.requests.at(-1)?.body.toString("utf8") ?? "{}")).toEqual({ body });
  });

  it("accepts a proxy id of the owner, with the grant's limits", async () => {
    const viaProxyId = await adapter.listUserRepositories(
      { owner: "alice", credential: proxyId },
      { perPage: 1 },
    );
    expect(viaProxyId.items).toHaveLength(1);
    const narrow = await credentials.createGrant({
      owner: "alice",
      credential: "gh",
      allowedPathPrefixes: ["/repos/octocat/repo-1"],
      allowedMethods: ["GET"],
    });
    const reference = { owner: "alice", credential: narrow.id };
    expect(
      (await adapter.listIssues(reference, { repository: "octocat/repo-1" })).items.length,
    ).toBeGreaterThan(0);
    expect((await failure(adapter.listUserRepositories(reference))).code).toBe("PROXY_PATH_NOT_ALLOWED");
    const write = adapter.createIssueComment(reference, {
      repository: "octocat/repo-1",
      number: 1,
      body: "x",
    });
    expect((await failure(write)).code).toBe("PROXY_METHOD_NOT_ALLOWED");
    expect((await failure(adapter.listUserRepositories({ owner: "bob", credential: proxyId }))).code).toBe(
      "PROXY_GRANT_NOT_FOUND",
    );
  });

  it("maps GitHub's errors with its status and message, never the token", async () => {
    const missing = await failure(adapter.getPullRequest(alice, { repository: "octocat/nope", number: 1 }));
    expect(missing.code).toBe("NOT_FOUND");
    expect(missing.details).toEqual({ status: 404 });
    expect(missing.message).toContain("Not Found");
    const stale = await failure(adapter.listUserRepositories({ owner: "alice", credential: "stale" }));
    expect(stale.code).toBe("GITHUB_ERROR");
    expect(stale.details).toEqual({ status: 401 });
    expect(stale.message).toBe("GitHub answered 401: Bad credentials");
    const invalid = await failure(
      adapter.createIssueComment(alice, { repository: "octocat/repo-1", number: 1, body: " " }),
    );
    expect(invalid.field).toBe("body");
    for (const error of [missing, stale, invalid]) {
      expect(
        JSON.stringify({ message: error.message, details: error.details, cause: String(error.cause) }),
      ).not.toContain(github.token);
    }
  });

  it("refuses unknown credentials, other kinds and malformed repositories before calling GitHub", async () => {
    const before = github.requests.length;
    expect((await failure(adapter.listUserRepositories({ owner: "alice", credential: "nope" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(adapter.listUserRepositories({ owner: "bob", credential: "gh" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(adapter.listUserRepositories({ owner: "alice", credential: "mail" }))).field).toBe(
      "credential",
    );
    for (const repository of ["octocat", "octocat/..", "a/b/c", "../x", "octocat/repo 1"]) {
      expect((await failure(adapter.listIssues(alice, { repository }))).field, repository).toBe("repository");
    }
    expect((await failure(adapter.listUserRepositories(alice, { perPage: 500 }))).field).toBe("perPage");
    expect(github.requests.length).toBe(before);
  });
});
