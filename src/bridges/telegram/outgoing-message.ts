import type { InlineKeyboardMarkup } from "grammy/types";
import { HangarError } from "../../core/errors.js";
import type { ChatButton } from "../chat-bridge.js";

/** Telegram's limit on a button's callback data, in bytes of UTF-8. */
export const callbackDataLimit = 64;

/**
 * Rows of buttons as an inline keyboard. Data over 64 bytes would make Telegram
 * refuse the whole message ("BUTTON_DATA_INVALID"): it is refused here first, with
 * a message that says which button.
 */
export function inlineKeyboard(rows: readonly (readonly ChatButton[])[]): InlineKeyboardMarkup {
  for (const button of rows.flat()) {
    const bytes = Buffer.byteLength(button.data, "utf8");
    if (bytes === 0 || bytes > callbackDataLimit) {
      throw new HangarError(
        "VALIDATION_FAILED",
        `button "${button.label}": callback data is ${bytes} bytes; Telegram allows 1 to ${callbackDataLimit}`,
        { field: "buttons", details: { data: button.data } },
      );
    }
  }
  return {
    inline_keyboard: rows.map((row) =>
      row.map((button) => ({ text: button.label, callback_data: button.data })),
    ),
  };
}

/** The Bot API descriptions the adapter acts on (Telegram documents the codes, not these texts, but they are stable). */
export const refusal = {
  unparsable: (description: string) => description.includes("can't parse entities"),
  notModified: (description: string) => description.includes("message is not modified"),
  staleQuery: (description: string) =>
    description.includes("query is too old") || description.includes("query ID is invalid"),
};
