import type { ParleyLoadContext } from "./http/load-context";

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- only an interface can augment Remix's AppLoadContext
  interface AppLoadContext extends ParleyLoadContext {}
}
