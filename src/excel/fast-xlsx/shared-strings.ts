// The shared string table and inline strings, as SheetJS 0.18.5's parse_sst_xml and parse_si read them (same
// regular expressions, on text already decoded from UTF-8: SheetJS decodes before it unescapes here, so the order
// is the same). Rich text is its runs' <t> joined; phonetic runs (<rPh>) are left out.
import { TAG_REGEX, unescapeXml } from './sheetjs-xml';

const SIMPLE_T = /^\s*<(?:\w+:)?t[^>]*>/;
const T_END = /<\/(?:\w+:)?t>/;
const RUN = /<(?:\w+:)?r>/;
const RUN_T = /<(?:\w+:)?t[^>]*>([^<]*)<\/(?:\w+:)?t>/g;
const PHONETIC_RUN = /<(?:\w+:)?rPh.*?>([\s\S]*?)<\/(?:\w+:)?rPh>/g;

/** parse_si's text: undefined when the item is neither plain nor rich text (SheetJS then has no value). */
export function stringItemText(x: string): string | undefined {
  if (!x) return '';
  if (SIMPLE_T.test(x)) return unescapeXml(x.slice(x.indexOf('>') + 1).split(T_END)[0] || '');
  if (RUN.test(x))
    return unescapeXml((x.replace(PHONETIC_RUN, '').match(RUN_T) || []).join('').replace(TAG_REGEX, ''));
  return undefined;
}

const SST = /<(?:\w+:)?sst([^>]*)>([\s\S]*)<\/(?:\w+:)?sst>/;
const ITEM_START = /<(?:\w+:)?(?:si|sstItem)>/g;
const ITEM_END = /<\/(?:\w+:)?(?:si|sstItem)>/;

export function parseSharedStrings(xml: string): (string | undefined)[] {
  const sst = SST.exec(xml);
  if (!sst) return [];
  return (sst[2] ?? '')
    .replace(ITEM_START, '')
    .split(ITEM_END)
    .map((item) => stringItemText(item.trim()));
}
