import { useEffect, useRef, useState } from 'react';
import type { PlanDocument } from '../../../shared/contract/pai';
import { base64ToBytes } from '../enrollment';
import { printFrame } from '../pages/enrollment/useDocumentPreview';

/** A PDF of the plan (the PAI, a booking sheet) shown in a frame: print it, download it, close it. */
export function PdfPreview({ doc, title, testId, onClose }: { doc: PlanDocument; title: string; testId: string; onClose: () => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const [cannotPrint, setCannotPrint] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const u = URL.createObjectURL(new Blob([base64ToBytes(doc.base64)], { type: 'application/pdf' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [doc]);
  useEffect(() => {
    if (url) printButton.current?.focus();
  }, [url]);
  if (!url) return null;
  return (
    <div className="document" data-testid={testId}>
      <div className="form-actions">
        <button ref={printButton} type="button" className="button button-primary" onClick={() => setCannotPrint(!printFrame(frame.current))} data-testid={`${testId}-print`}>
          Stampa…
        </button>
        <a className="button" href={url} download={doc.fileName} data-testid={`${testId}-download`}>
          Scarica il PDF
        </a>
        <button type="button" className="button" onClick={onClose} data-testid={`${testId}-close`}>
          Chiudi l&apos;anteprima
        </button>
      </div>
      {cannotPrint && <p className="notice notice-warn">Questa finestra non riesce ad aprire la stampa: scaricare il PDF e stamparlo.</p>}
      <iframe ref={frame} className="document-preview" src={url} title={`Anteprima: ${title}`} data-testid={`${testId}-preview`} />
    </div>
  );
}
