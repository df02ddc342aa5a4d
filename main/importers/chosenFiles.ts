import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ChosenFile } from '../../shared/contract/import';
import { AppError } from '../../shared/errors';
import { createLogger } from '../log';
import { ImportSourceError } from './errors';
import { fileError } from './files/table';

const log = createLogger('import.files');

/** Where uploads are kept while they wait for their import: <data>/uploads/<random>/<name>. */
export const UPLOADS_FOLDER = 'uploads';
/**
 * An upload older than this was left by a process that ended without cleaning up (killed, a
 * power cut): removed when the next one starts. Younger ones may belong to a browser-mode server
 * still running on the same folder.
 */
export const STALE_UPLOAD_MS = 12 * 60 * 60 * 1000;

export class FileNotChosenError extends AppError {
  constructor() {
    super(
      'file-not-chosen',
      'no chosen file has this handle (imported already, released, or chosen before a restart)',
      'Il file scelto non è più disponibile (è già stato importato, oppure PiC Studio è stato riavviato): sceglierlo di nuovo.',
    );
  }
}

/** The page named a file by its path: it may name only the files the user chose, by their handles. */
export class PathNotAllowedError extends AppError {
  constructor() {
    super(
      'path-not-allowed',
      'a file path from the page refused: the page names files by the handles of the files chosen',
      'Per sicurezza PiC Studio non legge un file indicato con il suo percorso: sceglierlo con «Scegli il file…» nella pagina Importazione.',
    );
  }
}

export class UploadTooLargeError extends AppError {
  constructor(readonly limit: number) {
    super('upload-too-large', `upload over the ${limit} bytes limit`, `Il file è troppo grande per essere importato: al massimo ${Math.round(limit / 1_000_000)} MB.`);
  }
}

export class UploadInterruptedError extends AppError {
  constructor(detail: string) {
    super('upload-interrupted', `upload interrupted: ${detail}`, "Il caricamento del file si è interrotto prima della fine: sceglierlo di nuovo e attendere che il caricamento finisca.");
  }
}

export class UploadNotSavedError extends AppError {
  constructor(err: unknown) {
    const code = (err as NodeJS.ErrnoException).code;
    super(
      'upload-not-saved',
      `upload not saved: ${(err as Error).message}`,
      code === 'ENOSPC'
        ? 'Il file non si può caricare: il disco della cartella dei dati di PiC Studio è pieno.'
        : 'Il file non si può salvare nella cartella dei dati di PiC Studio: controllare che sia accessibile e riprovare.',
    );
  }
}

interface Entry extends ChosenFile {
  path: string;
  /** What the run record names as the source: the path of a picked file, the name of an upload. */
  source: string;
  /** The folder of an upload's copy, removed with the handle; null for a file read where it is. */
  copy: string | null;
  /** Previews and imports reading it now: its copy is removed only once they are done. */
  readers: number;
  released: boolean;
}

/** A chosen file being read: its path, held until `done()`. */
export interface FileLease {
  file: string;
  path: string;
  source: string;
  done(): void;
}

/**
 * The files the user picked, known by the handles the core gives out: the page names a file only
 * by its handle, so the core reads nothing but what the user chose (the desktop app's dialog, or
 * an upload from the page). Handles live as long as this process; an upload's copy is the
 * owner's only (0600, in a 0700 folder) and removed when its handle is released or the process
 * closes, or by the next process when it is stale.
 */
export class ChosenFiles {
  private readonly entries = new Map<string, Entry>();
  readonly uploads: string;

  constructor(dataDir: string) {
    this.uploads = path.join(dataDir, UPLOADS_FOLDER);
  }

  /** A file picked in the desktop app's dialog: read where it is, never copied. */
  async pick(filePath: string): Promise<ChosenFile> {
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(filePath);
    } catch (err) {
      throw fileError(filePath, err);
    }
    if (!stat.isFile()) throw new ImportSourceError('not-a-file', `${filePath} is not a regular file`, `«${path.basename(filePath)}» non è un file da importare.`);
    return this.add({ path: filePath, name: path.basename(filePath), size: stat.size, source: filePath, copy: null });
  }

  /**
   * An upload from the page, streamed into its own folder: never held whole in memory, refused
   * past `maxBytes`, and left nowhere when it does not arrive whole (`expectedBytes`: what the
   * request announced, when it did).
   */
  async receive(body: Readable, name: string, limits: { maxBytes: number; expectedBytes?: number }): Promise<ChosenFile> {
    if (limits.expectedBytes !== undefined && limits.expectedBytes > limits.maxBytes) throw new UploadTooLargeError(limits.maxBytes);
    let folder: string;
    try {
      await fs.promises.mkdir(this.uploads, { recursive: true, mode: 0o700 });
      folder = await fs.promises.mkdtemp(path.join(this.uploads, 'u-'));
    } catch (err) {
      throw new UploadNotSavedError(err);
    }
    const file = path.join(folder, safeFileName(name));
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        callback(size > limits.maxBytes ? new UploadTooLargeError(limits.maxBytes) : null, chunk);
      },
    });
    try {
      await pipeline(body, counter, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
      if (limits.expectedBytes !== undefined && size !== limits.expectedBytes) throw new UploadInterruptedError(`${size} of ${limits.expectedBytes} bytes`);
    } catch (err) {
      await fs.promises.rm(folder, { recursive: true, force: true });
      if (err instanceof AppError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      // The page went away (closed, reloaded, network cut): the request ends before its body does.
      if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'ECONNABORTED') throw new UploadInterruptedError(code);
      throw new UploadNotSavedError(err);
    }
    const chosen = path.basename(file);
    log.info('upload received', { bytes: size });
    return this.add({ path: file, name: chosen, size, source: chosen, copy: folder });
  }

  /** The file behind `handle`, held for reading until `done()`; throws FileNotChosenError for an unknown handle. */
  open(handle: string): FileLease {
    const entry = this.entries.get(handle);
    if (!entry || entry.released) throw new FileNotChosenError();
    entry.readers++;
    let open = true;
    return {
      file: handle,
      path: entry.path,
      source: entry.source,
      done: () => {
        if (!open) return;
        open = false;
        entry.readers--;
        if (entry.released) this.removeWhenUnread(entry);
      },
    };
  }

  /** Forgets `handle`; an upload's copy goes at once, or when the last preview or import reading it ends. False for an unknown handle. */
  release(handle: string): boolean {
    const entry = this.entries.get(handle);
    if (!entry || entry.released) return false;
    entry.released = true;
    this.removeWhenUnread(entry);
    return true;
  }

  /** Removes the uploads a process left behind when it ended without cleaning up. */
  removeStale(): void {
    let folders: string[];
    try {
      folders = fs.readdirSync(this.uploads);
    } catch {
      return;
    }
    // File times are the file system's: compared with a time it gives now (a file just touched),
    // not with the process's clock, which a demo or a shifted test clock may set elsewhere.
    const before = this.diskNow() - STALE_UPLOAD_MS;
    for (const name of folders) {
      const folder = path.join(this.uploads, name);
      try {
        if (fs.statSync(folder).mtimeMs < before) fs.rmSync(folder, { recursive: true, force: true });
      } catch (err) {
        log.warn('stale upload not removed', { folder: name, message: (err as Error).message });
      }
    }
  }

  private diskNow(): number {
    const probe = path.join(this.uploads, `.now-${process.pid}`);
    fs.writeFileSync(probe, '');
    try {
      return fs.statSync(probe).mtimeMs;
    } finally {
      fs.rmSync(probe, { force: true });
    }
  }

  /** This process's uploads, removed as it closes (files being read included: nothing reads them any more). */
  close(): void {
    for (const entry of this.entries.values()) {
      if (entry.copy) fs.rmSync(entry.copy, { recursive: true, force: true });
    }
    this.entries.clear();
  }

  private add(entry: Omit<Entry, 'file' | 'readers' | 'released'>): ChosenFile {
    const file = `file_${crypto.randomBytes(16).toString('hex')}`;
    this.entries.set(file, { ...entry, file, readers: 0, released: false });
    return { file, name: entry.name, size: entry.size };
  }

  private removeWhenUnread(entry: Entry): void {
    if (entry.readers > 0) return;
    this.entries.delete(entry.file);
    if (!entry.copy) return;
    fs.rm(entry.copy, { recursive: true, force: true }, (err) => {
      if (err) log.warn('upload not removed', { message: err.message });
    });
  }
}

/**
 * The name an upload is kept under: the page's name without folders or characters a file system
 * refuses, so that messages name the file the user knows and its extension still tells its kind.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // Control characters included: a line break in a file name would end up in messages and logs.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  // Long names keep their end, where the extension is.
  return cleaned.slice(-120) || 'file';
}
