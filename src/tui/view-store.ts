import { initialViewState, reduceView, type ViewAction, type ViewState } from "./view-state.js";

/**
 * The view state outside React: the session controller dispatches into it
 * from its follow loop, and the app reads it with `useSyncExternalStore`.
 * Kept apart so the controller stays free of Ink and the reducer stays pure.
 */
export class ViewStore {
  #state: ViewState;
  readonly #listeners = new Set<() => void>();

  constructor(state: ViewState = initialViewState()) {
    this.#state = state;
  }

  readonly getState = (): ViewState => this.#state;

  readonly dispatch = (action: ViewAction): void => {
    const next = reduceView(this.#state, action);
    if (next === this.#state) return;
    this.#state = next;
    for (const listener of this.#listeners) listener();
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };
}
