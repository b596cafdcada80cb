/**
 * The benchmark's floor: a bare Remix app of the same Remix version as Parley (classic compiler,
 * the same future flags), built by `npm run bench` and served by `remix-serve`.
 * @type {import('@remix-run/dev').AppConfig}
 */
module.exports = {
  serverModuleFormat: "cjs",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
  },
};
