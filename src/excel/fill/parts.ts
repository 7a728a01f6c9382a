// The package-level parts the patcher touches besides worksheets: xl/workbook.xml (sheet list, calcPr, defined
// names), the relationship parts, [Content_Types].xml and docProps/custom.xml. Each edit is a splice into the
// original text, so attributes and elements the patcher does not own stay exactly as written.
import { rewriteFormula, type RefRewriter } from './refs';
import {
  applySplices,
  attr,
  escapeAttr,
  escapeText,
  localName,
  prefixOf,
  startTag,
  unescapeXml,
  withAttr,
  XmlScanner,
  type OpenToken,
  type Splice,
} from './xml';

export interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

export function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  const scanner = new XmlScanner(xml);
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'open' && localName(tok.name) === 'Relationship') {
      out.push({
        id: unescapeXml(attr(tok, 'Id') ?? ''),
        type: unescapeXml(attr(tok, 'Type') ?? ''),
        target: unescapeXml(attr(tok, 'Target') ?? ''),
        external: attr(tok, 'TargetMode') === 'External',
      });
    }
  }
  return out;
}

/** The rels part of a part ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels"). */
export function relsPathOf(partPath: string): string {
  const slash = partPath.lastIndexOf('/');
  return `${partPath.slice(0, slash + 1)}_rels/${partPath.slice(slash + 1)}.rels`;
}

/** A relationship target resolved against the part that holds it, as a zip entry name. */
export function resolveTarget(fromPart: string, target: string): string {
  const base = target.startsWith('/') ? [] : fromPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

export interface WorkbookSheet {
  readonly name: string;
  readonly path: string;
  readonly index: number;
}

export function parseWorkbookSheets(
  workbookPath: string,
  workbookXml: string,
  relsXml: string,
): WorkbookSheet[] {
  const rels = new Map(parseRels(relsXml).map((r) => [r.id, r]));
  const out: WorkbookSheet[] = [];
  const scanner = new XmlScanner(workbookXml);
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind !== 'open' || localName(tok.name) !== 'sheet') continue;
    const id = tok.attrs.find((a) => a.name.includes(':') && localName(a.name) === 'id')?.value;
    const rel = id !== undefined ? rels.get(unescapeXml(id)) : undefined;
    const name = unescapeXml(attr(tok, 'name') ?? '');
    if (rel && !rel.external)
      out.push({ name, path: resolveTarget(workbookPath, rel.target), index: out.length });
  }
  return out;
}

/** Order of <workbook> children after calcPr (CT_Workbook), to place a new <calcPr>. */
const AFTER_CALC_PR = new Set([
  'oleSize',
  'customWorkbookViews',
  'pivotCaches',
  'smartTagPr',
  'smartTagTypes',
  'webPublishing',
  'fileRecoveryPr',
  'webPublishObjects',
  'extLst',
]);

/**
 * Sets <calcPr fullCalcOnLoad="1"/> and rewrites the references of every <definedName> with `rewriteName`
 * (null: leave them). Returns the original string when nothing changed.
 */
export function patchWorkbookXml(xml: string, rewriteName: RefRewriter | null): string {
  const splices: Splice[] = [];
  const scanner = new XmlScanner(xml);
  let depth = 0;
  let root: OpenToken | null = null;
  let calcPrSeen = false;
  let insertAt = -1;
  let inDefinedName = false;
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'open') {
      const local = localName(tok.name);
      if (depth === 0) root = tok;
      if (depth === 1) {
        if (local === 'calcPr') {
          calcPrSeen = true;
          if (attr(tok, 'fullCalcOnLoad') !== '1') {
            splices.push({
              start: tok.start,
              end: tok.end,
              text: startTag(tok.name, withAttr(tok.attrs, 'fullCalcOnLoad', '1'), tok.selfClosing),
            });
          }
        } else if (insertAt < 0 && AFTER_CALC_PR.has(local)) insertAt = tok.start;
      }
      if (local === 'definedName' && !tok.selfClosing) inDefinedName = true;
      if (!tok.selfClosing) depth++;
    } else if (tok.kind === 'close') {
      depth--;
      inDefinedName = false;
      if (depth === 0 && insertAt < 0) insertAt = tok.start;
    } else if (tok.kind === 'text' && inDefinedName && rewriteName) {
      const text = unescapeXml(xml.slice(tok.start, tok.end));
      const next = rewriteFormula(text, rewriteName);
      if (next !== text) splices.push({ start: tok.start, end: tok.end, text: escapeText(next) });
    }
  }
  if (!root) throw new Error('xl/workbook.xml: empty');
  if (!calcPrSeen) {
    if (insertAt < 0) throw new Error('xl/workbook.xml: no closing </workbook>');
    splices.push({
      start: insertAt,
      end: insertAt,
      text: `<${prefixOf(root.name)}calcPr fullCalcOnLoad="1"/>`,
    });
  }
  return splices.length === 0 ? xml : applySplices(xml, splices);
}

const CUSTOM_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties';
const VT_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes';
const FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';
export const CUSTOM_PROPS_TYPE =
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
export const CUSTOM_PROPS_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.custom-properties+xml';

/** docProps/custom.xml with `props` set as text properties (existing names, compared case-insensitively, replaced). */
export function upsertCustomProps(xml: string | null, props: Readonly<Record<string, string>>): string {
  const entries = Object.entries(props);
  if (xml === null) {
    let out = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties xmlns="${CUSTOM_NS}" xmlns:vt="${VT_NS}">`;
    entries.forEach(([name, value], i) => {
      out += `<property fmtid="${FMTID}" pid="${i + 2}" name="${escapeAttr(name)}"><vt:lpwstr>${escapeText(value)}</vt:lpwstr></property>`;
    });
    return out + '</Properties>';
  }
  const splices: Splice[] = [];
  const scanner = new XmlScanner(xml);
  let root: OpenToken | null = null;
  let depth = 0;
  let maxPid = 1;
  let vt: string | null = null;
  let current: { name: string; openEnd: number } | null = null;
  const done = new Set<string>();
  const wanted = new Map(entries.map(([k, v]) => [k.toLowerCase(), v]));
  let rootCloseStart = -1;
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'open') {
      if (depth === 0) {
        root = tok;
        for (const a of tok.attrs) if (a.name.startsWith('xmlns:') && a.value === VT_NS) vt = a.name.slice(6);
      }
      if (depth === 1 && localName(tok.name) === 'property') {
        const pid = Number(attr(tok, 'pid'));
        if (Number.isFinite(pid)) maxPid = Math.max(maxPid, pid);
        const name = unescapeXml(attr(tok, 'name') ?? '');
        if (tok.selfClosing) {
          const value = wanted.get(name.toLowerCase());
          if (value !== undefined) {
            done.add(name.toLowerCase());
            splices.push({
              start: tok.start,
              end: tok.end,
              text: `${startTag(tok.name, tok.attrs, false)}${lpwstr(value)}</${tok.name}>`,
            });
          }
        } else current = { name, openEnd: tok.end };
      }
      if (!tok.selfClosing) depth++;
    } else if (tok.kind === 'close') {
      depth--;
      if (depth === 1 && current && localName(tok.name) === 'property') {
        const value = wanted.get(current.name.toLowerCase());
        if (value !== undefined) {
          done.add(current.name.toLowerCase());
          splices.push({ start: current.openEnd, end: tok.start, text: lpwstr(value) });
        }
        current = null;
      }
      if (depth === 0) rootCloseStart = tok.start;
    }
  }
  if (!root || rootCloseStart < 0) throw new Error('docProps/custom.xml: malformed');
  const rootTag = root;
  if (vt === null) {
    vt = 'vt';
    splices.push({
      start: rootTag.start,
      end: rootTag.end,
      text: startTag(rootTag.name, withAttr(rootTag.attrs, 'xmlns:vt', VT_NS), false),
    });
  }
  let added = '';
  for (const [name, value] of entries) {
    if (done.has(name.toLowerCase())) continue;
    done.add(name.toLowerCase());
    maxPid++;
    const p = prefixOf(rootTag.name);
    added += `<${p}property fmtid="${FMTID}" pid="${maxPid}" name="${escapeAttr(name)}">${lpwstr(value)}</${p}property>`;
  }
  if (added) splices.push({ start: rootCloseStart, end: rootCloseStart, text: added });
  return splices.length === 0 ? xml : applySplices(xml, splices);

  function lpwstr(value: string): string {
    return `<${vt ?? 'vt'}:lpwstr>${escapeText(value)}</${vt ?? 'vt'}:lpwstr>`;
  }
}

/** [Content_Types].xml with an Override for `partName` ("/docProps/custom.xml") when it has none. */
export function ensureOverride(xml: string, partName: string, contentType: string): string {
  const scanner = new XmlScanner(xml);
  let root: OpenToken | null = null;
  let depth = 0;
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'open') {
      if (depth === 0) root = tok;
      if (
        localName(tok.name) === 'Override' &&
        unescapeXml(attr(tok, 'PartName') ?? '').toLowerCase() === partName.toLowerCase()
      ) {
        return xml;
      }
      if (!tok.selfClosing) depth++;
    } else if (tok.kind === 'close' && --depth === 0 && root) {
      const text = `<${prefixOf(root.name)}Override PartName="${escapeAttr(partName)}" ContentType="${escapeAttr(contentType)}"/>`;
      return applySplices(xml, [{ start: tok.start, end: tok.start, text }]);
    }
  }
  throw new Error('[Content_Types].xml: malformed');
}

/** A rels part with a relationship of `type` to `target` when it has none; `null` → a new rels part. */
export function ensureRelationship(
  xml: string | null,
  fromPart: string,
  type: string,
  target: string,
): string {
  if (xml === null) {
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      `<Relationship Id="rId1" Type="${type}" Target="${escapeAttr(target)}"/></Relationships>`
    );
  }
  const wantedPath = resolveTarget(fromPart, target);
  const rels = parseRels(xml);
  if (rels.some((r) => !r.external && r.type === type && resolveTarget(fromPart, r.target) === wantedPath))
    return xml;
  const ids = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (ids.has(`rId${n}`)) n++;
  const scanner = new XmlScanner(xml);
  let root: OpenToken | null = null;
  let depth = 0;
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'open') {
      if (depth === 0) root = tok;
      if (!tok.selfClosing) depth++;
      else if (depth === 0) {
        const p = prefixOf(tok.name);
        const text = `${startTag(tok.name, tok.attrs, false)}<${p}Relationship Id="rId${n}" Type="${type}" Target="${escapeAttr(target)}"/></${tok.name}>`;
        return applySplices(xml, [{ start: tok.start, end: tok.end, text }]);
      }
    } else if (tok.kind === 'close' && --depth === 0 && root) {
      const text = `<${prefixOf(root.name)}Relationship Id="rId${n}" Type="${type}" Target="${escapeAttr(target)}"/>`;
      return applySplices(xml, [{ start: tok.start, end: tok.start, text }]);
    }
  }
  throw new Error(`${relsPathOf(fromPart)}: malformed`);
}

/** Calls `visit` with the decoded text of every element whose local name is in `names`, and its open tag. */
export function eachElementText(
  xml: string,
  names: ReadonlySet<string>,
  visit: (text: string, open: OpenToken, ancestors: readonly string[]) => void,
): void {
  const scanner = new XmlScanner(xml);
  const stack: OpenToken[] = [];
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'open') {
      if (!tok.selfClosing) stack.push(tok);
    } else if (tok.kind === 'close') stack.pop();
    else if (tok.kind === 'text') {
      const top = stack[stack.length - 1];
      if (top && names.has(localName(top.name))) {
        visit(
          unescapeXml(xml.slice(tok.start, tok.end)),
          top,
          stack.map((t) => localName(t.name)),
        );
      }
    }
  }
}

/** Calls `visit` for every start tag. */
export function eachStartTag(
  xml: string,
  visit: (open: OpenToken, ancestors: readonly string[]) => void,
): void {
  const scanner = new XmlScanner(xml);
  const stack: string[] = [];
  for (let tok = scanner.next(); tok; tok = scanner.next()) {
    if (tok.kind === 'open') {
      visit(tok, stack);
      if (!tok.selfClosing) stack.push(localName(tok.name));
    } else if (tok.kind === 'close') stack.pop();
  }
}
