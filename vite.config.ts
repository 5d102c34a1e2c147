import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { cspPlugin } from './build/csp.ts'

export default defineConfig({
  plugins: [react(), cspPlugin()],
  build: { target: 'es2022', chunkSizeWarningLimit: 700 },
  worker: { format: 'es' },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  server: { host: '127.0.0.1', port: 5173 },
})
