import { useInput, type Key } from "ink";
import { useLayoutEffect, useRef } from "react";

/**
 * Ink's `useInput`, but a component that has just been made inactive hears no more keys.
 * `isActive` is a prop: it changes only when React renders, and Ink unsubscribes in a
 * passive effect after that; a key that arrives first (Tab, then a letter at once, or on
 * a busy machine) would still reach the old handler. So every key also asks `hasKeys`,
 * which reads the state the previous keys left (refs, not props), and a flag set in a
 * layout effect, during the commit that made it inactive.
 */
export function useActiveInput(
  handler: (input: string, key: Key) => void,
  isActive: boolean,
  hasKeys: () => boolean = () => true,
): void {
  const activeNow = useRef(isActive);
  useLayoutEffect(() => {
    activeNow.current = isActive;
  }, [isActive]);
  useInput(
    (input, key) => {
      if (activeNow.current && hasKeys()) handler(input, key);
    },
    { isActive },
  );
}
