// The parts of an .xlsx package the fast reader needs, found the way SheetJS 0.18.5's parse_zip finds them:
// [Content_Types].xml names the workbook, the shared strings, the styles and the custom properties; the
// workbook lists the sheets; its relationships give each sheet's part. Only those entries are inflated (zip-entries.ts). Anything
// off the common path (another workbook part, a chart sheet, a part SheetJS would look up by another case,
// date1904, strict OOXML) is Unsupported, and SheetJS reads the file instead.
import {
  decodeUtf8,
  parseXmlBool,
  parseXmlTag,
  stripNamespace,
  TAG_REGEX,
  unescapeXml,
  unsupported,
} from './sheetjs-xml';
import { inflateEntry, listZipEntries, type ZipEntry } from './zip-entries';

export interface PackageSheet {
  name: string;
  /** 1 hidden, 2 very hidden, 0 visible (SheetJS's `Hidden`). */
  hidden: 0 | 1 | 2;
  path: string;
}

export interface XlsxPackage {
  sheets: PackageSheet[];
  /** Inflated bytes of each part read, by path. */
  parts: Map<string, Uint8Array>;
  sharedStrings: string | null;
  styles: string | null;
  /** Raw bytes: SheetJS reads custom properties without decoding their UTF-8 (see convert.ts repairUtf8). */
  customProps: Uint8Array | null;
}

const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const WORKSHEET_RELS = [
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  'http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet',
];
const WORKBOOK_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.ms-excel.sheet.binary.macroEnabled.main',
  'application/vnd.ms-excel.addin.macroEnabled.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
]);
const PART_TYPES: Record<string, 'strs' | 'styles' | 'custprops'> = {
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml': 'strs',
  'application/vnd.ms-excel.sharedStrings': 'strs',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml': 'styles',
  'application/vnd.ms-excel.styles': 'styles',
  'application/vnd.openxmlformats-officedocument.custom-properties+xml': 'custprops',
};
/** Entries whose presence makes SheetJS read the zip as something other than an .xlsx. */
const OTHER_FORMATS = ['meta-inf/manifest.xml', 'objectdata.xml', 'index/document.iwa'];
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';

/** Entries worth inflating: the package's XML parts outside the sheets' own relationships and drawings. */
function isWanted(name: string): boolean {
  return (
    name === '[Content_Types].xml' ||
    name === WORKBOOK_RELS ||
    name === 'docProps/custom.xml' ||
    /^xl\/[^/]+\.xml$/.test(name) ||
    /^xl\/worksheets\/[^/]+\.xml$/.test(name)
  );
}

export async function openPackage(bytes: Uint8Array): Promise<XlsxPackage> {
  const lowerNames = new Set<string>();
  const wanted: ZipEntry[] = [];
  for (const entry of listZipEntries(bytes)) {
    const lower = entry.name.toLowerCase();
    // SheetJS finds parts whatever their case; two names that differ only by case could be read either way.
    if (lowerNames.has(lower)) unsupported('two entries differ only by case');
    lowerNames.add(lower);
    if (isWanted(entry.name)) wanted.push(entry);
  }
  if (OTHER_FORMATS.some((name) => lowerNames.has(name))) unsupported('not an .xlsx package');
  const inflated = await Promise.all(wanted.map((entry) => inflateEntry(bytes, entry)));
  const parts = new Map(wanted.map((entry, i) => [entry.name, inflated[i] ?? new Uint8Array(0)]));
  const text = (path: string) => {
    const part = parts.get(path);
    if (!part) return unsupported(`missing part ${path}`);
    return decodeUtf8(part);
  };

  const types = contentTypes(text('[Content_Types].xml'));
  if (types.workbooks[0] !== `/${WORKBOOK}`) unsupported('workbook part');
  const rels = relationships(text(WORKBOOK_RELS));
  const sheets = workbookSheets(text(WORKBOOK)).map((sheet): PackageSheet => {
    const rel = rels.get(sheet.id);
    if (!rel || !WORKSHEET_RELS.includes(rel.type)) return unsupported('sheet relationship');
    const path = 'xl/' + rel.target.replace(/[/]?xl\//, '');
    if (!parts.has(path)) unsupported(`sheet part ${path}`);
    return { name: sheet.name, hidden: sheet.hidden, path };
  });
  const optional = (path: string | undefined) => {
    if (path === undefined) return null;
    if (!path.endsWith('.xml')) unsupported(`binary part ${path}`);
    return path.replace(/^\//, '');
  };
  const strs = optional(types.strs[0]);
  const styles = optional(types.styles[0]);
  const custom = optional(types.custprops[0]);
  const customBytes = custom === null ? null : parts.get(custom);
  if (customBytes === undefined) unsupported('missing custom properties');
  return {
    sheets,
    parts,
    sharedStrings: strs === null ? null : text(strs),
    styles: styles === null ? null : text(styles),
    customProps: customBytes,
  };
}

/** parse_ct, for the part types read here. */
function contentTypes(xml: string) {
  const out = {
    workbooks: [] as string[],
    strs: [] as string[],
    styles: [] as string[],
    custprops: [] as string[],
  };
  let xmlns: string | undefined;
  for (const tag of xml.match(TAG_REGEX) ?? []) {
    const y = parseXmlTag(tag);
    const name = (y[0] ?? '').replace(/<\w*:/, '<');
    if (name === '<Types') xmlns = y['xmlns' + ((/<(\w+):/.exec(y[0] ?? '') ?? ['', ''])[1] ?? '')];
    else if (name === '<Override' && y.ContentType !== undefined && y.PartName !== undefined) {
      if (WORKBOOK_TYPES.has(y.ContentType)) out.workbooks.push(y.PartName);
      const kind = PART_TYPES[y.ContentType];
      if (kind) out[kind].push(y.PartName);
    }
  }
  if (xmlns !== CONTENT_TYPES_NS) unsupported('content types namespace');
  return out;
}

/** parse_rels: relationship id → type and target. */
function relationships(xml: string): Map<string, { type: string; target: string }> {
  const out = new Map<string, { type: string; target: string }>();
  for (const tag of xml.match(TAG_REGEX) ?? []) {
    const y = parseXmlTag(tag);
    if (y[0] !== '<Relationship') continue;
    if (y.Id === undefined || y.Type === undefined || y.Target === undefined) unsupported('relationship');
    out.set(y.Id, { type: y.Type, target: y.Target });
  }
  return out;
}

/** The <sheet> entries of parse_wb_xml, with the checks that decide whether SheetJS reads them as we do. */
function workbookSheets(xml: string): { name: string; hidden: 0 | 1 | 2; id: string }[] {
  const sheets: { name: string; hidden: 0 | 1 | 2; id: string }[] = [];
  let xmlns: string | undefined;
  for (const tag of xml.match(TAG_REGEX) ?? []) {
    const y = parseXmlTag(tag);
    const name = stripNamespace(y[0] ?? '');
    if (name !== (y[0] ?? '')) unsupported('prefixed workbook');
    if (name === '<workbook') xmlns = y.xmlns;
    else if (name === '<workbookPr' || name === '<workbookPr/>') {
      // The dates of a 1904 workbook would format differently.
      if (parseXmlBool(y.date1904)) unsupported('date1904');
    } else if (name === '<sheet') {
      const id = y.id ?? y.strRelID;
      if (y.name === undefined || id === undefined) return unsupported('sheet without a name or id');
      const hidden = y.state === 'hidden' ? 1 : y.state === 'veryHidden' ? 2 : 0;
      sheets.push({ name: unescapeXml(y.name), hidden, id });
    }
  }
  if (xmlns !== MAIN_NS) unsupported('workbook namespace');
  const names = new Set(sheets.map((s) => s.name));
  // SheetJS keys sheets by name: a repeated name, or one that is Object.prototype's, is not read one for one.
  if (names.size !== sheets.length || names.has('__proto__') || sheets.length === 0)
    unsupported('sheet names');
  return sheets;
}
