import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { cspPlugin } from './build/csp.ts'
import { PACK_MODE, offlineTemplatePlugin, packPlugins } from './build/pack.ts'

export default defineConfig(({ mode }) => ({
  // Relative asset paths: the build works from any sub-path of a static host, and the pack from disk.
  base: './',
  plugins: [
    react(),
    ...(mode === PACK_MODE ? packPlugins() : [cspPlugin(), offlineTemplatePlugin()]),
  ],
  build: { target: 'es2022', chunkSizeWarningLimit: 700 },
  // The pack's worker is a classic one: Chromium refuses a module worker from a blob: URL made by
  // a page opened from disk (its opaque origin fails the module script's CORS check).
  worker: { format: mode === PACK_MODE ? 'iife' : 'es' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
}))
