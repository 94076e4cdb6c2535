import { Octokit, RequestError } from "octokit";
import type { Credentials } from "../credentials/credentials.js";
import { HangarError } from "../core/errors.js";
import { checkGrant } from "../proxy/proxy-grant-check.js";
import type {
  GitHubComment,
  GitHubCredentialReference,
  GitHubIssue,
  GitHubList,
  GitHubOperations,
  GitHubPage,
  GitHubPullRequest,
  GitHubPullRequestSummary,
  GitHubRepository,
} from "./github-operations.js";

/**
 * `GitHubOperations` on Octokit, against `[proxy] github_api_url`, with the token of a stored
 * credential. A `prx_…` reference goes through the same grant checks as the proxy (owner,
 * expiry, allowed methods and path prefixes), so a proxy id cannot do more through the MCP
 * tools than through `/proxy/github`. Errors keep GitHub's status and message, never the token.
 */

export interface OctokitGitHubOptions {
  credentials: Credentials;
  /** `[proxy] github_api_url`. */
  baseUrl: string;
  /** One GitHub call may take this long. */
  timeoutMs?: number;
  now?: () => number;
}

const repositoryPattern = /^([A-Za-z0-9_.-]{1,100})\/([A-Za-z0-9_.-]{1,100})$/;

/** The slice of Octokit's JSON the mappers read (GitHub sends much more). */
interface UserJson {
  login: string;
}
interface RepositoryJson {
  full_name: string;
  private: boolean;
  description: string | null;
  html_url: string;
  default_branch?: string;
  updated_at?: string | null;
}
interface IssueJson {
  number: number;
  title: string;
  state: string;
  html_url: string;
  user: UserJson | null;
  labels: (string | { name?: string })[];
  pull_request?: unknown;
  repository_url?: string;
  updated_at: string | null;
}

export class OctokitGitHub implements GitHubOperations {
  private readonly options: OctokitGitHubOptions;

  constructor(options: OctokitGitHubOptions) {
    this.options = options;
  }

  async listUserRepositories(
    reference: GitHubCredentialReference,
    options: GitHubPage & { visibility?: "all" | "public" | "private" } = {},
  ): Promise<GitHubList<GitHubRepository>> {
    const octokit = await this.client(reference, "GET", "/user/repos");
    const response = await this.call(() =>
      octokit.rest.repos.listForAuthenticatedUser({
        ...pageParameters(options),
        ...(options.visibility === undefined ? {} : { visibility: options.visibility }),
      }),
    );
    return {
      items: (response.data as RepositoryJson[]).map(toRepository),
      hasNextPage: hasNext(response.headers),
    };
  }

  async listUserPullRequests(
    reference: GitHubCredentialReference,
    options: GitHubPage & { state?: "open" | "closed" | "all" } = {},
  ): Promise<GitHubList<GitHubPullRequestSummary>> {
    const octokit = await this.client(reference, "GET", "/search/issues");
    // The search API needs the login; /user is also what proves the token works.
    const user = await this.call(() => octokit.rest.users.getAuthenticated());
    const state = options.state ?? "open";
    const query = `is:pr author:${user.data.login}${state === "all" ? "" : ` state:${state}`}`;
    const response = await this.call(() =>
      octokit.rest.search.issuesAndPullRequests({ q: query, sort: "updated", ...pageParameters(options) }),
    );
    const items = (response.data.items as IssueJson[]).map((item) => ({
      repository: repositoryFromUrl(item.repository_url),
      number: item.number,
      title: item.title,
      state: item.state,
      htmlUrl: item.html_url,
      author: item.user?.login ?? null,
      updatedAt: item.updated_at,
    }));
    return { items, hasNextPage: hasNext(response.headers) };
  }

  async getPullRequest(
    reference: GitHubCredentialReference,
    target: { repository: string; number: number },
  ): Promise<GitHubPullRequest> {
    const [owner, repo] = splitRepository(target.repository);
    checkNumber(target.number);
    const octokit = await this.client(reference, "GET", `/repos/${owner}/${repo}/pulls/${target.number}`);
    const { data } = await this.call(() =>
      octokit.rest.pulls.get({ owner, repo, pull_number: target.number }),
    );
    return {
      repository: `${owner}/${repo}`,
      number: data.number,
      title: data.title,
      state: data.state,
      htmlUrl: data.html_url,
      author: data.user?.login ?? null,
      updatedAt: data.updated_at ?? null,
      body: data.body ?? null,
      draft: data.draft ?? false,
      merged: data.merged,
      head: data.head.ref,
      base: data.base.ref,
      additions: data.additions,
      deletions: data.deletions,
      changedFiles: data.changed_files,
    };
  }

  async listIssues(
    reference: GitHubCredentialReference,
    target: { repository: string } & GitHubPage & { state?: "open" | "closed" | "all" },
  ): Promise<GitHubList<GitHubIssue>> {
    const [owner, repo] = splitRepository(target.repository);
    const octokit = await this.client(reference, "GET", `/repos/${owner}/${repo}/issues`);
    const response = await this.call(() =>
      octokit.rest.issues.listForRepo({
        owner,
        repo,
        state: target.state ?? "open",
        ...pageParameters(target),
      }),
    );
    const items = (response.data as IssueJson[]).map((issue) => ({
      number: issue.number,
      title: issue.title,
      state: issue.state,
      htmlUrl: issue.html_url,
      author: issue.user?.login ?? null,
      labels: issue.labels.map((label) => (typeof label === "string" ? label : (label.name ?? ""))),
      isPullRequest: issue.pull_request !== undefined,
      updatedAt: issue.updated_at,
    }));
    return { items, hasNextPage: hasNext(response.headers) };
  }

  async createIssueComment(
    reference: GitHubCredentialReference,
    target: { repository: string; number: number; body: string },
  ): Promise<GitHubComment> {
    const [owner, repo] = splitRepository(target.repository);
    checkNumber(target.number);
    if (target.body.trim() === "")
      throw new HangarError("VALIDATION_FAILED", "body must not be empty", { field: "body" });
    const octokit = await this.client(
      reference,
      "POST",
      `/repos/${owner}/${repo}/issues/${target.number}/comments`,
    );
    const { data } = await this.call(() =>
      octokit.rest.issues.createComment({ owner, repo, issue_number: target.number, body: target.body }),
    );
    return { id: data.id, htmlUrl: data.html_url, body: data.body ?? "" };
  }

  /** An Octokit carrying the credential's token, after the grant checks when the reference is a proxy id. */
  private async client(reference: GitHubCredentialReference, method: string, path: string): Promise<Octokit> {
    const token = await this.token(reference, method, path);
    return new Octokit({
      auth: token,
      baseUrl: this.options.baseUrl.replace(/\/+$/, ""),
      userAgent: "hangar",
      // Our callers (MCP tools) want an answer now, not a silent wait on GitHub's rate limit.
      throttle: { enabled: false },
      retry: { enabled: false },
      request: { signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
  }

  private async token(reference: GitHubCredentialReference, method: string, path: string): Promise<string> {
    const { credentials } = this.options;
    if (reference.credential.startsWith("prx_")) {
      const resolved = checkGrant(await credentials.resolveGrant(reference.credential), {
        owner: reference.owner,
        target: "github",
        method,
        decodedPath: path,
        now: (this.options.now ?? Date.now)(),
      });
      return resolved.token;
    }
    const credential = await credentials.get(reference.owner, reference.credential);
    if (credential === undefined) {
      throw new HangarError("NOT_FOUND", `no credential named ${reference.credential}`, {
        field: "credential",
      });
    }
    if (credential.kind !== "github") {
      throw new HangarError(
        "VALIDATION_FAILED",
        `credential ${credential.name} is a ${credential.kind} credential, not github`,
        {
          field: "credential",
        },
      );
    }
    const token = await credentials.tokenFor(reference.owner, credential.id);
    if (token === undefined) {
      throw new HangarError("NOT_FOUND", `no credential named ${reference.credential}`, {
        field: "credential",
      });
    }
    return token;
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toHangarError(error);
    }
  }
}

function pageParameters(page: GitHubPage): { page?: number; per_page?: number } {
  if (page.page !== undefined && (!Number.isInteger(page.page) || page.page < 1)) {
    throw new HangarError("VALIDATION_FAILED", "page must be a whole number from 1", { field: "page" });
  }
  if (
    page.perPage !== undefined &&
    (!Number.isInteger(page.perPage) || page.perPage < 1 || page.perPage > 100)
  ) {
    throw new HangarError("VALIDATION_FAILED", "perPage must be a whole number from 1 to 100", {
      field: "perPage",
    });
  }
  return {
    ...(page.page === undefined ? {} : { page: page.page }),
    ...(page.perPage === undefined ? {} : { per_page: page.perPage }),
  };
}

function hasNext(headers: { link?: string }): boolean {
  return /rel="next"/.test(headers.link ?? "");
}

function splitRepository(repository: string): [string, string] {
  const match = repositoryPattern.exec(repository);
  const owner = match?.[1];
  const name = match?.[2];
  if (owner === undefined || name === undefined || name === "." || name === ".." || owner.startsWith(".")) {
    throw new HangarError("VALIDATION_FAILED", "repository must be owner/name, e.g. octocat/hello-world", {
      field: "repository",
    });
  }
  return [owner, name];
}

function checkNumber(number: number): void {
  if (!Number.isInteger(number) || number < 1) {
    throw new HangarError("VALIDATION_FAILED", "number must be a whole number from 1", { field: "number" });
  }
}

function repositoryFromUrl(url: string | undefined): string {
  return /\/repos\/([^/]+\/[^/]+)$/.exec(url ?? "")?.[1] ?? "";
}

function toRepository(repository: RepositoryJson): GitHubRepository {
  return {
    fullName: repository.full_name,
    private: repository.private,
    description: repository.description,
    htmlUrl: repository.html_url,
    defaultBranch: repository.default_branch ?? "main",
    updatedAt: repository.updated_at ?? null,
  };
}

/** GitHub's status and message, as a HangarError; the request (and its Authorization) is never kept. */
export function toHangarError(error: unknown): HangarError {
  if (error instanceof HangarError) return error;
  if (!(error instanceof RequestError)) {
    const isTimeout =
      error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return new HangarError(
      "GITHUB_ERROR",
      isTimeout ? "GitHub did not answer in time" : "GitHub could not be reached",
      {
        details: { status: 0 },
      },
    );
  }
  const status = error.status;
  const data = error.response?.data as { message?: unknown } | undefined;
  const githubMessage = typeof data?.message === "string" ? data.message : `HTTP ${status}`;
  const message = `GitHub answered ${status}: ${githubMessage}`.slice(0, 500);
  const details = { status };
  const headers = error.response?.headers ?? {};
  if (status === 429 || (status === 403 && headers["x-ratelimit-remaining"] === "0")) {
    const retryAfter = Number(headers["retry-after"]);
    return new HangarError("TOO_MANY_REQUESTS", message, {
      details,
      ...(Number.isFinite(retryAfter) ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
  if (status === 404) return new HangarError("NOT_FOUND", message, { details });
  if (status === 422) return new HangarError("VALIDATION_FAILED", message, { details });
  return new HangarError("GITHUB_ERROR", message, { details });
}
