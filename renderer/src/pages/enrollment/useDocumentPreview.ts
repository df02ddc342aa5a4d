import { useEffect, useState } from 'react';
import type { GeneratedDocument } from '../../../../shared/contract/enrollment';
import { base64ToBytes } from '../../enrollment';

export interface ShownDocument extends GeneratedDocument {
  url: string;
}

/** The PDF being looked at, as a Blob URL that lives as long as it is shown. */
export function useDocumentPreview() {
  const [doc, setDoc] = useState<ShownDocument | null>(null);
  useEffect(() => {
    if (!doc) return;
    return () => URL.revokeObjectURL(doc.url);
  }, [doc]);
  return {
    doc,
    show: (generated: GeneratedDocument) => {
      const blob = new Blob([base64ToBytes(generated.base64)], { type: 'application/pdf' });
      setDoc({ ...generated, url: URL.createObjectURL(blob) });
    },
    close: () => setDoc(null),
  };
}

/**
 * Opens the print dialog for the PDF shown in the frame: the browser's PDF viewer prints it (in
 * Electron too, with plugins on). Returns false when the frame cannot print (no viewer), so the
 * caller can offer the download.
 */
export function printFrame(frame: HTMLIFrameElement | null): boolean {
  const win = frame?.contentWindow;
  if (!win) return false;
  try {
    win.focus();
    win.print();
    return true;
  } catch {
    return false;
  }
}
