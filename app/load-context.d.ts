import type { ParleyLoadContext } from "./http/load-context";

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-interface
  interface AppLoadContext extends ParleyLoadContext {}
}
