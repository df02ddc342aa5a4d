import { useRef, useState, type ReactNode } from 'react';
import type { ApiErrorBody, ApiResult } from '../../../shared/api';
import type { ChosenFile } from '../../../shared/contract/import';
import { RECOVERY_KEY_FILE } from '../../../shared/importFileTypes';
import { useApi, useFileSource } from '../api';

export interface KeyLoader {
  busy: boolean;
  error: ApiErrorBody | null;
  /** Opens the desktop app's dialog, or browser mode's file input. */
  choose: () => void;
  /** Browser mode's hidden file input, to render anywhere; null in the desktop app. */
  fileInput: ReactNode;
}

/**
 * «Carica la chiave di ripristino…», for a backup whose key is not on this PC: the MMG picks the
 * key file (the desktop app's open dialog, or an upload in browser mode) and the core keeps it only
 * if it opens the backup named `backup`. The page never names a file by its path. A hook, so that
 * the restore screen puts the button among its answers and the outcome beside the reason.
 */
export function useKeyLoader(backup: string, onLoaded: (stored: boolean) => void): KeyLoader {
  const source = useFileSource();
  const call = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorBody | null>(null);

  const load = async (pick: () => Promise<ApiResult<ChosenFile | null>>) => {
    setBusy(true);
    try {
      const chosen = await pick();
      if (!chosen.ok) return setError(chosen.error);
      if (!chosen.value) return;
      const loaded = await call('keys.loadForBackup', { name: backup, file: chosen.value.file });
      if (!loaded.ok) return setError(loaded.error);
      onLoaded(loaded.value.stored);
    } finally {
      setBusy(false);
    }
  };

  const choose = () => {
    if (busy) return;
    setError(null);
    if (source.kind === 'upload') input.current?.click();
    else void load(() => source.choose(RECOVERY_KEY_FILE));
  };

  const fileInput =
    source.kind === 'upload' ? (
      <input
        ref={input}
        type="file"
        hidden
        accept=".key"
        onChange={(e) => {
          const picked = e.target.files?.[0];
          // Emptied, so that choosing the same file again (after a wrong one) is a change too.
          e.target.value = '';
          if (picked) void load(() => source.upload(picked, () => undefined, new AbortController().signal));
        }}
        data-testid="recovery-key-file"
      />
    ) : null;

  return { busy, error, choose, fileInput };
}
