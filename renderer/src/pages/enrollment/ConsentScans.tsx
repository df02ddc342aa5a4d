import { useRef, type ChangeEvent } from 'react';
import type { ConsentView, EnrollmentView } from '../../../../shared/contract/enrollment';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatTimestamp } from '../../dateInput';
import { downloadBlob } from '../../download';
import { base64ToBytes, bytesToBase64, CONSENT_KIND_LABEL, formatBytes, scanFileProblem } from '../../enrollment';
import { useMutation } from '../../useMutation';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff';

/** The scans of one signed consent: the list (each downloadable) and "Allega scansione…". */
export function ConsentScans({ consent, enrollmentId, onChanged }: { consent: ConsentView; enrollmentId: number; onChanged: (v: EnrollmentView) => void }) {
  const attach = useMutation('enrollment.attachScan');
  const fetchScan = useMutation('enrollment.scan');
  const input = useRef<HTMLInputElement>(null);
  const testKind = consent.kind === 'patto_di_cura' ? 'patto' : 'privacy';

  const chosen = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    const problem = scanFileProblem(file);
    if (problem) {
      attach.setError({ code: 'scan-rejected', message: problem });
      return;
    }
    const base64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
    const v = await attach.run({ enrollmentId, kind: consent.kind, fileName: file.name, base64 });
    if (v) onChanged(v);
  };

  const download = async (scanId: number) => {
    const scan = await fetchScan.run({ scanId });
    if (!scan) return;
    downloadBlob(scan.fileName, new Blob([base64ToBytes(scan.base64)], { type: scan.mediaType }));
  };

  return (
    <div className="consent-scans" data-testid={`enroll-scans-${testKind}`}>
      {consent.scans.length > 0 && (
        <ul className="plain-list">
          {consent.scans.map((s) => (
            <li key={s.id} data-testid="enroll-scan">
              <button type="button" className="link-button" onClick={() => void download(s.id)} title={`Scarica ${s.fileName}`}>
                {s.fileName}
              </button>{' '}
              <span className="note">
                {formatBytes(s.bytes)}, {formatTimestamp(s.addedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <input
        ref={input}
        id={`enroll-scan-file-${testKind}`}
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        onChange={(e) => void chosen(e)}
        data-testid={`enroll-scan-file-${testKind}`}
      />
      <button
        type="button"
        className="button button-small"
        onClick={() => input.current?.click()}
        aria-disabled={attach.busy}
        aria-label={`Allega la scansione firmata: ${CONSENT_KIND_LABEL[consent.kind]}`}
        data-testid={`enroll-scan-attach-${testKind}`}
      >
        {attach.busy ? 'Caricamento…' : consent.scans.length > 0 ? 'Allega un\'altra…' : 'Allega scansione…'}
      </button>
      {(attach.error ?? fetchScan.error) && <ErrorMessage error={(attach.error ?? fetchScan.error)!} />}
    </div>
  );
}
