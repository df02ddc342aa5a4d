import { SYNC_KIND_LABEL, type SyncKind } from '../../../../shared/contract/sync';
import { patientHref } from '../../router';
import { whenText } from '../../sync';

/** Whose data it is (a link to the sheet), what kind, since when. */
interface Props {
  /** The buttons of the item name it as their description. */
  id: string;
  patientId: number;
  patientName: string;
  codiceFiscale: string;
  kind: SyncKind | null;
  createdAt: string;
  extra?: string;
}

export function SyncItemHead({ id, patientId, patientName, codiceFiscale, kind, createdAt, extra }: Props) {
  return (
    <p className="sync-item-head" id={id}>
      <a className="strong" href={patientHref(patientId)}>
        {patientName}
      </a>
      <span className="mono">{codiceFiscale}</span>
      {kind && <span className="tag tag-todo">{SYNC_KIND_LABEL[kind]}</span>}
      <span className="muted">
        dal {whenText(createdAt)}
        {extra ? `, ${extra}` : ''}
      </span>
    </p>
  );
}
