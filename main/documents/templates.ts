/**
 * The document templates: a small Markdown-like format, parsed here and filled with values.
 * The format is described for template authors in assets/templates/README.md; in short:
 *
 *   <!-- comment -->             ignored (may span lines)
 *   # Title                      exactly once, first; lines right under it (no blank line) are
 *                                centred subtitle lines
 *   ## Heading
 *   paragraph text               consecutive lines join into one paragraph; a blank line ends it
 *   - bullet / 1. numbered item  indented lines below continue the item
 *   [ ] acconsento [ ] non ...   a row of tick boxes; "(name) [ ] ..." names it, and the answer
 *                                recorded under that name ticks its box (FillOptions.choices)
 *   [[nuova-pagina]]             page break
 *   [[firme]] ... [[/firme]]     the signature block (exactly once, none in an unsigned
 *                                document): plain lines are notes (place and date; "|" splits
 *                                them into columns), "- Label | caption" lines are the signature
 *                                lines, two per row
 *   [[elenco name]] ... [[/elenco]]  paragraphs and items repeated once per row of the list `name`
 *                                (FillOptions.lists), where the row's fields are placeholders too;
 *                                an optional [[vuoto]] part is printed instead when it has no rows
 *   **bold**, {{name}}, {{name?}} inline; \ escapes one of \ * { } [ ] | # - .
 *
 * A {{name?}} placeholder is optional: when its value is missing the whole block holding it
 * (paragraph, item, heading, note, signer, tick-box row) is left out. A {{name}} without a value is
 * a TemplateError, and so is any name the caller did not declare: never a silently blank field.
 */
import { TemplateError } from './errors';

/** One piece of inline template content. */
export type Inline =
  | { kind: 'text'; text: string; bold: boolean }
  | { kind: 'placeholder'; name: string; optional: boolean; bold: boolean };

/** Filled inline content: text in one style. */
export interface Run {
  text: string;
  bold: boolean;
}

/** The blocks of a document; C is the inline content (Inline[] in a template, Run[] once filled). */
export type Block<C> =
  | { kind: 'title'; line: number; content: C }
  | { kind: 'subtitle'; line: number; content: C }
  | { kind: 'heading'; line: number; content: C }
  | { kind: 'paragraph'; line: number; content: C }
  /** marker: "•" for "- " items, "3." for numbered ones. */
  | { kind: 'item'; line: number; marker: string; content: C }
  /** `name`: the answer recorded under it ticks one option (`checked`, once filled). */
  | { kind: 'choices'; line: number; name: string | null; options: C[]; checked?: number | null }
  | { kind: 'pageBreak'; line: number }
  | { kind: 'signatures'; line: number; notes: Note<C>[]; signers: Signer<C>[] };

/**
 * A plain line of the signature block, e.g. "Luogo ______ | Data {{data}}": cells split on "|"
 * are printed in the signature columns.
 */
export interface Note<C> {
  line: number;
  cells: C[];
}

export interface Signer<C> {
  line: number;
  /** Above the line, e.g. "Il/La paziente". */
  label: C;
  /** Below the line, e.g. the signer's name; may be empty. */
  caption: C;
}

/** What a list's row (and its [[vuoto]] part) may hold. */
export type FlowBlock<C> = Extract<Block<C>, { kind: 'paragraph' | 'item' }>;

/** [[elenco name]]: `row` is printed once per row of the list, `empty` when there is none. */
export interface ListBlock {
  kind: 'list';
  line: number;
  name: string;
  row: FlowBlock<Inline[]>[];
  empty: FlowBlock<Inline[]>[];
}

export type TemplateBlock = Block<Inline[]> | ListBlock;
/** Filled, a list is the blocks of its rows: layout never sees one. */
export type FilledBlock = Block<Run[]>;

export interface Template {
  /** File name, used in error messages. */
  name: string;
  blocks: TemplateBlock[];
  /** Every placeholder name the template uses, the fields of list rows included. */
  placeholders: ReadonlySet<string>;
  /** Every list the template repeats. */
  lists: ReadonlySet<string>;
}

export interface FilledDocument {
  /** The title as plain text (for the PDF metadata and the page footer). */
  title: string;
  blocks: FilledBlock[];
}

export interface ParseOptions {
  /** Placeholder names the caller can fill; any other name is an error. */
  known: ReadonlySet<string>;
  /** Names a tick-box row may carry ("(trattamento) [ ] ..."); any other is an error. */
  choices?: ReadonlySet<string>;
  /**
   * The lists an [[elenco name]] may repeat, each with the fields of its rows; inside the list a
   * field hides a document placeholder of the same name. Any other list is an error.
   */
  lists?: Readonly<Record<string, ReadonlySet<string>>>;
  /** False for a document nobody signs (no [[firme]] allowed); otherwise exactly one [[firme]]. */
  signed?: boolean;
}

const ESCAPABLE = new Set(['\\', '*', '{', '}', '[', ']', '|', '#', '-', '.']);
const PLACEHOLDER = /^([a-z][a-z0-9_]*)(\?)?$/;
const NUMBERED = /^(\d{1,3})\.\s+(.*)$/;
const DIRECTIVE = /^\[\[(.*)\]\]$/;
const NAMED_CHOICES = /^\(([a-z][a-z0-9_]*)\)\s*\[ \]/;
const LIST_OPEN = /^elenco\s+([a-z][a-z0-9_]*)$/;

interface SourceLine {
  no: number;
  text: string;
}

function syntaxError(template: string, line: number, detail: string, dettaglio: string): TemplateError {
  return new TemplateError('syntax', template, line, detail, dettaglio);
}

/** Removes <!-- --> comments; lines that held only a comment disappear (they do not end a paragraph). */
function stripComments(name: string, source: string): SourceLine[] {
  const out: SourceLine[] = [];
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let openedAt = 0;
  lines.forEach((raw, i) => {
    const no = i + 1;
    let rest = raw;
    let kept = '';
    let hadComment = openedAt > 0;
    while (rest.length > 0) {
      if (openedAt > 0) {
        const end = rest.indexOf('-->');
        if (end < 0) {
          rest = '';
        } else {
          rest = rest.slice(end + 3);
          openedAt = 0;
        }
      } else {
        const start = rest.indexOf('<!--');
        if (start < 0) {
          kept += rest;
          rest = '';
        } else {
          kept += rest.slice(0, start);
          rest = rest.slice(start + 4);
          openedAt = no;
          hadComment = true;
        }
      }
    }
    if (hadComment && kept.trim() === '') return;
    out.push({ no, text: kept });
  });
  if (openedAt > 0) {
    throw syntaxError(name, openedAt, 'comment "<!--" is never closed with "-->"', 'un commento «<!--» non è chiuso da «-->»');
  }
  return out;
}

/** Splits on every "|" that is not escaped; cells are trimmed. */
function splitCells(text: string): string[] {
  const cells: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '|') {
      cells.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  cells.push(text.slice(start).trim());
  return cells;
}

function parseInline(name: string, line: number, text: string, known: ReadonlySet<string>, used: Set<string>): Inline[] {
  const out: Inline[] = [];
  let bold = false;
  let buffer = '';
  const flush = (): void => {
    if (buffer.length > 0) out.push({ kind: 'text', text: buffer, bold });
    buffer = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && ESCAPABLE.has(next)) {
      buffer += next;
      i++;
    } else if (ch === '*' && next === '*') {
      flush();
      bold = !bold;
      i++;
    } else if (ch === '{' && next === '{') {
      const end = text.indexOf('}}', i + 2);
      if (end < 0) {
        throw syntaxError(name, line, 'placeholder "{{" is not closed with "}}"', 'un segnaposto «{{» non è chiuso da «}}»');
      }
      const inner = text.slice(i + 2, end).trim();
      const m = PLACEHOLDER.exec(inner);
      if (!m) {
        throw syntaxError(
          name,
          line,
          `malformed placeholder "{{${inner}}}" (expected lower-case letters, digits and "_", optionally followed by "?")`,
          `il segnaposto «{{${inner}}}» non è scritto correttamente (lettere minuscole, cifre e «_», eventualmente seguiti da «?»)`,
        );
      }
      const placeholder = m[1] as string;
      if (!known.has(placeholder)) {
        throw new TemplateError(
          'unknown-placeholder',
          name,
          line,
          `unknown placeholder {{${placeholder}}}`,
          `il segnaposto {{${placeholder}}} non esiste (segnaposti disponibili: ${[...known].sort().join(', ')})`,
        );
      }
      used.add(placeholder);
      flush();
      out.push({ kind: 'placeholder', name: placeholder, optional: m[2] === '?', bold });
      i = end + 1;
    } else if (ch === '}' && next === '}') {
      throw syntaxError(name, line, '"}}" without a matching "{{"', '«}}» senza il corrispondente «{{»');
    } else {
      buffer += ch;
    }
  }
  flush();
  if (bold) throw syntaxError(name, line, '"**" opens bold text that is never closed', 'un grassetto «**» non è chiuso');
  return out;
}

type BlockStart =
  | { kind: 'blank' }
  | { kind: 'directive'; name: string }
  | { kind: 'title'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'item'; marker: string; text: string }
  | { kind: 'choices'; name: string | null; text: string }
  | { kind: 'text'; text: string };

function classify(name: string, line: SourceLine): BlockStart {
  const t = line.text.trim();
  if (t === '') return { kind: 'blank' };
  const directive = DIRECTIVE.exec(t);
  if (directive) return { kind: 'directive', name: (directive[1] as string).trim() };
  if (t.startsWith('#')) {
    const m = /^(#+)\s+(\S.*)$/.exec(t);
    if (!m || (m[1] as string).length > 2) {
      throw syntaxError(
        name,
        line.no,
        `"${t.slice(0, 20)}": only "# Title" and "## Heading" are supported (write \\# for a literal #)`,
        `«${t.slice(0, 20)}»: sono ammessi solo «# Titolo» e «## Sezione» (per un # letterale scrivere \\#)`,
      );
    }
    return (m[1] as string).length === 1 ? { kind: 'title', text: m[2] as string } : { kind: 'heading', text: m[2] as string };
  }
  if (t === '-' || t.startsWith('- ')) {
    const text = t.slice(1).trim();
    if (text === '') throw syntaxError(name, line.no, 'empty list item', 'voce di elenco vuota');
    return { kind: 'item', marker: '•', text };
  }
  const numbered = NUMBERED.exec(t);
  if (numbered) return { kind: 'item', marker: `${numbered[1]}.`, text: numbered[2] as string };
  const named = NAMED_CHOICES.exec(t);
  if (named) return { kind: 'choices', name: named[1] as string, text: t.slice(named[0].length - 3) };
  if (t.startsWith('[ ]')) return { kind: 'choices', name: null, text: t };
  return { kind: 'text', text: t };
}

/** Parses a template. Throws TemplateError (syntax, unknown-placeholder). */
export function parseTemplate(name: string, source: string, options: ParseOptions): Template {
  const lines = stripComments(name, source);
  const blocks: TemplateBlock[] = [];
  const used = new Set<string>();
  const usedLists = new Set<string>();
  const inline = (line: number, text: string, known: ReadonlySet<string> = options.known): Inline[] => parseInline(name, line, text, known, used);
  const signed = options.signed ?? true;
  let signatureBlocks = 0;
  let i = 0;

  // Lines that continue the current block: non-blank and not the start of another block.
  const continuation = (requireIndent: boolean): string[] => {
    const parts: string[] = [];
    while (i < lines.length) {
      const line = lines[i] as SourceLine;
      const start = classify(name, line);
      if (start.kind === 'blank') break;
      const indented = /^\s/.test(line.text);
      if (start.kind !== 'text' || (requireIndent && !indented)) break;
      parts.push(line.text.trim());
      i++;
    }
    return parts;
  };

  // A paragraph or an item, with the lines that continue it.
  const flow = (start: BlockStart & { kind: 'item' | 'text' }, line: SourceLine, known?: ReadonlySet<string>): FlowBlock<Inline[]> => {
    if (start.kind === 'item') {
      const text = [start.text, ...continuation(true)].join(' ');
      return { kind: 'item', line: line.no, marker: start.marker, content: inline(line.no, text, known) };
    }
    const text = [start.text, ...continuation(false)].join(' ');
    return { kind: 'paragraph', line: line.no, content: inline(line.no, text, known) };
  };

  const list = (open: SourceLine, listName: string): ListBlock => {
    const fields = options.lists?.[listName];
    if (!fields) {
      const available = Object.keys(options.lists ?? {}).sort().join(', ') || 'nessuno';
      throw syntaxError(name, open.no, `unknown list [[elenco ${listName}]]`, `l'elenco «${listName}» non esiste (elenchi disponibili: ${available})`);
    }
    const rowKnown = new Set([...options.known, ...fields]);
    const block: ListBlock = { kind: 'list', line: open.no, name: listName, row: [], empty: [] };
    let inEmpty = false;
    while (i < lines.length) {
      const line = lines[i] as SourceLine;
      const start = classify(name, line);
      i++;
      if (start.kind === 'blank') continue;
      if (start.kind === 'directive' && start.name === '/elenco') {
        if (block.row.length === 0) {
          throw syntaxError(name, open.no, `[[elenco ${listName}]] has nothing to repeat before [[vuoto]] or [[/elenco]]`, `[[elenco ${listName}]] non contiene nulla da ripetere prima di [[vuoto]] o [[/elenco]]`);
        }
        usedLists.add(listName);
        return block;
      }
      if (start.kind === 'directive' && start.name === 'vuoto' && !inEmpty) {
        inEmpty = true;
      } else if (start.kind === 'item' || start.kind === 'text') {
        // The [[vuoto]] part has no row, hence no row fields.
        (inEmpty ? block.empty : block.row).push(flow(start, line, inEmpty ? options.known : rowKnown));
      } else {
        throw syntaxError(
          name,
          line.no,
          'inside [[elenco]] only paragraphs, "- " items and one [[vuoto]] are allowed',
          'dentro [[elenco]] sono ammessi solo paragrafi, voci «- » e un solo [[vuoto]]',
        );
      }
    }
    throw syntaxError(name, open.no, `[[elenco ${listName}]] is never closed with [[/elenco]]`, `[[elenco ${listName}]] non è chiuso da [[/elenco]]`);
  };

  while (i < lines.length) {
    const line = lines[i] as SourceLine;
    const start = classify(name, line);
    i++;
    switch (start.kind) {
      case 'blank':
        break;
      case 'title': {
        if (blocks.length > 0) {
          throw syntaxError(name, line.no, '"# Title" must come first, and only once', '«# Titolo» deve essere il primo elemento, e uno solo');
        }
        const content = inline(line.no, start.text);
        if (content.some((c) => c.kind === 'placeholder' && c.optional)) {
          throw syntaxError(name, line.no, 'the title cannot hold an optional placeholder', 'il titolo non può contenere segnaposti facoltativi');
        }
        blocks.push({ kind: 'title', line: line.no, content });
        while (i < lines.length) {
          const sub = lines[i] as SourceLine;
          if (classify(name, sub).kind !== 'text') break;
          blocks.push({ kind: 'subtitle', line: sub.no, content: inline(sub.no, sub.text.trim()) });
          i++;
        }
        break;
      }
      case 'heading':
        blocks.push({ kind: 'heading', line: line.no, content: inline(line.no, start.text) });
        break;
      case 'item':
        blocks.push(flow(start, line));
        break;
      case 'choices': {
        const parts = start.text.split('[ ]').map((p) => p.trim());
        const labels = parts.slice(1);
        if (labels.length === 0 || labels.some((o) => o === '')) {
          throw syntaxError(name, line.no, 'every "[ ]" tick box needs a label', 'ogni casella «[ ]» deve avere un testo');
        }
        if (start.name !== null && !options.choices?.has(start.name)) {
          throw syntaxError(name, line.no, `unknown tick-box row name (${start.name})`, `la riga di caselle «(${start.name})» non esiste (nomi disponibili: ${[...(options.choices ?? [])].sort().join(', ') || 'nessuno'})`);
        }
        blocks.push({ kind: 'choices', line: line.no, name: start.name, options: labels.map((o) => inline(line.no, o)) });
        break;
      }
      case 'text':
        blocks.push(flow(start, line));
        break;
      case 'directive': {
        const listOpen = LIST_OPEN.exec(start.name);
        if (start.name === 'nuova-pagina') {
          blocks.push({ kind: 'pageBreak', line: line.no });
        } else if (listOpen) {
          blocks.push(list(line, listOpen[1] as string));
        } else if (start.name === 'firme') {
          if (!signed) {
            throw syntaxError(name, line.no, 'this document is not signed: [[firme]] is not allowed', 'questo documento non prevede firme: [[firme]] non è ammesso');
          }
          const block: TemplateBlock & { kind: 'signatures' } = { kind: 'signatures', line: line.no, notes: [], signers: [] };
          let closed = false;
          while (i < lines.length && !closed) {
            const inner = lines[i] as SourceLine;
            const innerStart = classify(name, inner);
            i++;
            if (innerStart.kind === 'blank') continue;
            if (innerStart.kind === 'directive' && innerStart.name === '/firme') {
              closed = true;
            } else if (innerStart.kind === 'item' && innerStart.marker === '•') {
              const [label = '', caption = '', ...extra] = splitCells(innerStart.text);
              if (label === '' || extra.length > 0) {
                throw syntaxError(
                  name,
                  inner.no,
                  'a signature line is "- Label | caption" (one "|" at most, label not empty)',
                  'una riga di firma si scrive «- Etichetta | didascalia» (al più un «|», etichetta non vuota)',
                );
              }
              block.signers.push({ line: inner.no, label: inline(inner.no, label), caption: inline(inner.no, caption) });
            } else if (innerStart.kind === 'text') {
              block.notes.push({ line: inner.no, cells: splitCells(innerStart.text).map((c) => inline(inner.no, c)) });
            } else {
              throw syntaxError(
                name,
                inner.no,
                'inside [[firme]] only "- Label | caption" lines and plain lines are allowed',
                'dentro [[firme]] sono ammesse solo righe «- Etichetta | didascalia» e righe di testo',
              );
            }
          }
          if (!closed) throw syntaxError(name, line.no, '[[firme]] is never closed with [[/firme]]', '[[firme]] non è chiuso da [[/firme]]');
          if (block.signers.length === 0) {
            throw syntaxError(name, line.no, '[[firme]] has no "- Label | caption" signature line', '[[firme]] non contiene alcuna riga di firma «- Etichetta | didascalia»');
          }
          signatureBlocks++;
          blocks.push(block);
        } else {
          throw syntaxError(
            name,
            line.no,
            `unknown directive [[${start.name}]] (known: [[nuova-pagina]], [[firme]], [[/firme]], [[elenco name]], [[vuoto]], [[/elenco]])`,
            `la direttiva [[${start.name}]] non esiste (ammesse: [[nuova-pagina]], [[firme]], [[/firme]], [[elenco nome]], [[vuoto]], [[/elenco]])`,
          );
        }
        break;
      }
    }
  }
  if (blocks[0]?.kind !== 'title') {
    throw syntaxError(name, 1, 'the template must start with "# Title"', 'il modello deve iniziare con «# Titolo»');
  }
  if (signed && signatureBlocks !== 1) {
    throw syntaxError(
      name,
      lines.at(-1)?.no ?? 1,
      `the template must hold exactly one [[firme]] block (found ${signatureBlocks})`,
      `il modello deve contenere esattamente un blocco [[firme]] (trovati ${signatureBlocks})`,
    );
  }
  return { name, blocks, placeholders: used, lists: usedLists };
}

/** Placeholder values; undefined, empty and blank strings all count as missing. */
export type PlaceholderValues = Readonly<Record<string, string | undefined>>;

export interface FillOptions {
  /** Italian description of each placeholder for error messages ("codice fiscale del paziente"). */
  labels?: Readonly<Record<string, string>>;
  /** For named tick-box rows: the option to tick (0 the first), or null for none. */
  choices?: Readonly<Record<string, number | null>>;
  /** The rows of each [[elenco name]], each row the values of its fields; `labels` names lists too. */
  lists?: Readonly<Record<string, readonly PlaceholderValues[]>>;
}

/** Returns null when an optional placeholder is missing: the caller drops the enclosing block. */
function fillInline(
  template: Template,
  line: number,
  content: Inline[],
  values: PlaceholderValues,
  options: FillOptions,
): Run[] | null {
  const runs: Run[] = [];
  const push = (text: string, bold: boolean): void => {
    const last = runs.at(-1);
    if (last && last.bold === bold) last.text += text;
    else runs.push({ text, bold });
  };
  for (const piece of content) {
    if (piece.kind === 'text') {
      push(piece.text, piece.bold);
      continue;
    }
    const value = (values[piece.name] ?? '').replace(/\s+/g, ' ').trim();
    if (value === '') {
      if (piece.optional) return null;
      const label = options.labels?.[piece.name];
      throw new TemplateError(
        'missing-value',
        template.name,
        line,
        `no value for required placeholder {{${piece.name}}}`,
        `manca il dato richiesto ${label ? `«${label}» ` : ''}({{${piece.name}}})`,
      );
    }
    push(value, piece.bold);
  }
  return runs;
}

/** Fills a parsed template. Throws TemplateError (missing-value) for a required placeholder without value, or a list without rows. */
export function fillTemplate(template: Template, values: PlaceholderValues, options: FillOptions = {}): FilledDocument {
  const fillBlocks = (source: readonly TemplateBlock[], scope: PlaceholderValues): FilledBlock[] => {
    const fill = (line: number, content: Inline[]): Run[] | null => fillInline(template, line, content, scope, options);
    const blocks: FilledBlock[] = [];
    for (const block of source) {
      switch (block.kind) {
        case 'pageBreak':
          blocks.push(block);
          break;
        case 'list': {
          const rows = options.lists?.[block.name];
          if (rows === undefined) {
            const label = options.labels?.[block.name];
            throw new TemplateError(
              'missing-value',
              template.name,
              block.line,
              `no rows given for list [[elenco ${block.name}]]`,
              `manca l'elenco richiesto ${label ? `«${label}» ` : ''}([[elenco ${block.name}]])`,
            );
          }
          if (rows.length === 0) blocks.push(...fillBlocks(block.empty, scope));
          for (const row of rows) blocks.push(...fillBlocks(block.row, { ...scope, ...row }));
          break;
        }
        case 'choices': {
          const filled = block.options.map((o) => fill(block.line, o));
          const checked = block.name === null ? null : (options.choices?.[block.name] ?? null);
          if (filled.every((o): o is Run[] => o !== null)) blocks.push({ ...block, options: filled, checked });
          break;
        }
        case 'signatures': {
          const notes: Note<Run[]>[] = [];
          for (const n of block.notes) {
            const cells = n.cells.map((c) => fill(n.line, c));
            if (cells.every((c): c is Run[] => c !== null)) notes.push({ line: n.line, cells });
          }
          const signers: Signer<Run[]>[] = [];
          for (const s of block.signers) {
            const label = fill(s.line, s.label);
            const caption = fill(s.line, s.caption);
            if (label !== null && caption !== null) signers.push({ line: s.line, label, caption });
          }
          blocks.push({ kind: 'signatures', line: block.line, notes, signers });
          break;
        }
        default: {
          const content = fill(block.line, block.content);
          if (content !== null) blocks.push({ ...block, content });
        }
      }
    }
    return blocks;
  };
  const blocks = fillBlocks(template.blocks, values);
  const title = blocks[0]?.kind === 'title' ? blocks[0].content.map((r) => r.text).join('') : '';
  return { title, blocks };
}
