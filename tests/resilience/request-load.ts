/**
 * Steady load for the fault scenarios: a few workers, each requesting the targets in turn as fast
 * as the server answers, recording every answer with when it was asked and how long it took. A
 * request that takes longer than `timeoutMs` is cut off and recorded as a hang (status 0).
 */
export interface LoadTarget {
  name: string;
  path: string;
  headers?: Record<string, string>;
}

export interface Sample {
  target: string;
  startedAt: number;
  ms: number;
  /** 0 when there was no answer: refused, reset, or cut off after `timeoutMs`. */
  status: number;
  error?: string;
  retryAfter: string | null;
  contentType: string | null;
  /** Kept for answers other than 200 only (the pages under load are large). */
  body?: string;
}

export function startLoad(url: string, targets: LoadTarget[], options: { workers: number; timeoutMs: number }) {
  const samples: Sample[] = [];
  let running = true;

  async function request(target: LoadTarget): Promise<Sample> {
    const startedAt = Date.now();
    try {
      const response = await fetch(`${url}${target.path}`, {
        headers: target.headers,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const body = await response.text();
      return {
        target: target.name,
        startedAt,
        ms: Date.now() - startedAt,
        status: response.status,
        retryAfter: response.headers.get("retry-after"),
        contentType: response.headers.get("content-type"),
        ...(response.status === 200 ? {} : { body }),
      };
    } catch (error) {
      const message =
        error instanceof Error ? `${error.name}: ${error.message}${error.cause ? ` (${String(error.cause)})` : ""}` : String(error);
      return { target: target.name, startedAt, ms: Date.now() - startedAt, status: 0, error: message, retryAfter: null, contentType: null };
    }
  }

  const workers = Array.from({ length: options.workers }, async (_, worker) => {
    for (let i = worker; running; i += 1) samples.push(await request(targets[i % targets.length]!));
  });

  return {
    samples,
    async stop() {
      running = false;
      await Promise.all(workers);
    },
  };
}
