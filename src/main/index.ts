/** The app's entry point (electron-vite builds it to out/main/index.js): everything Electron-aware is in ./electron. */
import { start } from './electron/start'

void start()
