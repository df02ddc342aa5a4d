import { useEffect, useRef, useState } from 'react';
import { MAX_UPLOAD_BYTES, type ApiErrorBody, type ApiResult } from '../../../../shared/api';
import type { AdapterInfo, ChosenFile } from '../../../../shared/contract/import';
import { importFileType } from '../../../../shared/importFileTypes';
import { useApi, useFileSource } from '../../api';
import { FieldError } from '../../components/Field';
import { formatSize, percent } from '../../format';
import { uploadProgressText } from '../../upload';

interface Props {
  adapter: AdapterInfo;
  file: ChosenFile | null;
  onChosen: (file: ChosenFile) => void;
  /** The page's check found no file chosen. */
  invalidMessage: string | null;
  disabled: boolean;
}

interface Uploading {
  name: string;
  sent: number;
  total: number;
  controller: AbortController;
}

/**
 * The file to import, chosen by the user: the desktop app's own open dialog, or in browser mode
 * a file input whose file is uploaded (with its progress, and a way to stop it). The core answers
 * with a handle; the page shows the file's name and size and never learns or sends a path.
 */
export function FileChoice({ adapter, file, onChosen, invalidMessage, disabled }: Props) {
  const source = useFileSource();
  const call = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<Uploading | null>(null);
  const [error, setError] = useState<ApiErrorBody | null>(null);
  const busy = uploading !== null;
  const type = importFileType(adapter.id);

  // An upload still going when the page goes away is stopped: nobody would use its handle.
  const current = useRef<Uploading | null>(null);
  current.current = uploading;
  useEffect(() => () => current.current?.controller.abort(), []);

  const settle = (result: ApiResult<ChosenFile | null>) => {
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (result.value === null) return;
    // The file chosen before is not needed any more: its uploaded copy can go now.
    if (file && file.file !== result.value.file) void call('import.releaseFile', { file: file.file });
    onChosen(result.value);
  };

  const choose = async () => {
    if (disabled || busy) return;
    setError(null);
    if (source.kind === 'upload') {
      input.current?.click();
      return;
    }
    settle(await source.choose(adapter.id));
  };

  const upload = async (picked: File) => {
    if (source.kind !== 'upload') return;
    setError(null);
    const controller = new AbortController();
    setUploading({ name: picked.name, sent: 0, total: picked.size, controller });
    const result = await source.upload(picked, (sent, total) => setUploading((u) => (u && u.controller === controller ? { ...u, sent, total } : u)), controller.signal);
    setUploading((u) => (u && u.controller === controller ? null : u));
    if (!controller.signal.aborted) settle(result);
  };

  const message = error?.message ?? invalidMessage;
  const describedBy = ['import-file-status', message ? 'import-file-error' : null, 'import-file-hint'].filter(Boolean).join(' ');
  const pc = uploading ? percent(uploading.sent, uploading.total) : 0;

  return (
    <div className="field file-choice" data-testid="import-file-choice">
      <div className="file-choice-row">
        <button
          type="button"
          className="button"
          id="import-choose-file"
          onClick={() => void choose()}
          aria-disabled={disabled || busy}
          aria-describedby={describedBy}
          data-testid="import-choose-file"
        >
          {file ? 'Scegli un altro file…' : 'Scegli il file…'}
        </button>
        {source.kind === 'upload' && (
          <input
            ref={input}
            type="file"
            hidden
            accept={type ? type.extensions.map((e) => `.${e}`).join(',') : undefined}
            onChange={(e) => {
              const picked = e.target.files?.[0];
              // Emptied, so that choosing the same file again is a change too.
              e.target.value = '';
              if (picked) void upload(picked);
            }}
            data-testid="import-file"
          />
        )}
        <span className="file-choice-status" id="import-file-status" data-testid="import-file-chosen" data-file={file?.name ?? ''}>
          {file ? (
            <>
              <span className="file-name">{file.name}</span> <span className="muted">({formatSize(file.size)})</span>
            </>
          ) : (
            'Nessun file scelto.'
          )}
        </span>
      </div>

      {uploading && (
        <div
          className="progress upload-progress"
          role="progressbar"
          aria-label="Caricamento del file"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pc}
          aria-valuetext={uploadProgressText(uploading.name, uploading.sent, uploading.total)}
          data-testid="import-upload-progress"
        >
          <div className="progress-label">
            <span className="file-name">{uploadProgressText(uploading.name, uploading.sent, uploading.total)}</span>
            <span>{pc}%</span>
          </div>
          <progress className="progress-bar" max={100} value={pc} aria-hidden="true" />
          <div className="form-actions">
            <button type="button" className="button" onClick={() => uploading.controller.abort()} data-testid="import-upload-cancel">
              Interrompi il caricamento
            </button>
          </div>
        </div>
      )}

      {message && (
        <FieldError id="import-file-error" testId="import-field-error">
          {message}
        </FieldError>
      )}
      <span className="field-hint" id="import-file-hint">
        {source.kind === 'upload'
          ? `Il file viene caricato in PiC Studio (fino a ${formatSize(MAX_UPLOAD_BYTES)}): una copia temporanea nella cartella dei dati, cancellata a importazione finita.`
          : 'PiC Studio legge il file scelto dove si trova.'}{' '}
        Dopo un&apos;importazione, per importare di nuovo lo stesso file sceglierlo ancora.
      </span>
    </div>
  );
}
