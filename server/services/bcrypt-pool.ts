import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";

/**
 * bcrypt's work, done on worker threads, one per core. bcryptjs is JavaScript: on the event loop a
 * process checks one password at a time, on one core, while every page waits its turn behind it
 * (cost 12 is about 0.4 s a check here). On workers, sign-ins use every core and pages are not slowed.
 */
export interface BcryptWork {
  hash(password: string, cost: number): Promise<string>;
  compare(password: string, hash: string): Promise<boolean>;
  close(): Promise<void>;
}

// Found from the working directory, as the Remix build is: the server runs from the project root.
const WORKER_FILE = path.resolve("server/services/bcrypt-worker.cjs");

export function createBcryptPool(threads = os.availableParallelism()): BcryptWork {
  const pool = new Piscina({ filename: WORKER_FILE, minThreads: 1, maxThreads: threads, idleTimeout: 60_000 });
  return {
    hash: (password, cost) => pool.run({ op: "hash", password, cost }),
    compare: (password, hash) => pool.run({ op: "compare", password, hash }),
    close: () => pool.destroy(),
  };
}
