import type { Dialog, IpcMain, OpenDialogOptions } from 'electron';
import type { ApiResult } from '../../shared/api';
import type { ChosenFile } from '../../shared/contract/import';
import { AppError } from '../../shared/errors';
import { importFileType } from '../../shared/importFileTypes';
import { authorizeFileChoice } from '../api/access';
import type { CallContext } from '../api/context';
import type { ChosenFiles } from '../importers/chosenFiles';
import { createLogger } from '../log';
import { CHOOSE_FILE_CHANNEL } from './channels';
import { isTrustedSender, type WindowGetter } from './ipc';

const log = createLogger('electron.fileDialog');

export interface FileChoiceTarget {
  files: Pick<ChosenFiles, 'pick'>;
  operator(): CallContext['operator'];
}

/**
 * The page asks for a file to import (or a recovery key to load); the main process shows the
 * native open dialog on our window and registers what the user chose, answering with its handle. The path stays here: the
 * page can name no file the user did not pick. Returns the function that removes the handler.
 */
export function registerFileDialog(ipcMain: IpcMain, dialog: Pick<Dialog, 'showOpenDialog'>, target: FileChoiceTarget, getWindow: WindowGetter): () => void {
  ipcMain.handle(CHOOSE_FILE_CHANNEL, async (event, request: unknown): Promise<ApiResult<ChosenFile | null>> => {
    const win = getWindow();
    if (!win || !isTrustedSender(event, win)) {
      log.warn('file dialog asked by an untrusted sender refused', { url: String(event.senderFrame?.url ?? '').slice(0, 200) });
      return { ok: false, error: { code: 'forbidden', message: 'Richiesta rifiutata: mittente non autorizzato.' } };
    }
    try {
      authorizeFileChoice(target.operator(), 'electron');
      const { canceled, filePaths } = await dialog.showOpenDialog(win, dialogOptions(adapterOf(request)));
      const chosen = filePaths[0];
      if (canceled || chosen === undefined) return { ok: true, value: null };
      return { ok: true, value: await target.files.pick(chosen) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.userMessage } };
      log.error('file dialog failed', { err });
      return { ok: false, error: { code: 'internal', message: "Errore imprevisto nella scelta del file. Il problema è stato registrato nel registro dell'applicazione." } };
    }
  });
  return () => ipcMain.removeHandler(CHOOSE_FILE_CHANNEL);
}

/** The adapter the page names, only to choose the dialog's filters. */
function adapterOf(request: unknown): string {
  const adapter = typeof request === 'object' && request !== null ? (request as { adapter?: unknown }).adapter : undefined;
  return typeof adapter === 'string' ? adapter.slice(0, 80) : '';
}

export function dialogOptions(adapter: string): OpenDialogOptions {
  const type = importFileType(adapter);
  return {
    title: type?.title ?? 'Scegli il file da importare',
    buttonLabel: 'Scegli',
    properties: ['openFile'],
    filters: [...(type ? [{ name: type.label, extensions: [...type.extensions] }] : []), { name: 'Tutti i file', extensions: ['*'] }],
  };
}
