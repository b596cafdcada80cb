/**
 * The one wait of the vitest suites and the resilience scenarios: checks `predicate` every
 * `interval` ms until it holds, or throws `message` after `timeout` ms. A predicate that throws
 * counts as "not yet" (its last error is kept in the timeout's message).
 */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  {
    timeout = 5_000,
    interval = 100,
    message = "the condition did not hold",
  }: { timeout?: number; interval?: number; message?: string } = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      if (await predicate()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last: ${lastError.message})` : "";
      throw new Error(`${message} within ${timeout} ms${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** For a scenario that reports a missed wait as a failed check rather than stopping: true if it held in time. */
export const heldInTime = (wait: Promise<void>) =>
  wait.then(
    () => true,
    () => false,
  );
