import { describe, expect, it } from 'vitest';
import { CALL_NAMES, type CallName } from '../../shared/api';
import type { OperatorRole } from '../../shared/domain/operator';
import { AppError } from '../../shared/errors';
import { VALID_INPUT } from '../../test/support/validInputs';
import type { CallContext, Transport } from './context';
import { dispatch } from './dispatch';
import type { Handlers } from './handlers';

/**
 * Who may make each call, written out here call by call (not derived from the contract), so that
 * changing a call's access is a visible decision: dispatch must let exactly these through.
 * P: anyone, before login; C: any operator logged in with card and PIN, even without a role;
 * M: MMG; S: segretaria; K: case manager.
 */
const EXPECTED: Record<CallName, string> = {
  'app.info': 'P',
  'clock.get': 'P',
  'setup.checklist': 'P',
  'cards.state': 'P',
  'session.login': 'P',
  'session.logout': 'C',
  'demo.cards.state': 'P',
  'demo.cards.insert': 'P',
  'demo.cards.remove': 'P',
  'demo.seed': 'P',
  'patients.search': 'MSK',
  'patients.get': 'MSK',
  'patients.create': 'MS',
  'patients.createFromCard': 'MS',
  'patients.updateContacts': 'MSK',
  'audit.forPatient': 'MSK',
  'patients.setLevel': 'M',
  'patients.setPathologies': 'M',
  'pathologies.choices': 'MSK',
  'places.byCode': 'MSK',
  'walkin.record': 'MS',
  'calls.list': 'MSK',
  'calls.record': 'MSK',
  'agenda.day': 'MSK',
  'enrollment.get': 'MSK',
  'enrollment.list': 'MSK',
  'enrollment.register': 'MS',
  'enrollment.document': 'MSK',
  'enrollment.printed': 'MS',
  'enrollment.sign': 'MS',
  'enrollment.attachScan': 'MS',
  'enrollment.scan': 'MSK',
  'enrollment.withdraw': 'MS',
  'enrollment.renew': 'MS',
  'deadlines.get': 'MSK',
  'settings.studio.get': 'MSK',
  'settings.studio.set': 'M',
  'sync.status': 'MSK',
  'sync.run': 'MSK',
  'sync.retry': 'MS',
  'sync.resolve': 'MS',
  'sync.checkPatient': 'MSK',
  'settings.centroServizi.get': 'M',
  'settings.centroServizi.set': 'M',
  'import.adapters': 'MS',
  'import.preview': 'MS',
  'import.start': 'MS',
  'import.status': 'MS',
  'import.cancel': 'MS',
  'import.runs': 'MS',
  'import.rejects': 'MS',
  'import.undo': 'M',
  'import.fileHeaders': 'MS',
  'import.releaseFile': 'MS',
  'import.mappings': 'MS',
  'import.saveMapping': 'MS',
  'operators.list': 'M',
  'operators.add': 'M',
  'operators.setRole': 'M',
  'operators.disable': 'M',
  'operators.claimAdministrator': 'C',
  'plugins.list': 'M',
  'backup.list': 'M',
  'backup.setFolder': 'M',
  'backup.run': 'M',
  'backup.inspect': 'M',
  'backup.restore': 'M',
  'keys.export': 'M',
  'keys.loadForBackup': 'M',
  'plugins.enable': 'M',
  'plugins.disable': 'M',
  'pai.show': 'MSK',
  'pai.create': 'M',
  'pai.update': 'M',
  'pai.activate': 'M',
  'pai.revise': 'M',
  'pai.renew': 'M',
  'pai.cancel': 'M',
  'pai.document': 'MSK',
  'pai.templates': 'MSK',
  'pai.catalogue': 'MSK',
  'schedule.due': 'MSK',
  'bookings.request': 'MSK',
  'bookings.move': 'MSK',
  'bookings.list': 'MSK',
  'bookings.get': 'MSK',
  'bookings.sheet': 'MSK',
  'providers.list': 'MSK',
  'reminders.list': 'MSK',
  'reminders.record': 'MSK',
  'reminders.export': 'MSK',
  'reminders.preferences': 'MSK',
  'reminders.optOut': 'MSK',
  'reminders.noShows': 'MSK',
  'adherence.patient': 'MSK',
  'adherence.studio': 'MSK',
};

type Who = 'nobody' | 'no role' | OperatorRole;
const LETTER: Record<OperatorRole, string> = { mmg: 'M', segretaria: 'S', case_manager: 'K' };

function expectedFor(name: CallName, who: Who): boolean {
  const access = EXPECTED[name];
  if (access === 'P') return true;
  if (who === 'nobody') return false;
  if (access === 'C') return true;
  return who !== 'no role' && access.includes(LETTER[who]);
}

/** Handlers that only record that they were reached (and stop there): the table is about who gets through. */
function recording(reached: Set<string>): Handlers {
  return new Proxy({} as Handlers, {
    get: (_t, name: string) => () => {
      reached.add(name);
      throw new AppError('reached', `${name} reached`, 'Raggiunta.');
    },
  });
}

async function reaches(name: CallName, who: Who, transport: Transport = 'browser'): Promise<{ reached: boolean; code: string | null }> {
  const reached = new Set<string>();
  const operator: CallContext['operator'] = who === 'nobody' ? null : { codiceFiscale: 'BNCGLI75A41F205I', name: 'BIANCHI GIULIA', role: who === 'no role' ? null : who };
  const r = await dispatch({ handlers: recording(reached), demo: true, operator: () => operator }, name, VALID_INPUT[name], transport);
  return { reached: reached.has(name), code: r.ok ? null : r.error.code };
}

describe('access: every call, every role', () => {
  it('the table covers exactly the contract', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...CALL_NAMES].sort());
  });

  for (const who of ['nobody', 'no role', 'mmg', 'segretaria', 'case_manager'] as const) {
    it(`${who}: reaches exactly the calls allowed, the others are refused before their handler`, async () => {
      for (const name of CALL_NAMES) {
        const { reached, code } = await reaches(name, who);
        const allowed = expectedFor(name, who);
        expect(reached, `${name} as ${who}`).toBe(allowed);
        if (!allowed) expect(code, `${name} as ${who}`).toBe(who === 'nobody' || EXPECTED[name] === 'C' ? 'not-logged-in' : 'forbidden');
      }
    });
  }

  it('the CLI, without a card, acts as the administrator: every call reaches its handler', async () => {
    for (const name of CALL_NAMES) expect((await reaches(name, 'nobody', 'cli')).reached, name).toBe(true);
  });

  it('explains a refusal in Italian', async () => {
    const asSecretary = { handlers: recording(new Set()), demo: true, operator: () => ({ codiceFiscale: 'VRDPLA88R61G388Z', name: 'VERDI PAOLA', role: 'segretaria' as const }) };
    expect(await dispatch(asSecretary, 'settings.studio.set', VALID_INPUT['settings.studio.set'], 'browser')).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Operazione riservata a: Medico di medicina generale.' },
    });
    const nobody = { ...asSecretary, operator: () => null };
    expect(await dispatch(nobody, 'patients.search', { text: 'Rossi' }, 'browser')).toEqual({
      ok: false,
      error: { code: 'not-logged-in', message: 'Accedere con la carta operatore e il PIN per questa operazione.' },
    });
    const noRole = { ...asSecretary, operator: () => ({ codiceFiscale: 'VRDPLA88R61G388Z', name: 'VERDI PAOLA', role: null }) };
    expect(await dispatch(noRole, 'patients.search', { text: 'Rossi' }, 'browser')).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/ruolo .* non è ancora stato assegnato/) } });
  });
});
