/**
 * A load or fault scenario: it stands up what it needs (a server process of the production build,
 * a database, fakes), does its damage, checks what must hold, and says whether it passed.
 * `quick` runs a shortened version (used by the test command so the scenarios cannot rot);
 * the full version is what `npm run resilience` runs and the README reports.
 */
export interface ScenarioResult {
  pass: boolean;
  /** One line for the pass/fail report: what was done and what was found. */
  summary: string;
  /** Figures worth keeping in bench/results/resilience.json. */
  figures: Record<string, number | string | boolean>;
  /** When it failed: every check that did not hold. */
  failures?: string[];
}

export interface Scenario {
  name: string;
  run(options: { quick: boolean; log: (line: string) => void }): Promise<ScenarioResult>;
}

/** Collects named checks; a scenario fails when any does not hold. */
export function checks() {
  const failures: string[] = [];
  return {
    failures,
    expect(condition: boolean, what: string) {
      if (!condition) failures.push(what);
    },
    result(summary: string, figures: ScenarioResult["figures"]): ScenarioResult {
      return { pass: failures.length === 0, summary, figures, ...(failures.length ? { failures } : {}) };
    },
  };
}
