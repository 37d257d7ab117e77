// electron-vite: Electron's main and preload (src-main/electron) and the window (src-renderer) in one
// build under out/. Native modules and the Node core stay external to the main bundle.
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  main: { plugins: [externalizeDepsPlugin()], build: { rollupOptions: { input: { index: resolve(__dirname, 'src-main/electron/main.ts') } } } },
  // A sandboxed preload cannot be an ES module: CommonJS, named .cjs (the package is "type": "module").
  preload: { plugins: [externalizeDepsPlugin()], build: { rollupOptions: { input: { index: resolve(__dirname, 'src-main/electron/preload.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } } } },
  renderer: { root: resolve(__dirname, 'src-renderer'), plugins: [react()], build: { rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } } } },
});
