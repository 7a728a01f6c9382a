// The member list downloaded as an Excel file: the member-list template (public/templates/members.xlsx) filled by
// the same patcher as the district forms, so its styles, header and print setup stay; rows beyond the three the
// template provides are inserted with the last one's style, and the print area grows over them.
import { MARKER } from '../core/import-plan';
import type { MemberRows } from '../core/list/member-table';
import type { CellValue, ReportMeta } from '../core/model';
import { MEMBER_TEXTS, MEMBERS_LAYOUT } from '../templates/members-layout';
import { fillWorkbook, sheetPathsByName } from './fill';

export interface MembersExport {
  readonly meta: ReportMeta;
  /** Row ids in the order to print (the list's order). */
  readonly order: readonly string[];
  readonly rows: MemberRows;
}

export function exportMembersWorkbook(req: MembersExport, templateBytes: Uint8Array): Uint8Array {
  const L = MEMBERS_LAYOUT;
  const path = sheetPathsByName(templateBytes).get(L.sheetName);
  if (!path) throw new Error(`${L.file} has no worksheet named "${L.sheetName}"`);
  const unitName = new Map(req.meta.units.map((u) => [u.id, u.name]));
  const members = req.order.filter((id) => req.rows.has(id));
  const printed = Math.max(members.length, L.rowsProvided);
  const values: (number | string | null)[] = [];
  for (let i = 0; i < printed; i++) {
    const row = members[i] === undefined ? undefined : req.rows.get(members[i] ?? '');
    for (const col of L.columns) values.push(row ? cellText(col.id, i, row[col.id] ?? null, unitName) : null);
  }
  const extra = members.length - L.rowsProvided;
  const last = L.firstRow + L.rowsProvided - 1;
  return fillWorkbook(
    templateBytes,
    [
      {
        sheetPath: path,
        cells: [
          {
            ref: 'A1',
            value: L.committeeText.replace('{COMMITTEE}', req.meta.committee.name.toLocaleUpperCase('vi')),
          },
          { ref: 'A2', value: L.titleText.replace('{year}', String(req.meta.year)) },
        ],
        block: { firstRow: L.firstRow, columns: L.columns.map((c) => c.letter), values },
        ...(extra > 0 ? { insertRows: { after: last - 1, count: extra, styleFrom: last } } : {}),
      },
    ],
    {
      customProps: {
        [MARKER.template]: L.templateId,
        [MARKER.templateVersion]: String(L.version),
        [MARKER.year]: String(req.meta.year),
        [MARKER.committee]: req.meta.committee.name,
      },
    },
  );
}

function cellText(
  col: string,
  index: number,
  value: CellValue,
  unitName: ReadonlyMap<string, string>,
): number | string | null {
  if (col === 'stt') return index + 1;
  if (value === null) return null;
  if (col === 'unit' && typeof value === 'string') return unitName.get(value) ?? value;
  if (typeof value === 'string') {
    const text = MEMBER_TEXTS[col]?.[value];
    if (text !== undefined) return text === '' ? null : text;
  }
  return value;
}
