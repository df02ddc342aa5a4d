import type { Dialog, IpcMain, SaveDialogOptions } from 'electron';
import type { ApiResult } from '../../shared/api';
import type { SavedRecoveryKey } from '../../shared/contract/keys';
import { AppError } from '../../shared/errors';
import { authorizeKeySave } from '../api/access';
import type { CallContext } from '../api/context';
import type { RecoveryKeyService } from '../services/recoveryKeyService';
import { createLogger } from '../log';
import { SAVE_RECOVERY_KEY_CHANNEL } from './channels';
import { isTrustedSender, type WindowGetter } from './ipc';

const log = createLogger('electron.keyDialog');

export interface KeySaveTarget {
  /** The archive open at the time of the save: a restore replaces it, and its key. */
  recoveryKey(): Pick<RecoveryKeyService, 'fileName' | 'saveTo'>;
  operator(): CallContext['operator'];
}

/**
 * The MMG saves the recovery key: the main process shows the native save dialog on our window and
 * writes the key file where the user said (0600), so that the key never passes through the page.
 * The page learns where it went. Returns the function that removes the handler.
 */
export function registerKeyDialog(ipcMain: IpcMain, dialog: Pick<Dialog, 'showSaveDialog'>, target: KeySaveTarget, getWindow: WindowGetter): () => void {
  ipcMain.handle(SAVE_RECOVERY_KEY_CHANNEL, async (event): Promise<ApiResult<SavedRecoveryKey | null>> => {
    const win = getWindow();
    if (!win || !isTrustedSender(event, win)) {
      log.warn('key save dialog asked by an untrusted sender refused', { url: String(event.senderFrame?.url ?? '').slice(0, 200) });
      return { ok: false, error: { code: 'forbidden', message: 'Richiesta rifiutata: mittente non autorizzato.' } };
    }
    try {
      const operator = target.operator();
      authorizeKeySave(operator);
      const { canceled, filePath } = await dialog.showSaveDialog(win, saveDialogOptions(target.recoveryKey().fileName()));
      if (canceled || !filePath) return { ok: true, value: null };
      // The dialog asked before writing over an existing file.
      return { ok: true, value: target.recoveryKey().saveTo(filePath, operator?.codiceFiscale ?? null, { replace: true }) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.userMessage } };
      log.error('key save dialog failed', { err });
      return { ok: false, error: { code: 'internal', message: "Errore imprevisto nel salvataggio della chiave. Il problema è stato registrato nel registro dell'applicazione." } };
    }
  });
  return () => ipcMain.removeHandler(SAVE_RECOVERY_KEY_CHANNEL);
}

export function saveDialogOptions(fileName: string): SaveDialogOptions {
  return {
    title: 'Salva la chiave di ripristino',
    buttonLabel: 'Salva',
    // Its name is its key id: a new PC's key folder finds it by that name.
    defaultPath: fileName,
    filters: [{ name: 'Chiave di ripristino', extensions: ['key'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}
