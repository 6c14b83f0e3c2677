import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      // better-sqlite3 is a native module: load it from node_modules, never bundle it.
      rollupOptions: { external: ['better-sqlite3'] }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can only require('electron'): inline everything else.
      externalizeDeps: false,
      rollupOptions: { output: { format: 'cjs' } }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: { rollupOptions: { input: resolve('src/renderer/index.html') } },
    plugins: [react()]
  }
})
