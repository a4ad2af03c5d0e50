export default async function globalTeardown() {
  // runs once per Jest project: the first call stops the shared server, the others find none
  const server = globalThis.__EMBEDDED_PG__;
  globalThis.__EMBEDDED_PG__ = undefined;
  await server?.stop();
}
