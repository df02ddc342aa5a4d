import type { PluginView } from '../../shared/contract/plugins';

/** The badge styles the panel uses (tag-ok, tag-todo, tag-expired). */
export type PluginTone = 'ok' | 'todo' | 'expired';

export interface PluginStatus {
  label: string;
  tone: PluginTone;
  detail: string;
}

/** What the Impostazioni panel says of a plug-in. */
export function pluginStatus(p: PluginView): PluginStatus {
  switch (p.state) {
    case 'not-enabled':
      return { label: 'Non abilitato', tone: 'todo', detail: 'Non viene eseguito finché non lo si abilita.' };
    case 'changed':
      return {
        label: "Modificato dopo l'abilitazione: riabilitare",
        tone: 'expired',
        detail:
          'Il contenuto non è più quello abilitato, perciò non viene eseguito: controllare la nuova impronta e, se è quella attesa, abilitarlo di nuovo.' +
          (p.adapter ? ' Fino al riavvio resta in uso la versione abilitata.' : ''),
      };
    case 'enabled':
      if (p.error) return { label: 'Abilitato, non caricato', tone: 'expired', detail: `Errore nel plug-in: ${p.error}` };
      if (p.adapter) return { label: 'Abilitato', tone: 'ok', detail: `Aggiunge il tipo di importazione «${p.adapter.name}».` };
      // Enabled from another PC sharing the data folder: this one loads it when it starts.
      return { label: 'Abilitato', tone: 'ok', detail: 'Verrà caricato al prossimo avvio.' };
  }
}

/** The buttons a plug-in gets: a changed one can be enabled with its new content, or disabled. */
export function pluginActions(p: PluginView): ('enable' | 'disable')[] {
  if (p.state === 'not-enabled') return ['enable'];
  if (p.state === 'changed') return ['enable', 'disable'];
  return ['disable'];
}

