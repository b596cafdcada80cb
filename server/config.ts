import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defaultLiveKitBinary } from "./livekit/local-server";

/**
 * Every environment variable Parley reads, parsed once at start.
 * `loadConfig` throws a ConfigError naming every bad or missing variable.
 */

const secret = (name: string) =>
  z
    .string({ required_error: `${name} is required` })
    .min(32, `${name} must be at least 32 characters of random data (e.g. \`openssl rand -base64 48\`)`)
    .refine(isRandomEnough, `${name} is not random enough (repeated or few distinct characters); use \`openssl rand -base64 48\``);

/** Estimated bits of randomness: length × the value's own Shannon entropy per character. */
function estimatedEntropyBits(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let perCharacter = 0;
  for (const count of counts.values()) perCharacter -= (count / value.length) * Math.log2(count / value.length);
  return perCharacter * value.length;
}
/** `openssl rand -hex 32` (about 240 bits by this estimate) and `-base64 32` pass; `x` × 40 or `abc` × 14 do not. */
const MIN_SECRET_BITS = 128;
const MIN_SECRET_DISTINCT = 12;
const isRandomEnough = (value: string) => new Set(value).size >= MIN_SECRET_DISTINCT && estimatedEntropyBits(value) >= MIN_SECRET_BITS;

/** LiveKit's development server (`livekit-server --dev`) accepts this pair: anyone could mint tokens with it. */
const LIVEKIT_DEV_KEY = "devkey";
const LIVEKIT_DEV_SECRET = "secret";
const isLoopbackUrl = (url: string) => /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(new URL(url).hostname);

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const intFrom = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: intFrom(3000, 1, 65535),
    /** Default: 0.0.0.0 in production; 127.0.0.1 otherwise, so the development mailbox never faces the network. */
    HOST: optionalString,
    APP_URL: optionalString.pipe(z.string().url("APP_URL must be an absolute URL such as https://parley.example.com").optional()),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// URL")
        .optional(),
    ),
    DATA_DIR: z.string().default(".data"),
    EMBEDDED_PG_PORT: intFrom(5488, 1024, 65535),
    SESSION_SECRET: optionalString,
    JWT_SECRET: optionalString,
    JWT_EXPIRY_HOURS: intFrom(12, 1, 24 * 30),
    SESSION_MAX_AGE_DAYS: intFrom(30, 1, 365),
    BCRYPT_COST: intFrom(12, 10, 15),
    RATE_LIMIT_MULTIPLIER: intFrom(1, 1, 1_000_000),
    TRUST_PROXY: optionalString,
    /** Origins (scheme://host[:port], comma-separated) whose browser clients may call /api with a Bearer token. */
    CORS_ALLOWED_ORIGINS: z
      .string()
      .default("")
      .transform((list) =>
        list
          .split(",")
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              /^https?:\/\/[^/\s,*]+\/?$/,
              "CORS_ALLOWED_ORIGINS lists origins such as https://app.example.com (scheme and host, an optional port, no path, no *), separated by commas",
            ),
        ),
      ),
    EMAIL_PROVIDER: z.enum(["sendgrid", "mailjet", "dev"]).optional(),
    EMAIL_FROM: z.string().email("EMAIL_FROM must be an email address").default("no-reply@parley.localhost"),
    EMAIL_FROM_NAME: z.string().max(100).default("Parley"),
    SENDGRID_API_KEY: optionalString,
    SENDGRID_API_URL: optionalString.pipe(z.string().url().optional()),
    MAILJET_API_KEY: optionalString,
    MAILJET_SECRET_KEY: optionalString,
    MAILJET_API_HOST: optionalString,
    EMAIL_HTTP_PROXY: optionalString.pipe(z.string().url().optional()),
    LIVEKIT_URL: optionalString.pipe(z.string().url().optional()),
    LIVEKIT_API_KEY: optionalString,
    LIVEKIT_API_SECRET: optionalString,
    /** Without LIVEKIT_URL: `auto` runs the local development server (not in production), `off` runs none. */
    LIVEKIT_LOCAL: z.enum(["auto", "off"]).default("auto"),
    LIVEKIT_PORT: intFrom(7880, 1024, 65533),
    LIVEKIT_SERVER_BIN: optionalString,
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** `off`: this instance serves requests only; others run the email and reset-request workers. */
    BACKGROUND_WORKERS: z.enum(["on", "off"]).default("on"),
  })
  .superRefine((env, ctx) => {
    const problem = (pathName: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [pathName], message });
    if (env.NODE_ENV === "production") {
      if (!env.APP_URL) problem("APP_URL", "APP_URL is required in production (links in emails are built from it)");
      if (!env.EMAIL_PROVIDER) problem("EMAIL_PROVIDER", "EMAIL_PROVIDER is required in production: sendgrid or mailjet");
      if (env.EMAIL_PROVIDER === "dev") problem("EMAIL_PROVIDER", "the dev mailbox is not available in production");
      if (!env.DATABASE_URL)
        problem("DATABASE_URL", "DATABASE_URL is required in production (the embedded database is for development only)");
      // On loopback (the benchmarks' own local server) the pair reaches nothing another machine could.
      if (
        env.LIVEKIT_URL &&
        !isLoopbackUrl(env.LIVEKIT_URL) &&
        (env.LIVEKIT_API_KEY === LIVEKIT_DEV_KEY || env.LIVEKIT_API_SECRET === LIVEKIT_DEV_SECRET)
      )
        problem(
          "LIVEKIT_API_SECRET",
          `LiveKit's development pair ${LIVEKIT_DEV_KEY}/${LIVEKIT_DEV_SECRET} is not allowed in production: use the key and secret of your LiveKit project`,
        );
    }
    for (const name of ["SESSION_SECRET", "JWT_SECRET"] as const) {
      const value = env[name];
      if (value === undefined) {
        if (env.NODE_ENV === "production") problem(name, `${name} is required in production`);
      } else {
        const result = secret(name).safeParse(value);
        if (!result.success) problem(name, result.error.issues[0]!.message);
      }
    }
    if (env.EMAIL_PROVIDER === "sendgrid" && !env.SENDGRID_API_KEY)
      problem("SENDGRID_API_KEY", "SENDGRID_API_KEY is required when EMAIL_PROVIDER=sendgrid");
    if (env.EMAIL_PROVIDER === "mailjet") {
      if (!env.MAILJET_API_KEY) problem("MAILJET_API_KEY", "MAILJET_API_KEY is required when EMAIL_PROVIDER=mailjet");
      if (!env.MAILJET_SECRET_KEY) problem("MAILJET_SECRET_KEY", "MAILJET_SECRET_KEY is required when EMAIL_PROVIDER=mailjet");
    }
    const livekit = [env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET];
    if (livekit.some(Boolean) && !livekit.every(Boolean))
      problem("LIVEKIT_URL", "set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together");
  });

export type EmailSettings =
  | { provider: "dev" }
  | { provider: "sendgrid"; apiKey: string; apiUrl?: string }
  | { provider: "mailjet"; apiKey: string; secretKey: string; apiHost?: string; httpProxy?: string };

export interface Config {
  env: "development" | "production" | "test";
  isProduction: boolean;
  port: number;
  host: string;
  appUrl: string;
  /** Undefined means: start the embedded PostgreSQL under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  sessionSecret: string;
  jwtSecret: string;
  /** Idle window: a session unused for this long ends; use renews it. */
  sessionIdleHours: number;
  /** Absolute cap on a session's life, however active. */
  sessionMaxAgeDays: number;
  bcryptCost: number;
  /** Every rate limit's allowance is multiplied by this (1 unless a load test says otherwise). */
  rateLimitMultiplier: number;
  trustProxy?: string;
  /** Browser origins allowed to call /api cross-origin (Bearer only, never with cookies); empty: no CORS. */
  corsAllowedOrigins: string[];
  email: EmailSettings;
  emailFrom: { email: string; name: string };
  livekit?: { url: string; apiKey: string; apiSecret: string };
  /** Set when LiveKit is not configured and the local development server should be started. */
  localLiveKit?: { binary: string; port: number };
  logLevel: string;
  backgroundWorkers: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Parley cannot start, its configuration has ${problems.length} problem(s):\n  - ${problems.join("\n  - ")}`);
    this.name = "ConfigError";
  }
}

/** Development only: secrets generated once and kept under the data directory. */
function developmentSecrets(dataDir: string): { SESSION_SECRET: string; JWT_SECRET: string } {
  const file = path.resolve(dataDir, "dev-secrets.json");
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    const secrets = {
      SESSION_SECRET: randomBytes(48).toString("base64url"),
      JWT_SECRET: randomBytes(48).toString("base64url"),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    return secrets;
  }
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".") || "env"}: ${i.message}`));
  }
  const env = parsed.data;
  const generated =
    env.NODE_ENV !== "production" && (!env.SESSION_SECRET || !env.JWT_SECRET) ? developmentSecrets(env.DATA_DIR) : undefined;
  const provider = env.EMAIL_PROVIDER ?? "dev";
  const email: EmailSettings =
    provider === "sendgrid"
      ? { provider, apiKey: env.SENDGRID_API_KEY!, apiUrl: env.SENDGRID_API_URL }
      : provider === "mailjet"
        ? {
            provider,
            apiKey: env.MAILJET_API_KEY!,
            secretKey: env.MAILJET_SECRET_KEY!,
            apiHost: env.MAILJET_API_HOST,
            httpProxy: env.EMAIL_HTTP_PROXY,
          }
        : { provider: "dev" };
  return {
    env: env.NODE_ENV,
    isProduction: env.NODE_ENV === "production",
    port: env.PORT,
    host: env.HOST ?? (env.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1"),
    appUrl: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.DATA_DIR),
    embeddedPgPort: env.EMBEDDED_PG_PORT,
    sessionSecret: env.SESSION_SECRET ?? generated!.SESSION_SECRET,
    jwtSecret: env.JWT_SECRET ?? generated!.JWT_SECRET,
    sessionIdleHours: env.JWT_EXPIRY_HOURS,
    sessionMaxAgeDays: env.SESSION_MAX_AGE_DAYS,
    bcryptCost: env.BCRYPT_COST,
    rateLimitMultiplier: env.RATE_LIMIT_MULTIPLIER,
    trustProxy: env.TRUST_PROXY,
    corsAllowedOrigins: env.CORS_ALLOWED_ORIGINS.map((origin) => origin.replace(/\/+$/, "").toLowerCase()),
    email,
    emailFrom: { email: env.EMAIL_FROM, name: env.EMAIL_FROM_NAME },
    livekit:
      env.LIVEKIT_URL && env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET
        ? { url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }
        : undefined,
    localLiveKit:
      !env.LIVEKIT_URL && env.LIVEKIT_LOCAL === "auto" && env.NODE_ENV !== "production"
        ? { binary: env.LIVEKIT_SERVER_BIN ?? defaultLiveKitBinary(source), port: env.LIVEKIT_PORT }
        : undefined,
    logLevel: env.LOG_LEVEL,
    backgroundWorkers: env.BACKGROUND_WORKERS === "on",
  };
}
