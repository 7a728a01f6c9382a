// Where a report's values go in the district's Excel templates (public/templates/*.xlsx), as data beside the
// template definitions: one binding per template set, one sheet binding per SheetDef. A district that brings its
// own file writes its own binding; the exporter (src/excel/fill/) reads nothing else about the file's layout.
//
// Conventions of this data:
// - Column letters are Excel letters ("C"); rows are 1-based Excel row numbers.
// - Unit rows run from `firstUnitRow` for `rowsProvided` rows; each of them exists in the template with its styles
//   (empty styled cells, and the percentage formulas), so a filled cell keeps the template's style index.
// - Columns listed in `formulaColumns` hold formulas in every unit row and in the "Cộng" row: never written.
// - The "Cộng" row (`totalRow`) sums exactly the provided unit rows; it receives no values.
// - Header cells are filled from `text`: {COMMITTEE} is the committee's name in upper case (vi-VN), {year} the
//   report's year. `placeholder` is what the unfilled template shows there.
import type { Convention } from '../core/template';

export interface HeaderCell {
  readonly cell: string;
  readonly text: string;
  readonly placeholder: string;
}

export interface UnitColumnsBinding {
  /** The running number, 1, 2, 3 … */
  readonly stt: string;
  /** The unit's name. */
  readonly name: string;
  /** The unit's form (đảng bộ / chi bộ cơ sở), printed as text (`TemplateBinding.texts.form`). */
  readonly form?: string;
  /** The unit's bloc, printed as text (`TemplateBinding.texts.bloc`). */
  readonly bloc?: string;
}

export interface SheetBinding {
  /** The SheetDef id. */
  readonly sheet: string;
  /** The worksheet's name in the file. */
  readonly sheetName: string;
  readonly firstUnitRow: number;
  readonly rowsProvided: number;
  /** The "Cộng" row, right below the last provided unit row; null when the sheet has none (Biểu 01). */
  readonly totalRow: number | null;
  readonly unit: UnitColumnsBinding;
  /** SheetDef column id → column letter. Every column of the SheetDef has one. */
  readonly columns: Readonly<Record<string, string>>;
  /** Column ids whose cells are formulas in the template (the percentages): the exporter leaves them. */
  readonly formulaColumns: readonly string[];
  /** The convention the template's headers and formulas are written for (the sheet's default). */
  readonly convention?: Convention;
  readonly header: { readonly committee: HeaderCell; readonly year: HeaderCell };
}

export interface TemplateBinding {
  readonly templateId: string;
  readonly templateVersion: number;
  /** The template file, relative to public/ (served at the app's base URL). */
  readonly file: string;
  /** The printed text of stored codes, per column id (rating) or unit column (form, bloc). */
  readonly texts: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly sheets: readonly SheetBinding[];
}

/** The rows every built-in sheet uses: header block 1–5, column headers 7–8, column numbers 9, units from 10. */
export const FIRST_UNIT_ROW = 10;
export const ROWS_PROVIDED = 30;
const TOTAL_ROW = FIRST_UNIT_ROW + ROWS_PROVIDED;

const HEADER = {
  committee: { cell: 'A1', text: '{COMMITTEE}', placeholder: 'HUYỆN ỦY ……' },
  year: { cell: 'A5', text: 'Năm {year}', placeholder: 'Năm ……' },
} as const;

const TEXTS = {
  rating: {
    HTXSNV: 'Hoàn thành xuất sắc nhiệm vụ',
    HTTNV: 'Hoàn thành tốt nhiệm vụ',
    HTNV: 'Hoàn thành nhiệm vụ',
    KHTNV: 'Không hoàn thành nhiệm vụ',
    CHUA: 'Chưa xếp loại',
  },
  form: { dang_bo: 'Đảng bộ cơ sở', chi_bo_co_so: 'Chi bộ cơ sở' },
  bloc: {
    xa: 'Xã, thị trấn',
    co_quan: 'Cơ quan',
    luc_luong_vu_trang: 'Lực lượng vũ trang',
    truong_hoc: 'Trường học',
    doanh_nghiep: 'Doanh nghiệp',
    khac: 'Khác',
  },
} as const;

const UNIT = { stt: 'A', name: 'B' } as const;
const PERCENTS = ['pct-x', 'pct-g', 'pct-h', 'pct-k'] as const;

const B01: SheetBinding = {
  sheet: 'b01',
  sheetName: 'Biểu 01',
  firstUnitRow: FIRST_UNIT_ROW,
  rowsProvided: ROWS_PROVIDED,
  totalRow: null,
  unit: { ...UNIT, form: 'C', bloc: 'D' },
  columns: { rating: 'E', note: 'F' },
  formulaColumns: [],
  convention: 'inclusive',
  header: HEADER,
};

const B01_WITH_SCORE: SheetBinding = {
  ...B01,
  columns: { score: 'E', reason: 'F', rating: 'G', note: 'H' },
};

/** Biểu 02, 03, 05: total, rated, the four levels and their percentages. */
function levelSheet(sheet: string, sheetName: string, convention: Convention): SheetBinding {
  return {
    sheet,
    sheetName,
    firstUnitRow: FIRST_UNIT_ROW,
    rowsProvided: ROWS_PROVIDED,
    totalRow: TOTAL_ROW,
    unit: UNIT,
    columns: {
      total: 'C',
      rated: 'D',
      x: 'E',
      g: 'F',
      h: 'G',
      k: 'H',
      'pct-x': 'I',
      'pct-g': 'J',
      'pct-h': 'K',
      'pct-k': 'L',
    },
    formulaColumns: PERCENTS,
    convention,
    header: HEADER,
  };
}

const B04: SheetBinding = {
  sheet: 'b04',
  sheetName: 'Biểu 04',
  firstUnitRow: FIRST_UNIT_ROW,
  rowsProvided: ROWS_PROVIDED,
  totalRow: TOTAL_ROW,
  unit: UNIT,
  columns: {
    total: 'C',
    exempt: 'D',
    pending: 'E',
    rated: 'F',
    x: 'G',
    g: 'H',
    h: 'I',
    k: 'J',
    'pct-x': 'K',
    'pct-g': 'L',
    'pct-h': 'M',
    'pct-k': 'N',
    'pct-cap': 'O',
  },
  formulaColumns: [...PERCENTS, 'pct-cap'],
  convention: 'inclusive',
  header: HEADER,
};

const B06: SheetBinding = {
  sheet: 'b06',
  sheetName: 'Biểu 06',
  firstUnitRow: FIRST_UNIT_ROW,
  rowsProvided: ROWS_PROVIDED,
  totalRow: TOTAL_ROW,
  unit: UNIT,
  columns: { target: 'C', admitted: 'D', 'pct-target': 'E', awareness: 'F', 'members-end': 'G' },
  formulaColumns: ['pct-target'],
  header: HEADER,
};

function sheetsWith(b01: SheetBinding): SheetBinding[] {
  return [
    b01,
    levelSheet('b02', 'Biểu 02', 'inclusive'),
    levelSheet('b03', 'Biểu 03', 'exclusive'),
    B04,
    levelSheet('b05', 'Biểu 05', 'exclusive'),
    B06,
  ];
}

export const TEMPLATE_BINDINGS: readonly TemplateBinding[] = [
  {
    templateId: 'tcd-2019',
    templateVersion: 1,
    file: 'templates/tcd-2019.xlsx',
    texts: TEXTS,
    sheets: sheetsWith(B01),
  },
  {
    templateId: 'tcd-2023',
    templateVersion: 1,
    file: 'templates/tcd-2023.xlsx',
    texts: TEXTS,
    sheets: sheetsWith(B01),
  },
  {
    templateId: 'tcd-2025',
    templateVersion: 1,
    file: 'templates/tcd-2025.xlsx',
    texts: TEXTS,
    sheets: sheetsWith(B01_WITH_SCORE),
  },
];

export function bindingFor(templateId: string): TemplateBinding | undefined {
  return TEMPLATE_BINDINGS.find((b) => b.templateId === templateId);
}
