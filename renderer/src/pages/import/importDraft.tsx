import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { DEFAULT_DB, EMPTY_MAPPING, type SourceForm } from '../../importing';

/**
 * What the user set up on the import page, kept while the app runs so that going to another page
 * and back loses nothing, a running import included. In memory only; never the password.
 */
export interface ImportDraft {
  adapterId: string | null;
  form: SourceForm;
  dryRun: boolean;
  /** The import job this page started and still shows. */
  job: number | null;
}

export const EMPTY_FORM: SourceForm = { file: null, mapping: EMPTY_MAPPING, dateFormat: '', db: DEFAULT_DB, json: '' };
const EMPTY_DRAFT: ImportDraft = { adapterId: null, form: EMPTY_FORM, dryRun: false, job: null };

type UpdateDraft = (patch: Partial<ImportDraft>) => void;

const DraftContext = createContext<[ImportDraft, UpdateDraft] | null>(null);

export function ImportDraftProvider({ children }: { children: ReactNode }) {
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const update = useCallback<UpdateDraft>((patch) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      return { ...next, form: { ...next.form, db: { ...next.form.db, password: '' } } };
    });
  }, []);
  return <DraftContext.Provider value={[draft, update]}>{children}</DraftContext.Provider>;
}

export function useImportDraft(): [ImportDraft, UpdateDraft] {
  const value = useContext(DraftContext);
  if (!value) throw new Error('useImportDraft outside ImportDraftProvider');
  return value;
}
