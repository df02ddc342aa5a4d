import fs from 'node:fs';

/** One logger per module; English, one JSON line per entry, to stderr and optionally a file. */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

interface Sink {
  level: LogLevel;
  file: string | null;
}

const sink: Sink = { level: parseLevel(process.env.PIC_LOG_LEVEL) ?? 'warn', file: null };

function parseLevel(text: string | undefined): LogLevel | null {
  return text && text in RANK ? (text as LogLevel) : null;
}

/** Called once by each entry point (CLI, server, Electron) when it knows where logs go. */
export function configureLogging(options: { level?: LogLevel; file?: string | null }): void {
  if (options.level && !process.env.PIC_LOG_LEVEL) sink.level = options.level;
  if (options.file !== undefined) sink.file = options.file;
}

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(module: string): Logger {
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    // The file keeps info and above (debug only when asked for): it stays on disk for support.
    const toFile = sink.file !== null && RANK[level] >= Math.min(RANK.info, RANK[sink.level]);
    const toStderr = RANK[level] >= RANK[sink.level];
    if (!toFile && !toStderr) return;
    const line = redactCodiciFiscali(JSON.stringify({ t: new Date().toISOString(), level, module, msg, ...serializable(fields) }));
    if (toFile && sink.file) {
      try {
        fs.appendFileSync(sink.file, line + '\n');
      } catch {
        // A log file that cannot be written must never stop the app; stderr still has the line.
      }
    }
    if (toStderr) process.stderr.write(line + '\n');
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/**
 * A codice fiscale names a patient: logs keep its first three letters and the check character
 * ("RSS************C"), enough to tell two apart while reading a log, not to identify anyone.
 */
const CODICE_FISCALE = /\b([A-Z]{3})[A-Z]{3}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}([A-Z])\b/gi;

export function redactCodiciFiscali(text: string): string {
  return text.replace(CODICE_FISCALE, (_all, head: string, check: string) => `${head}${'*'.repeat(12)}${check}`);
}

function serializable(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fields) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}
