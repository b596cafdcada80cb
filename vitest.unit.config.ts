import { defineConfig } from "vitest/config";
import base from "./vitest.config";

// The fast tests: in-memory fakes and lint rules, no PostgreSQL or LiveKit (so no global setup).
// `npm run validate` runs them; `npm test` runs them again with everything else.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["{app,server}/**/*.test.{ts,tsx}", "tests/lint/**/*.test.ts"],
    globalSetup: [],
  },
});
