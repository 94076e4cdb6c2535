import { createInterface } from "node:readline";

/** Where the wizard's questions are answered: a terminal, a pipe, or a test's script. */
export interface Prompter {
  /** Prints `question [default]: ` and resolves with the trimmed answer, or the default on Enter. */
  ask(question: string, defaultAnswer: string): Promise<string>;
  /** Prints a line between questions. */
  say(line?: string): void;
  close(): void;
}

/** The user ended the wizard (Ctrl-C, end of input) before it wrote anything. */
export class SetupCancelled extends Error {
  override readonly name = "SetupCancelled";
}

/**
 * A prompter over node:readline. Answers are queued as lines arrive rather than read with
 * `question()`: a pipe or script may deliver every line before the first question is asked,
 * and readline drops a line nobody is waiting for. End of input (Ctrl-D, a script that ran
 * out) and Ctrl-C reject the pending question with SetupCancelled, so nothing is written.
 */
export function readlinePrompter(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Prompter {
  const isTerminal = (input as { isTTY?: boolean }).isTTY === true;
  const lines = createInterface({ input, output, terminal: isTerminal });
  const queued: string[] = [];
  let waiting: { resolve: (line: string) => void; reject: (error: Error) => void } | undefined;
  let ended: Error | undefined;
  lines.on("line", (line) => {
    if (waiting === undefined) return void queued.push(line);
    const current = waiting;
    waiting = undefined;
    current.resolve(line);
  });
  const end = (reason: string) => {
    ended ??= new SetupCancelled(reason);
    waiting?.reject(ended);
    waiting = undefined;
  };
  lines.on("close", () =>
    end(
      "setup ended before it was finished (end of input): nothing was written; --yes accepts every default",
    ),
  );
  lines.on("SIGINT", () => {
    end("setup cancelled: nothing was written");
    lines.close();
  });
  const nextLine = (): Promise<string> => {
    const line = queued.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (ended !== undefined) return Promise.reject(ended);
    return new Promise((resolve, reject) => (waiting = { resolve, reject }));
  };
  return {
    async ask(question, defaultAnswer) {
      const prompt = `${question}${defaultAnswer === "" ? "" : ` [${defaultAnswer}]`}: `;
      // Input that ended (a script, a pipe) closes readline while answers are still
      // queued, and since Node 24 a closed interface refuses prompt(): write it directly.
      if (ended === undefined) {
        lines.setPrompt(prompt);
        lines.prompt();
      } else output.write(prompt);
      // A scripted answer is not echoed by a terminal: show it, so a transcript reads as a session.
      const answer = (await nextLine()).trim();
      if (!isTerminal) output.write(`${answer}\n`);
      return answer === "" ? defaultAnswer : answer;
    },
    say(line = "") {
      output.write(`${line}\n`);
    },
    close() {
      lines.close();
    },
  };
}

/**
 * `--yes`: every question takes its default, and the transcript shows what was chosen.
 * A question asked again means its default was refused (an old file's bad value): that
 * ends the run, which would otherwise ask forever.
 */
export function defaultsPrompter(output: NodeJS.WritableStream): Prompter {
  let lastQuestion: string | undefined;
  return {
    ask(question, defaultAnswer) {
      if (question === lastQuestion) {
        return Promise.reject(
          new SetupCancelled(
            `--yes cannot answer "${question}": its default was refused (above); run hangar setup without --yes`,
          ),
        );
      }
      lastQuestion = question;
      output.write(`${question}: ${defaultAnswer}\n`);
      return Promise.resolve(defaultAnswer);
    },
    say(line = "") {
      output.write(`${line}\n`);
    },
    close() {},
  };
}
