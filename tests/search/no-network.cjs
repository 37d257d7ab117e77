// Preloaded (NODE_OPTIONS=--require) into CLI child processes by the semantic tests: any attempt to reach
// the network throws, so a model that tried to download would fail the test instead of passing by luck.
const fail = (what) => () => {
  throw new Error(`network access attempted (${what})`);
};
globalThis.fetch = fail('fetch');
for (const name of ['http', 'https']) {
  const mod = require(name);
  mod.request = fail(name);
  mod.get = fail(name);
}
