import type { Scenario } from "./scenario";

/** Every load and fault scenario, in the order `npm run resilience` runs them. */
export const scenarios: Scenario[] = [];
