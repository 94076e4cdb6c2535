import { HangarError } from "../../core/errors.js";
import type { ChatButton } from "../chat-bridge.js";

/** The port's limit on a button's data (Telegram's 64 bytes, kept on every platform; Slack would take 2,000). */
export const buttonDataLimit = 64;
/** Slack's limit on one section block's text. */
export const sectionTextLimit = 3000;

/** What `chat.postMessage` / `chat.update` get for one message. */
export interface MessageBody {
  readonly text: string;
  readonly mrkdwn: boolean;
  /** Undefined: no blocks (the message shows `text`); `[]` removes the blocks of an edited message. */
  readonly blocks?: Record<string, unknown>[];
}

/**
 * A message without buttons is `text` alone (40,000 characters, no block limit).
 * A message with buttons is Block Kit: the text in sections of at most 3,000
 * characters (cut at line ends where there is one), then one `actions` block per
 * row; `text` stays as the notification's fallback. `formatted` false sends the
 * words as plain_text, for Slack's refusals of formatted content.
 */
export function messageBody(
  text: string,
  rows: readonly (readonly ChatButton[])[] | undefined,
  formatted: boolean,
): MessageBody {
  if (rows === undefined) return { text, mrkdwn: formatted };
  if (rows.length === 0) return { text, mrkdwn: formatted, blocks: [] };
  const sections = sectionTexts(text).map((part) => ({
    type: "section",
    text: formatted ? { type: "mrkdwn", text: part } : { type: "plain_text", text: part, emoji: false },
  }));
  return { text, mrkdwn: formatted, blocks: [...sections, ...actionBlocks(rows)] };
}

function actionBlocks(rows: readonly (readonly ChatButton[])[]): Record<string, unknown>[] {
  return rows.map((row, rowIndex) => ({
    type: "actions",
    block_id: `hangar-row-${rowIndex}`,
    elements: row.map((button, index) => {
      const bytes = Buffer.byteLength(button.data, "utf8");
      if (bytes === 0 || bytes > buttonDataLimit) {
        throw new HangarError(
          "VALIDATION_FAILED",
          `button "${button.label}": its data is ${bytes} bytes; the bridges allow 1 to ${buttonDataLimit}`,
          { field: "buttons", details: { data: button.data } },
        );
      }
      return {
        type: "button",
        // Unique within the message, as Slack requires; the press carries `value`, not this id.
        action_id: `hangar-${rowIndex}-${index}`,
        text: { type: "plain_text", text: button.label.slice(0, 75), emoji: true },
        value: button.data,
      };
    }),
  }));
}

/** Splits text into section-sized parts, preferring a line end, never splitting a surrogate pair. */
export function sectionTexts(text: string): string[] {
  const parts: string[] = [];
  let rest = text === "" ? " " : text;
  while (rest.length > sectionTextLimit) {
    let cut = rest.lastIndexOf("\n", sectionTextLimit);
    if (cut <= 0) {
      cut = sectionTextLimit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  parts.push(rest === "" ? " " : rest);
  return parts;
}
