// Entry point of the desktop app, bundled to dist/main/electron.cjs (package.json "main").
import { installCrashHandlers, runApp } from './app';

installCrashHandlers();
void runApp();
