// Entry of the embedding worker thread (see embedder.ts). A worker starts with a fresh module loader, so
// it registers tsx itself before loading the TypeScript message loop; this works the same under vitest,
// under the `casework` bin (which registers tsx only on its own thread) and in plain Node.
import { register } from 'tsx/esm/api';

register();
await import('./embed-worker-main.ts');
