/**
 * Coalesces streamed text into fewer, larger events: the first piece goes out
 * at once (a watcher sees the agent start typing), later ones are gathered for
 * `intervalMs`. What is emitted is what is stored, so a replay is exactly what
 * a live watcher saw.
 */
export class DeltaBuffer {
  #pending = "";
  #timer: NodeJS.Timeout | undefined;
  #hasEmitted = false;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly intervalMs = 30,
  ) {}

  push(text: string): void {
    if (text === "") return;
    if (!this.#hasEmitted) {
      this.#hasEmitted = true;
      this.emit(text);
      return;
    }
    this.#pending += text;
    this.#timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending === "") return;
    const text = this.#pending;
    this.#pending = "";
    this.emit(text);
  }
}
