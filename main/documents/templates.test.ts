import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { CONSENT_PLACEHOLDER_NAMES, CONSENT_PLACEHOLDERS } from './consentData';
import { loadConsentTemplate } from './consentPdf';
import { TemplateError } from './errors';
import { fillTemplate, parseTemplate, type FilledBlock, type Run } from './templates';

const known = new Set(['nome', 'cognome', 'email', 'data']);
const SIGNATURES = '[[firme]]\nLuogo ____ | Data {{data}}\n- Il paziente | {{nome}} {{cognome}}\n[[/firme]]\n';

function parse(body: string, withSignatures = true) {
  return parseTemplate('prova.md', `# Titolo\n\n${body}\n\n${withSignatures ? SIGNATURES : ''}`, { known });
}

function errorOf(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error('expected a TemplateError');
}

const text = (runs: Run[]): string => runs.map((r) => r.text).join('');
const values = { nome: 'Nicolò', cognome: "Dell'Acqua", data: '15/03/2024' };

describe('parseTemplate', () => {
  it('reads title, subtitle, headings, paragraphs, items, tick boxes, page breaks and signatures', () => {
    const t = parseTemplate(
      'prova.md',
      [
        '<!-- a comment',
        'over two lines -->',
        '# Patto di Cura',
        'Sottotitolo {{data}}',
        '',
        '## Le parti',
        'Prima riga',
        'seconda riga <!-- nota --> del paragrafo.',
        '',
        '- voce **in grassetto**',
        '  che continua',
        '12. voce numerata',
        '[ ] acconsento [ ] non acconsento',
        '[[nuova-pagina]]',
        '\\# non è un titolo, \\- né una voce \\{{ né un segnaposto',
        '',
        SIGNATURES,
      ].join('\n'),
      { known },
    );
    expect(t.blocks.map((b) => b.kind)).toEqual([
      'title',
      'subtitle',
      'heading',
      'paragraph',
      'item',
      'item',
      'choices',
      'pageBreak',
      'paragraph',
      'signatures',
    ]);
    expect([...t.placeholders].sort()).toEqual(['cognome', 'data', 'nome']);
    const doc = fillTemplate(t, values);
    expect(doc.title).toBe('Patto di Cura');
    const [, subtitle, , paragraph, item, numbered, choices, , escaped, signatures] = doc.blocks as FilledBlock[];
    expect(subtitle?.kind === 'subtitle' && text(subtitle.content)).toBe('Sottotitolo 15/03/2024');
    expect(paragraph?.kind === 'paragraph' && text(paragraph.content)).toBe('Prima riga seconda riga  del paragrafo.');
    expect(item?.kind === 'item' && item.content).toEqual([
      { text: 'voce ', bold: false },
      { text: 'in grassetto', bold: true },
      { text: ' che continua', bold: false },
    ]);
    expect(numbered?.kind === 'item' && numbered.marker).toBe('12.');
    expect(choices?.kind === 'choices' && choices.options.map(text)).toEqual(['acconsento', 'non acconsento']);
    expect(escaped?.kind === 'paragraph' && text(escaped.content)).toBe('# non è un titolo, - né una voce {{ né un segnaposto');
    expect(signatures?.kind === 'signatures' && signatures.notes[0]?.cells.map(text)).toEqual(['Luogo ____', 'Data 15/03/2024']);
    expect(signatures?.kind === 'signatures' && signatures.signers.map((s) => [text(s.label), text(s.caption)])).toEqual([
      ['Il paziente', "Nicolò Dell'Acqua"],
    ]);
  });

  it('rejects an unknown placeholder, naming it and the line, in English and Italian', () => {
    const e = errorOf(() => parse('Testo con {{codice_segreto}}.'));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('template-unknown-placeholder');
    expect(e.problem).toBe('unknown-placeholder');
    expect(e.line).toBe(3);
    expect(e.message).toContain('unknown placeholder {{codice_segreto}}');
    expect(e.userMessage).toContain('{{codice_segreto}}');
    expect(e.userMessage).toContain('riga 3');
  });

  it.each([
    ['an unclosed placeholder', 'Testo {{nome'],
    ['a malformed placeholder name', 'Testo {{Nome Proprio}}'],
    ['a stray "}}"', 'Testo }} qui'],
    ['unclosed bold', 'Testo **grassetto'],
    ['a third-level heading', '### Sezione'],
    ['a "#" without space', '#Titolo'],
    ['an unknown directive', '[[firma]]'],
    ['an empty tick box', '[ ] acconsento [ ]'],
    ['an empty list item', '-'],
    ['an unclosed comment', '<!-- non chiuso'],
    ['a second title', '# Altro titolo'],
  ])('rejects %s as a syntax error', (_what, body) => {
    const e = errorOf(() => parse(body));
    expect(e.code).toBe('template-syntax');
    expect(e.line).toBeGreaterThan(0);
    expect(e.userMessage).toMatch(/^Il modello di documento «prova\.md» \(riga \d+\) non è utilizzabile: /);
  });

  it('names a tick-box row and ticks the answer recorded under its name', () => {
    const source = `# Titolo\n\n(contatti) [ ] sì [ ] no\n\n[ ] a [ ] b\n\n${SIGNATURES}`;
    const t = parseTemplate('prova.md', source, { known, choices: new Set(['contatti']) });
    const rows = t.blocks.filter((b) => b.kind === 'choices');
    expect(rows.map((r) => r.kind === 'choices' && r.name)).toEqual(['contatti', null]);
    const filled = fillTemplate(t, values, { choices: { contatti: 1 } });
    const checked = filled.blocks.flatMap((b) => (b.kind === 'choices' ? [[b.checked, b.options.map(text)]] : []));
    expect(checked).toEqual([
      [1, ['sì', 'no']],
      [null, ['a', 'b']],
    ]);
    expect(fillTemplate(t, values).blocks.flatMap((b) => (b.kind === 'choices' ? [b.checked] : []))).toEqual([null, null]);
    const unknownRow = errorOf(() => parseTemplate('prova.md', source.replace('(contatti)', '(sms)'), { known, choices: new Set(['contatti']) }));
    expect(unknownRow.message).toContain('unknown tick-box row name (sms)');
    expect(unknownRow.userMessage).toContain('«(sms)» non esiste');
  });

  it('requires the title first and exactly one closed signature block', () => {
    expect(errorOf(() => parseTemplate('prova.md', `Testo\n\n${SIGNATURES}`, { known })).code).toBe('template-syntax');
    expect(errorOf(() => parse('Testo', false)).message).toContain('exactly one [[firme]]');
    expect(errorOf(() => parse(SIGNATURES)).message).toContain('exactly one [[firme]]');
    expect(errorOf(() => parse('[[firme]]\n- Il paziente', false)).message).toContain('never closed');
    expect(errorOf(() => parse('[[firme]]\nsolo testo\n[[/firme]]', false)).message).toContain('no "- Label | caption"');
    expect(errorOf(() => parse('[[firme]]\n## Titolo\n[[/firme]]', false)).code).toBe('template-syntax');
  });
});

describe('fillTemplate', () => {
  it('rejects a required placeholder without a value: missing, empty or blank', () => {
    const t = parse('Gentile {{nome}} {{cognome}}.');
    for (const nome of [undefined, '', '   ']) {
      const e = errorOf(() => fillTemplate(t, { ...values, nome }, { labels: { nome: 'nome del paziente' } }));
      expect(e.code).toBe('template-missing-value');
      expect(e.line).toBe(3);
      expect(e.userMessage).toContain('«nome del paziente»');
    }
  });

  it('leaves out the block holding an optional placeholder without a value, and only that block', () => {
    const t = parse('Prima.\n\n- Posta elettronica: {{email?}}\n- Telefono: 0372 123456\n\nUltima.');
    const without = fillTemplate(t, values);
    expect(without.blocks.filter((b) => b.kind === 'item').map((b) => b.kind === 'item' && text(b.content))).toEqual([
      'Telefono: 0372 123456',
    ]);
    const withEmail = fillTemplate(t, { ...values, email: 'studio@example.it' });
    expect(withEmail.blocks.filter((b) => b.kind === 'item').map((b) => b.kind === 'item' && text(b.content))).toEqual([
      'Posta elettronica: studio@example.it',
      'Telefono: 0372 123456',
    ]);
  });

  it('does not allow optional placeholders in the title', () => {
    expect(errorOf(() => parseTemplate('prova.md', `# Titolo {{email?}}\n\n${SIGNATURES}`, { known })).code).toBe('template-syntax');
  });

  it('collapses white space inside values so that a value cannot add lines', () => {
    const doc = fillTemplate(parse('Gentile {{nome}}.'), { ...values, nome: ' Nicolò\n  Maria ' });
    const p = doc.blocks.find((b) => b.kind === 'paragraph');
    expect(p?.kind === 'paragraph' && text(p.content)).toBe('Gentile Nicolò Maria.');
  });
});

describe('[[elenco]] lists', () => {
  const lists = { farmaci: new Set(['nome', 'dose']) };
  const LIST = '## Farmaci\n\n[[elenco farmaci]]\n- **{{nome}}**: {{dose?}}\n  per {{cognome}}\n\nNome: {{nome}}.\n[[vuoto]]\nNessun farmaco per {{nome}}.\n[[/elenco]]\n\nFine.';
  const parseList = (body: string) => parseTemplate('prova.md', `# Titolo\n\n${body}\n\n${SIGNATURES}`, { known, lists });
  const shown = (blocks: FilledBlock[]) => blocks.flatMap((b) => (b.kind === 'item' || b.kind === 'paragraph' ? [`${b.kind === 'item' ? b.marker : '¶'} ${text(b.content)}`] : []));

  it('repeats its paragraphs and items once per row, the row fields hiding document placeholders', () => {
    const t = parseList(LIST);
    expect([...t.lists]).toEqual(['farmaci']);
    expect(t.placeholders.has('dose')).toBe(true);
    const doc = fillTemplate(t, values, {
      lists: {
        farmaci: [
          { nome: 'Metformina', dose: '500 mg due volte al giorno' },
          { nome: 'Ramipril', dose: undefined },
        ],
      },
    });
    expect(shown(doc.blocks)).toEqual([
      "• Metformina: 500 mg due volte al giorno per Dell'Acqua",
      '¶ Nome: Metformina.',
      '¶ Nome: Ramipril.',
      '¶ Fine.',
    ]);
    expect(doc.blocks.some((b) => (b.kind as string) === 'list')).toBe(false);
  });

  it('prints the [[vuoto]] part, with document placeholders only, when the list has no rows', () => {
    const doc = fillTemplate(parseList(LIST), values, { lists: { farmaci: [] } });
    expect(shown(doc.blocks)).toEqual(['¶ Nessun farmaco per Nicolò.', '¶ Fine.']);
    const withoutEmpty = parseList('[[elenco farmaci]]\n- {{nome}}\n[[/elenco]]');
    expect(shown(fillTemplate(withoutEmpty, values, { lists: { farmaci: [] } }).blocks)).toEqual([]);
  });

  it('refuses a list the caller did not give, and a required row field without value, in Italian', () => {
    const t = parseList(LIST);
    const noRows = errorOf(() => fillTemplate(t, values, { labels: { farmaci: 'terapia cronica' } }));
    expect(noRows.code).toBe('template-missing-value');
    expect(noRows.userMessage).toContain("manca l'elenco richiesto «terapia cronica»");
    const blank = errorOf(() => fillTemplate(t, values, { lists: { farmaci: [{ nome: ' ', dose: 'x' }] }, labels: { nome: 'nome del farmaco' } }));
    expect(blank.code).toBe('template-missing-value');
    expect(blank.line).toBe(6);
    expect(blank.userMessage).toContain('«nome del farmaco»');
  });

  it('rejects a list never closed', () => {
    const e = errorOf(() => parseTemplate('prova.md', '# Titolo\n\n[[elenco farmaci]]\n- {{nome}}\n', { known, lists, signed: false }));
    expect(e.line).toBe(3);
    expect(e.userMessage).toContain('[[elenco farmaci]] non è chiuso da [[/elenco]]');
  });

  it.each([
    ['an unknown list', '[[elenco esami]]\n- {{nome}}\n[[/elenco]]', "l'elenco «esami» non esiste"],
    ['a list with nothing to repeat', '[[elenco farmaci]]\n[[vuoto]]\nNessuno.\n[[/elenco]]', 'nulla da ripetere'],
    ['a heading inside a list', '[[elenco farmaci]]\n## {{nome}}\n[[/elenco]]', 'sono ammessi solo paragrafi'],
    ['a nested list', '[[elenco farmaci]]\n- {{nome}}\n[[elenco farmaci]]\n[[/elenco]]', 'sono ammessi solo paragrafi'],
    ['a second [[vuoto]]', '[[elenco farmaci]]\n- {{nome}}\n[[vuoto]]\nA\n[[vuoto]]\nB\n[[/elenco]]', 'sono ammessi solo paragrafi'],
    ['a row field outside its list', '- {{dose}}', 'il segnaposto {{dose}} non esiste'],
    ['a row field in the [[vuoto]] part', '[[elenco farmaci]]\n- {{nome}}\n[[vuoto]]\n{{dose}}\n[[/elenco]]', 'il segnaposto {{dose}} non esiste'],
    ['[[vuoto]] outside a list', '[[vuoto]]', 'la direttiva [[vuoto]] non esiste'],
  ])('rejects %s', (_what, body, message) => {
    const e = errorOf(() => parseList(body));
    expect(e.userMessage).toContain(message);
    expect(e.line).toBeGreaterThan(0);
  });
});

describe('unsigned documents', () => {
  it('need no [[firme]] and refuse one', () => {
    const t = parseTemplate('prova.md', '# Titolo\n\nTesto.', { known, signed: false });
    expect(t.blocks.map((b) => b.kind)).toEqual(['title', 'paragraph']);
    const e = errorOf(() => parseTemplate('prova.md', `# Titolo\n\n${SIGNATURES}`, { known, signed: false }));
    expect(e.code).toBe('template-syntax');
    expect(e.userMessage).toContain('non prevede firme');
  });
});

describe('the shipped templates', () => {
  it.each(['patto_di_cura', 'privacy'] as const)('%s parses and uses the required placeholders', (kind) => {
    const t = loadConsentTemplate(kind);
    for (const name of [
      'paziente_cognome',
      'paziente_nome',
      'paziente_codice_fiscale',
      'paziente_data_nascita',
      'gestore',
      'mmg',
      'studio_indirizzo',
      'studio_telefono',
      'data',
      'numero_arruolamento',
    ]) {
      expect(t.placeholders.has(name), name).toBe(true);
    }
    for (const name of t.placeholders) expect(CONSENT_PLACEHOLDER_NAMES.has(name)).toBe(true);
    expect(Object.keys(CONSENT_PLACEHOLDERS)).toEqual([...CONSENT_PLACEHOLDER_NAMES]);
    expect(t.blocks.filter((b) => b.kind === 'signatures')).toHaveLength(1);
  });

  it('the privacy form asks for consent with "acconsento / non acconsento" boxes', () => {
    const t = loadConsentTemplate('privacy');
    const rows = t.blocks.filter((b) => b.kind === 'choices');
    expect(rows.map((r) => r.kind === 'choices' && r.name)).toEqual(['trattamento', 'comunicazione', 'contatti']);
    for (const row of rows) {
      expect(row.kind === 'choices' && row.options.map((o) => o.map((i) => (i.kind === 'text' ? i.text : '')).join(''))).toEqual([
        'acconsento',
        'non acconsento',
      ]);
    }
  });
});
