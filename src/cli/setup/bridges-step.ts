import { askField, set, stringAt, tableAt, valueAt, type Parsed } from "./ask-field.js";
import type { TomlTable } from "./commented-toml.js";
import type { StepContext } from "./setup-host.js";

const platforms = ["telegram", "slack"] as const;
type Platform = (typeof platforms)[number];

/**
 * Which chat bridges `hangar serve` runs, then each chosen one's settings. Tokens stay in
 * the environment: the step asks for the names of the variables holding them and says
 * whether each is set now. A platform's table keeps the keys the step does not ask about
 * (owners, debounce_ms); one left out of the answer is removed. With --yes every default
 * is the file's own, so existing tables stay as they are and none is added.
 */
export async function askChatBridges(context: StepContext, draft: TomlTable): Promise<TomlTable> {
  const present = platforms.filter((platform) => isTable(valueAt(draft, ["bridges", platform])));
  const { value: chosen, draft: next } = await askField(context.prompter, draft, {
    field: "bridges",
    question: 'chat bridges hangar serve runs: telegram, slack (comma-separated), or "none"',
    defaultAnswer: present.length === 0 ? "none" : present.join(", "),
    parse: parsePlatforms,
    apply: (copy, names) => keepPlatforms(copy, names),
    // Each table's own keys are checked by the questions that follow.
    checkedPaths: [],
  });
  let result = next;
  if (chosen.includes("telegram")) result = await askTelegram(context, result);
  if (chosen.includes("slack")) result = await askSlack(context, result);
  return result;
}

export function parsePlatforms(answer: string): Parsed<Platform[]> {
  if (answer.toLowerCase() === "none") return { value: [] };
  const names = answer.split(",").map((part) => part.trim().toLowerCase());
  const unknown = names.find((name) => !(platforms as readonly string[]).includes(name));
  if (unknown !== undefined) {
    return { problem: `unknown chat platform "${unknown}": choose telegram, slack, or "none"` };
  }
  return { value: platforms.filter((platform) => names.includes(platform)) };
}

function keepPlatforms(draft: TomlTable, names: readonly Platform[]): TomlTable {
  const bridges = valueAt(draft, ["bridges"]);
  if (names.length === 0 && !isTable(bridges)) return draft;
  const table = tableAt(draft, ["bridges"]);
  for (const platform of platforms) {
    if (!names.includes(platform)) delete table[platform];
    else tableAt(draft, ["bridges", platform]);
  }
  if (Object.keys(table).length === 0) delete draft.bridges;
  return draft;
}

async function askTelegram(context: StepContext, draft: TomlTable): Promise<TomlTable> {
  context.prompter.say("  Telegram: create the bot with @BotFather; its token stays in the environment");
  let next = await askTokenVariable(context, draft, {
    path: ["bridges", "telegram", "token_env"],
    what: "the bot token",
    defaultName: "TELEGRAM_BOT_TOKEN",
    looksLikeToken: /^\d+:[A-Za-z0-9_-]{20,}$/,
  });
  next = await askAllowedUsers(context, next, {
    platform: "telegram",
    question: 'Telegram user ids who may use the bot, comma-separated numbers (or "none")',
    parse: parseTelegramUser,
  });
  next = await askDefaultProject(context, next, "telegram");
  const { draft: withRoot } = await askField(context.prompter, next, {
    field: "bridges.telegram.api_root",
    question: "a self-hosted Bot API server's URL, or \"none\" for Telegram's own",
    defaultAnswer: stringAt(next, ["bridges", "telegram", "api_root"]) ?? "none",
    parse: (answer) => ({ value: answer.toLowerCase() === "none" ? undefined : answer }),
    apply: (copy, url) => {
      const table = tableAt(copy, ["bridges", "telegram"]);
      if (url === undefined) delete table.api_root;
      else table.api_root = url;
      return copy;
    },
  });
  return withRoot;
}

async function askSlack(context: StepContext, draft: TomlTable): Promise<TomlTable> {
  context.prompter.say(
    "  Slack: an app with Socket Mode (a bot token xoxb-… and an app-level token xapp-…), both kept in the environment",
  );
  let next = await askTokenVariable(context, draft, {
    path: ["bridges", "slack", "bot_token_env"],
    what: "the bot token (xoxb-…)",
    defaultName: "SLACK_BOT_TOKEN",
    looksLikeToken: /^xox[a-z]-/,
  });
  next = await askTokenVariable(context, next, {
    path: ["bridges", "slack", "app_token_env"],
    what: "the app-level Socket Mode token (xapp-…)",
    defaultName: "SLACK_APP_TOKEN",
    looksLikeToken: /^xapp-/,
  });
  next = await askAllowedUsers(context, next, {
    platform: "slack",
    question: 'Slack user ids who may use the app, comma-separated (U012ABC), or "none"',
    parse: parseSlackUser,
  });
  return askDefaultProject(context, next, "slack");
}

interface TokenQuestion {
  path: [string, Platform, string];
  what: string;
  defaultName: string;
  /** A pasted token rather than a variable's name: refused without echoing it in the complaint. */
  looksLikeToken: RegExp;
}

async function askTokenVariable(
  context: StepContext,
  draft: TomlTable,
  question: TokenQuestion,
): Promise<TomlTable> {
  const { prompter, host } = context;
  const { value: name, draft: next } = await askField(prompter, draft, {
    field: question.path.join("."),
    question: `the environment variable holding ${question.what}`,
    defaultAnswer: stringAt(draft, question.path) ?? question.defaultName,
    parse: (answer): Parsed<string> =>
      question.looksLikeToken.test(answer)
        ? { problem: "that looks like the token itself: give the name of the variable that holds it" }
        : { value: answer },
    apply: (copy, value) => set(copy, question.path, value),
  });
  if (host.readVariable(name) !== undefined) {
    prompter.say(`  ✓ ${name} is set in this environment (the token stays there, never in hangar.toml)`);
  } else {
    prompter.say(
      `  ! ${name} is not set: export it (or put it in .env) before hangar serve; the token never goes in hangar.toml`,
    );
  }
  return next;
}

interface UsersQuestion {
  platform: Platform;
  question: string;
  parse: (part: string) => Parsed<string | number>;
}

async function askAllowedUsers(
  context: StepContext,
  draft: TomlTable,
  question: UsersQuestion,
): Promise<TomlTable> {
  const path = ["bridges", question.platform, "allowed_users"];
  const current = valueAt(draft, path);
  const { value: users, draft: next } = await askField(context.prompter, draft, {
    field: path.join("."),
    question: question.question,
    defaultAnswer: Array.isArray(current) && current.length > 0 ? current.map(String).join(", ") : "none",
    parse: (answer) => parseUserList(answer, question.parse),
    apply: (copy, value) => set(copy, path, value),
  });
  if (users.length === 0) {
    context.prompter.say(
      "  ! nobody is allowed: the bridge refuses everyone until allowed_users names someone",
    );
  }
  return next;
}

export function parseUserList(
  answer: string,
  parseUser: (part: string) => Parsed<string | number>,
): Parsed<(string | number)[]> {
  if (answer.toLowerCase() === "none") return { value: [] };
  const users: (string | number)[] = [];
  for (const part of answer.split(",").map((entry) => entry.trim())) {
    if (part === "") return { problem: 'a user id is missing between commas (or answer "none")' };
    const parsed = parseUser(part);
    if ("problem" in parsed) return parsed;
    if (!users.includes(parsed.value)) users.push(parsed.value);
  }
  return { value: users };
}

/** A Telegram user id: a number (as a string past what a double holds exactly, as the schema accepts). */
export function parseTelegramUser(part: string): Parsed<string | number> {
  if (!/^[1-9][0-9]{0,19}$/.test(part)) {
    return {
      problem: `"${part}" is not a Telegram user id: a number like 123456789 (@userinfobot tells yours; @usernames do not work)`,
    };
  }
  const id = Number(part);
  return { value: Number.isSafeInteger(id) ? id : part };
}

export function parseSlackUser(part: string): Parsed<string> {
  if (!/^[UW][A-Z0-9]{2,20}$/.test(part)) {
    return {
      problem: `"${part}" is not a Slack user id: it looks like U012ABC (a profile's ⋮ menu → Copy member ID)`,
    };
  }
  return { value: part };
}

async function askDefaultProject(
  context: StepContext,
  draft: TomlTable,
  platform: Platform,
): Promise<TomlTable> {
  const path = ["bridges", platform, "default_project"];
  const { draft: next } = await askField(context.prompter, draft, {
    field: path.join("."),
    question: `the project a ${platform === "slack" ? "channel" : "chat"} works in until /project binds another`,
    defaultAnswer: stringAt(draft, path) ?? "chat",
    parse: (answer) => ({ value: answer }),
    apply: (copy, value) => set(copy, path, value),
  });
  return next;
}

function isTable(value: unknown): value is TomlTable {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
