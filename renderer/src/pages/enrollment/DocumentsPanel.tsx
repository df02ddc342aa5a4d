import { useEffect, useRef, useState } from 'react';
import type { ConsentView, EnrollmentView } from '../../../../shared/contract/enrollment';
import type { ConsentKind } from '../../../../shared/domain/enrollment';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatTimestamp } from '../../dateInput';
import { CONSENT_KIND_LABEL, privacyChoicesText, shortHash } from '../../enrollment';
import { pageHref } from '../../router';
import { useMutation } from '../../useMutation';
import { ConsentScans } from './ConsentScans';
import { printFrame, useDocumentPreview } from './useDocumentPreview';

const PRINT_LABEL: Record<ConsentKind, string> = { patto_di_cura: 'Stampa il Patto di Cura', privacy: 'Stampa il consenso privacy' };

/**
 * The two documents: prepared as one PDF each (both copies inside), printed from the preview,
 * recorded as printed only when the user says the sheets came out; then the signed copies' scans.
 */
export function DocumentsPanel({ view, onChanged, focusOnMount = false }: { view: EnrollmentView; onChanged: (v: EnrollmentView) => void; focusOnMount?: boolean }) {
  const generate = useMutation('enrollment.document');
  const printed = useMutation('enrollment.printed');
  const preview = useDocumentPreview();
  const [asking, setAsking] = useState(false);
  const [cannotPrint, setCannotPrint] = useState(false);
  const [preparing, setPreparing] = useState<ConsentKind | null>(null);
  const firstButton = useRef<HTMLButtonElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const buttons = useRef<Partial<Record<ConsentKind, HTMLButtonElement | null>>>({});
  const doc = preview.doc;

  useEffect(() => {
    if (focusOnMount) firstButton.current?.focus();
  }, [focusOnMount]);
  useEffect(() => {
    if (doc) printButton.current?.focus();
  }, [doc]);
  useEffect(() => {
    if (asking) confirmButton.current?.focus();
  }, [asking]);

  const prepare = async (kind: ConsentKind) => {
    if (printed.busy) return;
    setAsking(false);
    setCannotPrint(false);
    setPreparing(kind);
    const generated = await generate.run({ enrollmentId: view.id, kind });
    setPreparing(null);
    if (generated) preview.show(generated);
  };

  const print = () => {
    const opened = printFrame(frame.current);
    setCannotPrint(!opened);
    setAsking(true);
  };

  const confirm = async () => {
    if (!doc) return;
    const v = await printed.run({ enrollmentId: view.id, kind: doc.kind });
    if (!v) return;
    setAsking(false);
    onChanged(v);
    // On to the document still to print, if any.
    const next = v.consents.find((c) => c.kind !== doc.kind && c.printedAt === null && c.signedAt === null);
    preview.close();
    buttons.current[next?.kind ?? doc.kind]?.focus();
  };

  const error = generate.error ?? printed.error;
  return (
    <section className="card documents-panel" aria-labelledby="enroll-documents-title" data-testid="enroll-documents">
      <h2 className="card-title" id="enroll-documents-title">
        {view.state === 'registered' ? 'Documenti da firmare' : 'Documenti: Patto di Cura e consenso privacy'}
      </h2>
      <table className="table consents">
        <thead>
          <tr>
            <th scope="col">Documento</th>
            <th scope="col">Stampato</th>
            <th scope="col">Firmato</th>
            <th scope="col">Copia firmata</th>
          </tr>
        </thead>
        <tbody>
          {view.consents.map((c) => (
            <ConsentRow key={c.kind} consent={c} enrollmentId={view.id} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        {view.consents.map((c, i) => (
          <button
            key={c.kind}
            ref={(el) => {
              buttons.current[c.kind] = el;
              if (i === 0) firstButton.current = el;
            }}
            type="button"
            className={c.printedAt === null && c.signedAt === null ? 'button button-primary' : 'button'}
            onClick={() => void prepare(c.kind)}
            aria-disabled={generate.busy}
            data-testid={c.kind === 'patto_di_cura' ? 'enroll-print-patto' : 'enroll-print-privacy'}
          >
            {preparing === c.kind ? 'Preparazione…' : c.signedAt ? `${PRINT_LABEL[c.kind]} (copia)` : PRINT_LABEL[c.kind]}
          </button>
        ))}
      </div>
      {error && <ErrorMessage error={error} />}
      {error?.code === 'studio-not-configured' && (
        <p>
          <a href={pageHref('impostazioni')}>Apri Impostazioni, Dati dello studio</a>
        </p>
      )}
      {doc && (
        <div className="document" data-testid="enroll-document" data-kind={doc.kind}>
          <div className="notice notice-info document-copies" data-testid="enroll-document-copies">
            <p className="notice-title">
              {doc.copy
                ? 'Copia del documento firmato, con le risposte registrate: stamparla una volta.'
                : 'Il PDF contiene già le due copie, per il medico e per il paziente: stamparlo una volta.'}
            </p>
            <p className="notice-text">
              {CONSENT_KIND_LABEL[doc.kind]}, impronta del documento{' '}
              <span className="mono strong" data-testid="enroll-document-hash" title={doc.hash}>
                {shortHash(doc.hash)}
              </span>
            </p>
          </div>
          <div className="form-actions">
            <button ref={printButton} type="button" className="button button-primary" onClick={print} data-testid="enroll-document-print">
              Stampa…
            </button>
            <a className="button" href={doc.url} download={doc.fileName} data-testid="enroll-document-download">
              Scarica il PDF
            </a>
            <button type="button" className="button" onClick={preview.close} data-testid="enroll-document-close">
              Chiudi l&apos;anteprima
            </button>
          </div>
          {asking && (
            <div className="notice notice-warn print-confirm" role="group" aria-labelledby="enroll-print-question" data-testid="enroll-print-confirm">
              <p className="notice-title" id="enroll-print-question">
                {cannotPrint
                  ? 'Questa finestra non riesce ad aprire la stampa: scaricare il PDF e stamparlo. Quando è stampato:'
                  : `${CONSENT_KIND_LABEL[doc.kind]}: le due copie sono uscite dalla stampante?`}
              </p>
              <div className="form-actions">
                <button ref={confirmButton} type="button" className="button button-primary" onClick={() => void confirm()} aria-disabled={printed.busy} data-testid="enroll-print-done">
                  {printed.busy ? 'Registrazione…' : 'Sì, stampato'}
                </button>
                <button type="button" className="button" onClick={print} data-testid="enroll-print-again">
                  Stampa di nuovo
                </button>
                <button type="button" className="button" onClick={() => setAsking(false)} data-testid="enroll-print-not">
                  Non stampato
                </button>
              </div>
            </div>
          )}
          <iframe ref={frame} className="document-preview" src={doc.url} title={`Anteprima: ${CONSENT_KIND_LABEL[doc.kind]}`} data-testid="enroll-document-preview" />
        </div>
      )}
    </section>
  );
}

function ConsentRow({ consent: c, enrollmentId, onChanged }: { consent: ConsentView; enrollmentId: number; onChanged: (v: EnrollmentView) => void }) {
  return (
    <tr data-testid="enroll-consent" data-kind={c.kind} data-signed={c.signedAt ? 'true' : 'false'} data-printed={c.printedAt ? 'true' : 'false'}>
      <td className="strong">{CONSENT_KIND_LABEL[c.kind]}</td>
      <td>
        {c.printedAt ? (
          <>
            {formatTimestamp(c.printedAt)}
            {c.documentHash && <div className="note mono">impronta {shortHash(c.documentHash)}</div>}
          </>
        ) : (
          <span className="muted">non ancora</span>
        )}
      </td>
      <td>
        {c.signedAt ? formatTimestamp(c.signedAt) : <span className="muted">non ancora</span>}
        {c.choices && (
          <div className="note" data-testid="enroll-consent-choices">
            {privacyChoicesText(c.choices)}
          </div>
        )}
      </td>
      <td>{c.signedAt ? <ConsentScans consent={c} enrollmentId={enrollmentId} onChanged={onChanged} /> : <span className="muted">dopo la firma</span>}</td>
    </tr>
  );
}
