/** What /healthz reports: the app answers, and its database does (within a short time). */
export interface Health {
  status: "ok" | "unavailable";
  database: { up: boolean; ms: number; error?: string };
}

export interface HealthService {
  check(): Promise<Health>;
}

export function createHealthService(deps: { pingDatabase(timeoutMs: number): Promise<void>; timeoutMs?: number }): HealthService {
  return {
    async check() {
      const started = performance.now();
      try {
        await deps.pingDatabase(deps.timeoutMs ?? 2000);
        return { status: "ok", database: { up: true, ms: Math.round(performance.now() - started) } };
      } catch (error) {
        return {
          status: "unavailable",
          database: { up: false, ms: Math.round(performance.now() - started), error: (error as Error).message },
        };
      }
    },
  };
}
