/**
 * The GitHub operations the MCP server's `github_*` tools offer (Coderunner's two, plus
 * three more). The adapter (`octokit-github.ts`) runs Octokit against `[proxy] github_api_url`
 * with the token of a stored credential; callers name the credential (by name, or by a
 * proxy id of theirs), never a token.
 */

/** Which stored credential to act with: its name, or a `prx_…` proxy id the owner holds. */
export interface GitHubCredentialReference {
  owner: string;
  credential: string;
}

export interface GitHubPage {
  /** 1-based. */
  page?: number;
  /** 1–100; GitHub's default is 30. */
  perPage?: number;
}

export interface GitHubRepository {
  fullName: string;
  private: boolean;
  description: string | null;
  htmlUrl: string;
  defaultBranch: string;
  updatedAt: string | null;
}

export interface GitHubPullRequestSummary {
  repository: string;
  number: number;
  title: string;
  state: string;
  htmlUrl: string;
  author: string | null;
  updatedAt: string | null;
}

export interface GitHubPullRequest extends GitHubPullRequestSummary {
  body: string | null;
  draft: boolean;
  merged: boolean;
  head: string;
  base: string;
  additions: number;
  deletions: number;
  changedFiles: number;
}

export interface GitHubIssue {
  number: number;
  title: string;
  state: string;
  htmlUrl: string;
  author: string | null;
  labels: string[];
  isPullRequest: boolean;
  updatedAt: string | null;
}

export interface GitHubComment {
  id: number;
  htmlUrl: string;
  body: string;
}

/** Every list answers one page and says whether GitHub has more (its `Link: rel="next"`). */
export interface GitHubList<T> {
  items: T[];
  hasNextPage: boolean;
}

export interface GitHubOperations {
  listUserRepositories(
    reference: GitHubCredentialReference,
    options?: GitHubPage & { visibility?: "all" | "public" | "private" },
  ): Promise<GitHubList<GitHubRepository>>;
  /** Pull requests the credential's user authored (open by default), across repositories. */
  listUserPullRequests(
    reference: GitHubCredentialReference,
    options?: GitHubPage & { state?: "open" | "closed" | "all" },
  ): Promise<GitHubList<GitHubPullRequestSummary>>;
  getPullRequest(
    reference: GitHubCredentialReference,
    target: { repository: string; number: number },
  ): Promise<GitHubPullRequest>;
  listIssues(
    reference: GitHubCredentialReference,
    target: { repository: string } & GitHubPage & { state?: "open" | "closed" | "all" },
  ): Promise<GitHubList<GitHubIssue>>;
  createIssueComment(
    reference: GitHubCredentialReference,
    target: { repository: string; number: number; body: string },
  ): Promise<GitHubComment>;
}
