import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Development: `npm run dev:web` serves the pages with hot reload and proxies /api to a
// server started with `npm start` (port 8080). Production: `npm run build:web` writes dist/,
// which the server serves itself.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: process.env.JIXIAO_API ?? 'http://127.0.0.1:8080', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    reportCompressedSize: false,
    // bench/web-size.ts reads it to add up what each page loads
    manifest: true,
  },
});
