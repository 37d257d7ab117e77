// electron-vite: Electron's main and preload (src-main/hosts/electron) and the window (src-renderer) in one
// build under out/. Native modules and the Node core stay external to the main bundle.
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  // The embedding model runs in a worker thread of its own (src-main/search/embedder.ts looks for
  // embed-worker.js beside the main bundle).
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/hosts/electron/main.ts'), 'embed-worker': resolve(__dirname, 'src-main/search/embed-worker-main.ts') },
      },
    },
  },
  // A sandboxed preload cannot be an ES module: CommonJS, named .cjs (the package is "type": "module").
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src-main/hosts/electron/preload.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } } },
  },
});
