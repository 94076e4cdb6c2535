import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import type { GitHubOperations } from "../github/github-operations.js";
import type { ToolContext } from "./tool-context.js";

/**
 * Coderunner's two GitHub tools and three more, as thin calls into the
 * GitHubOperations port. A tool names a stored credential (its name, or a
 * `prx_…` proxy id of the caller's), never a token: the token stays in Hangar.
 */
const credentialSchema = z
  .string()
  .min(1)
  .max(256)
  .describe(
    "A stored credential's name (`hangar credentials ls`) or one of your proxy ids (prx_…); never a token",
  );
// GitHub logins are letters, digits and hyphens; a repository name may not be `.` or `..` (a path escape).
const repositorySchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,39}\/(?!\.{1,2}$)[A-Za-z0-9_.-]{1,100}$/, "repository must be owner/name")
  .describe("owner/name, e.g. octocat/hello-world");
const pageSchema = {
  page: z.number().int().min(1).max(10_000).optional().describe("1-based page"),
  per_page: z.number().int().min(1).max(100).optional().describe("1-100; GitHub's default is 30"),
};
const stateSchema = z.enum(["open", "closed", "all"]).optional();

const repositoryItemSchema = z.object({
  fullName: z.string(),
  private: z.boolean(),
  description: z.string().nullable(),
  htmlUrl: z.string(),
  defaultBranch: z.string(),
  updatedAt: z.string().nullable(),
});
const pullRequestSummarySchema = z.object({
  repository: z.string(),
  number: z.number().int(),
  title: z.string(),
  state: z.string(),
  htmlUrl: z.string(),
  author: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
const pullRequestSchema = pullRequestSummarySchema.extend({
  body: z.string().nullable(),
  draft: z.boolean(),
  merged: z.boolean(),
  head: z.string(),
  base: z.string(),
  additions: z.number().int(),
  deletions: z.number().int(),
  changedFiles: z.number().int(),
});
const issueSchema = z.object({
  number: z.number().int(),
  title: z.string(),
  state: z.string(),
  htmlUrl: z.string(),
  author: z.string().nullable(),
  labels: z.array(z.string()),
  isPullRequest: z.boolean(),
  updatedAt: z.string().nullable(),
});
const commentSchema = z.object({ id: z.number().int(), htmlUrl: z.string(), body: z.string() });

function listOf<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), hasNextPage: z.boolean().describe("GitHub has another page") });
}

function paging(page: number | undefined, perPage: number | undefined): { page?: number; perPage?: number } {
  return { ...(page === undefined ? {} : { page }), ...(perPage === undefined ? {} : { perPage }) };
}

export function registerGitHubTools(server: McpServer, context: ToolContext, github: GitHubOperations): void {
  const reference = (credential: string) => ({ owner: context.owner, credential });
  const readOnly = { readOnlyHint: true, openWorldHint: true } as const;

  server.registerTool(
    "github_list_user_repos",
    {
      title: "List my GitHub repositories",
      description: "Repositories of the credential's GitHub user, one page at a time.",
      inputSchema: z.object({
        credential: credentialSchema,
        visibility: z.enum(["all", "public", "private"]).optional(),
        ...pageSchema,
      }),
      outputSchema: listOf(repositoryItemSchema),
      annotations: readOnly,
    },
    async ({ credential, visibility, page, per_page: perPage }) =>
      context.answer(async () =>
        github.listUserRepositories(reference(credential), {
          ...paging(page, perPage),
          ...(visibility === undefined ? {} : { visibility }),
        }),
      ),
  );

  server.registerTool(
    "github_list_user_pull_requests",
    {
      title: "List my pull requests",
      description:
        "Pull requests the credential's GitHub user authored, across repositories (open by default).",
      inputSchema: z.object({ credential: credentialSchema, state: stateSchema, ...pageSchema }),
      outputSchema: listOf(pullRequestSummarySchema),
      annotations: readOnly,
    },
    async ({ credential, state, page, per_page: perPage }) =>
      context.answer(async () =>
        github.listUserPullRequests(reference(credential), {
          ...paging(page, perPage),
          ...(state === undefined ? {} : { state }),
        }),
      ),
  );

  server.registerTool(
    "github_get_pull_request",
    {
      title: "Get a pull request",
      description: "One pull request: title, body, branches, whether it merged, and its size.",
      inputSchema: z.object({
        credential: credentialSchema,
        repository: repositorySchema,
        number: z.number().int().min(1),
      }),
      outputSchema: pullRequestSchema,
      annotations: readOnly,
    },
    async ({ credential, repository, number }) =>
      context.answer(async () => github.getPullRequest(reference(credential), { repository, number })),
  );

  server.registerTool(
    "github_list_issues",
    {
      title: "List a repository's issues",
      description: "Issues of a repository (GitHub lists pull requests among them: see isPullRequest).",
      inputSchema: z.object({
        credential: credentialSchema,
        repository: repositorySchema,
        state: stateSchema,
        ...pageSchema,
      }),
      outputSchema: listOf(issueSchema),
      annotations: readOnly,
    },
    async ({ credential, repository, state, page, per_page: perPage }) =>
      context.answer(async () =>
        github.listIssues(reference(credential), {
          repository,
          ...paging(page, perPage),
          ...(state === undefined ? {} : { state }),
        }),
      ),
  );

  server.registerTool(
    "github_create_issue_comment",
    {
      title: "Comment on an issue or pull request",
      description: "Adds a comment to an issue or pull request as the credential's GitHub user.",
      inputSchema: z.object({
        credential: credentialSchema,
        repository: repositorySchema,
        number: z.number().int().min(1),
        body: z.string().min(1).max(65_536),
      }),
      outputSchema: commentSchema,
      annotations: { readOnlyHint: false, destructiveHint: false, openWorldHint: true },
    },
    async ({ credential, repository, number, body }) =>
      context.answer(async () =>
        github.createIssueComment(reference(credential), { repository, number, body }),
      ),
  );
}
