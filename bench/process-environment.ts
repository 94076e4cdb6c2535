/**
 * Sets environment variables for an app started in the bench process (it
 * reads provider keys, model addresses and bot tokens from process.env while
 * it runs); returns the function that puts the previous values back.
 */
export function setProcessEnvironment(variables: Record<string, string>): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(variables)) {
    previous.set(name, process.env[name]);
    process.env[name] = value;
  }
  return () => {
    for (const [name, value] of previous) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
