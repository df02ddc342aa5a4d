import { useState } from 'react';
import type { PlanDocument } from '../../../../shared/contract/pai';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PdfPreview } from '../../components/PdfPreview';
import { useMutation } from '../../useMutation';

/** "Stampa PAI": the PDF for the patient from pai.document, shown to print or download. */
export function PrintPai({ paiId }: { paiId: number }) {
  const generate = useMutation('pai.document');
  const [doc, setDoc] = useState<PlanDocument | null>(null);
  return (
    <>
      <button type="button" className="button" onClick={() => void generate.run({ id: paiId }).then((d) => d && setDoc(d))} aria-disabled={generate.busy} data-testid="pai-print">
        {generate.busy ? 'Preparazione…' : 'Stampa PAI'}
      </button>
      {generate.error && <ErrorMessage error={generate.error} reveal />}
      {doc && <PdfPreview doc={doc} title="PAI" testId="pai-document" onClose={() => setDoc(null)} />}
    </>
  );
}
