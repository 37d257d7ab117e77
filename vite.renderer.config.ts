// The window alone, for the browser shell (out/renderer). electron.vite.config.ts builds the same
// renderer together with Electron's main and preload.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

export default defineConfig({
  root: resolve(__dirname, 'src-renderer'),
  base: './',
  plugins: [react()],
  build: { outDir: resolve(__dirname, 'out/renderer'), emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1500 },
});
