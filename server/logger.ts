import pino from "pino";
import { isColorSupported, prettyFactory } from "pino-pretty";

export type Logger = pino.Logger;

/** JSON lines for machines (production, tests, pipes); readable lines for a person at a terminal. */
export type LogFormat = "json" | "pretty";

export function logFormatFor(nodeEnv: string, stdout: { isTTY?: boolean }): LogFormat {
  return nodeEnv === "development" && stdout.isTTY === true ? "pretty" : "json";
}

/**
 * Pretty mode turns each JSON line into a readable one in this process, after pino has written
 * (and so redacted) it: nothing reaches the terminal unredacted, and no worker thread is involved.
 */
function prettyStream(destination: pino.DestinationStream | undefined): pino.DestinationStream {
  const prettify = prettyFactory({
    colorize: destination === undefined && isColorSupported,
    translateTime: "SYS:HH:MM:ss.l",
    singleLine: true,
  });
  const out = destination ?? process.stdout;
  return { write: (line: string) => out.write(prettify(line)) };
}

/** Structured logs; anything that looks like a secret is redacted before it is written. */
export function createLogger(level: string, destination?: pino.DestinationStream, format: LogFormat = "json"): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    redact: {
      paths: [
        "password",
        "*.password",
        "token",
        "*.token",
        "jwt",
        "*.jwt",
        "req.headers.cookie",
        "req.headers.authorization",
        "res.headers['set-cookie']",
      ],
      censor: "[redacted]",
    },
  };
  if (format === "pretty") return pino(options, prettyStream(destination));
  return destination ? pino(options, destination) : pino(options);
}

/** The process's own logger, on stdout: readable for a person at a terminal in development. */
export function createStdoutLogger(config: { logLevel: string; env: string }): Logger {
  return createLogger(config.logLevel, undefined, logFormatFor(config.env, process.stdout));
}
