import { describe, expect, it } from 'vitest';
import { allows, DESK, MMG_ONLY, rolesText, STAFF } from './access';

describe('allows', () => {
  it('lets anyone make a public call, logged in or not', () => {
    expect(allows('public', undefined)).toBe(true);
    expect(allows('public', null)).toBe(true);
  });

  it('wants a login for card calls, whatever the role', () => {
    expect(allows('card', undefined)).toBe(false);
    expect(allows('card', null)).toBe(true);
    expect(allows('card', 'case_manager')).toBe(true);
  });

  it('wants one of the roles otherwise; no role is no role', () => {
    expect(allows(MMG_ONLY, 'mmg')).toBe(true);
    expect(allows(MMG_ONLY, 'segretaria')).toBe(false);
    expect(allows(DESK, 'segretaria')).toBe(true);
    expect(allows(DESK, 'case_manager')).toBe(false);
    expect(allows(STAFF, null)).toBe(false);
    expect(allows(STAFF, undefined)).toBe(false);
  });
});

describe('rolesText', () => {
  it('names the roles in Italian', () => {
    expect(rolesText(MMG_ONLY)).toBe('Medico di medicina generale');
    expect(rolesText(DESK)).toBe('Medico di medicina generale o Segreteria');
    expect(rolesText(STAFF)).toBe('Medico di medicina generale, Segreteria o Case manager');
  });
});
