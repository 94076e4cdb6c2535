// Questions and permission requests as chat buttons. A button's data names the
// interaction and the answer (`p:<id>:once|always|deny`, `q:<id>:<choice index>`)
// and stays within Telegram's 64 bytes; the bridge knows which session an
// interaction belongs to, so the data need not carry it.

import type { InteractionAnswer, InteractionRequestEvent } from "../protocol/index.js";
import type { ChatButton, OutgoingMessage } from "./chat-bridge.js";

export const maximumButtonDataBytes = 64;

export type ButtonPress =
  | { kind: "permission"; interactionId: string; answer: "once" | "always" | "deny" }
  | { kind: "question"; interactionId: string; choice: number };

const permissionAnswers = { o: "once", a: "always", d: "deny" } as const;

/** The message that asks: the summary or question, and its buttons. */
export function interactionMessage(request: InteractionRequestEvent): OutgoingMessage {
  const id = request.data.interaction_id;
  if (request.name === "permission.requested") {
    const row: ChatButton[] = [{ label: "✅ Allow", data: encode(`p:${id}:o`) }];
    if (alwaysChoice(request.data.choices) !== undefined) {
      row.push({ label: "♾️ Always for this session", data: encode(`p:${id}:a`) });
    }
    row.push({ label: "⛔ Deny", data: encode(`p:${id}:d`) });
    return { markdown: `🔐 **Permission needed**\n\`${request.data.summary}\``, buttons: [row] };
  }
  const choices = request.data.choices ?? [];
  const buttons = choices.map((choice, index) => [
    { label: clip(choice, 60), data: encode(`q:${id}:${index}`) },
  ]);
  const hint = choices.length === 0 ? "\n_Reply to this message with your answer._" : "";
  return { markdown: `❓ ${request.data.question}${hint}`, buttons };
}

/** What a press means, or undefined for data no Hangar button carries. */
export function decodePress(data: string): ButtonPress | undefined {
  const match = /^([pq]):([A-Za-z0-9_.:-]{1,56}):([a-z]|[0-9]{1,3})$/.exec(data);
  if (match === null) return undefined;
  const [, kind, interactionId, answer] = match as unknown as [string, "p" | "q", string, string];
  if (kind === "p") {
    const permission = permissionAnswers[answer as keyof typeof permissionAnswers];
    return permission === undefined ? undefined : { kind: "permission", interactionId, answer: permission };
  }
  return /^[0-9]+$/.test(answer) ? { kind: "question", interactionId, choice: Number(answer) } : undefined;
}

/**
 * The reply a press makes: a permission's `approved`, with the agent's own choice
 * when it offers one (external agents name allow_once / allow_always / reject_once);
 * a question's chosen text. Undefined when the choice no longer exists.
 */
export function answerFor(
  press: ButtonPress,
  request: InteractionRequestEvent,
): InteractionAnswer | undefined {
  if (press.kind === "question") {
    if (request.name !== "question.asked") return undefined;
    const choice = request.data.choices?.[press.choice];
    return choice === undefined ? undefined : { answer: choice };
  }
  if (request.name !== "permission.requested") return undefined;
  const choices = request.data.choices;
  const choice =
    press.answer === "always"
      ? alwaysChoice(choices)
      : press.answer === "once"
        ? choices?.find((option) => /allow.*once|^allow$/i.test(option))
        : choices?.find((option) => /reject|deny/i.test(option));
  return { approved: press.answer !== "deny", ...(choice === undefined ? {} : { answer: choice }) };
}

/** What replaces the buttons once an interaction is resolved, from anywhere. */
export function outcomeLine(outcome: string, answer: string | undefined, by: string | undefined): string {
  const icon =
    { approved: "✅", denied: "⛔", answered: "💬", timeout: "⌛", cancelled: "✖️" }[outcome] ?? "•";
  const what = answer === undefined || outcome !== "answered" ? outcome : `answered: ${clip(answer, 200)}`;
  return `${icon} ${what}${by === undefined ? "" : ` by ${by}`}`;
}

function alwaysChoice(choices: readonly string[] | undefined): string | undefined {
  return choices?.find((option) => /always/i.test(option));
}

function encode(data: string): string {
  if (Buffer.byteLength(data, "utf8") > maximumButtonDataBytes) {
    throw new Error(`button data over ${maximumButtonDataBytes} bytes: ${data}`);
  }
  return data;
}

function clip(text: string, length: number): string {
  const characters = Array.from(text);
  return characters.length <= length ? text : `${characters.slice(0, length - 1).join("")}…`;
}
