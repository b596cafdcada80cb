// ESLint flat config. Besides the usual recommended sets, it writes the layers down as import
// restrictions (see the README's architecture notes): a bad import fails in the editor and in `npm test`.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const appMayNotImport = [
  {
    regex: "(^|/)server/(repositories|db)(/|$)",
    message: "Routes and components go through server/services; repositories and the database are theirs.",
  },
  {
    group: ["sequelize", "sequelize/*", "pg", "pg/*", "pg-boss", "pg-boss/*"],
    message: "The database is reached only through server/repositories.",
  },
  {
    group: ["@sendgrid/*", "node-mailjet", "node-mailjet/*", "livekit-server-sdk", "livekit-server-sdk/*"],
    message: "SDKs are wrapped by server/ (email, livekit) and reached through the services.",
  },
];

const serverMayNotImport = [
  { regex: "^(\\.\\./)+app(/|$)|^~/", message: "server/ never depends on app/ (routes depend on services, not the other way)." },
  { group: ["@remix-run/*"], message: "Services never see Remix, Request or Response; throw a domain error from server/errors.ts." },
];

const repositoriesMayNotImport = [
  ...serverMayNotImport,
  {
    regex: "(^|/)services(/|$)",
    allowTypeImports: true,
    message: "Repositories may use the services' types, never their values (services call repositories).",
  },
];

const restrictImports = (patterns) => ({ "@typescript-eslint/no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/**",
      ".data/**",
      ".cache/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "tests/.results/**",
      "bench/results/**",
      "bench/floor/build/**",
      "bench/floor/public/**",
      "bench/floor/.cache/**",
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      // A `let` read by a closure before its one assignment (a timer cleared by `stop()`) cannot be a `const`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ["**/*.{js,cjs}"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
  },
  { files: ["app/**/*.tsx"], ...react.configs.flat.recommended, settings: { react: { version: "detect" } } },
  { files: ["app/**/*.tsx"], ...react.configs.flat["jsx-runtime"] },
  // TypeScript checks props; propTypes would say it twice.
  { files: ["app/**/*.tsx"], rules: { "react/prop-types": "off" } },
  { files: ["app/**/*.tsx"], ...jsxA11y.flatConfigs.recommended },
  { files: ["app/**/*.{ts,tsx}"], ...reactHooks.configs.flat["recommended-latest"] },
  { files: ["app/**/*.{ts,tsx}"], rules: restrictImports(appMayNotImport) },
  { files: ["server/**/*.ts"], rules: restrictImports(serverMayNotImport) },
  { files: ["server/repositories/**/*.ts"], rules: restrictImports(repositoriesMayNotImport) },
  prettier,
);
