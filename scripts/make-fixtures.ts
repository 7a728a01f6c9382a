// Writes the import fixtures into tests/fixtures/import/: small real files, each named by the edge case it holds
// (see the README there). Deterministic: fixed dates and properties, so running it again changes no byte.
//   npx tsx scripts/make-fixtures.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync, zlibSync } from 'fflate';
import type { CellObject, WorkBook, WorkSheet } from 'xlsx';
import sample from '../src/templates/samples/tan-hong-2022.json';

// Node loads xlsx as CommonJS, whose ESM named exports miss CFB; the CommonJS object has everything.
const XLSX = createRequire(import.meta.url)('xlsx') as typeof import('xlsx');

/** The part of SheetJS's bundled CFB library used here (its typings say `any`). */
interface CfbApi {
  utils: { cfb_new(): unknown; cfb_add(cfb: unknown, path: string, content: Uint8Array): void };
  write(cfb: unknown, options: { type: 'array' }): ArrayLike<number>;
}
const CFB = XLSX.CFB as CfbApi;

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures', 'import');
const FIXED_DATE = new Date(Date.UTC(2023, 0, 10, 8, 0, 0));
const PERCENT = '0.00%';

type Value = string | number | null | CellObject;

// --- workbooks written by SheetJS ------------------------------------------------------------------

function sheet(rows: Value[][], merges: string[] = []): WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet(rows);
  if (merges.length > 0) ws['!merges'] = merges.map((m) => XLSX.utils.decode_range(m));
  return ws;
}

function book(sheets: [string, WorkSheet][], custom?: Record<string, string>): WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of sheets) XLSX.utils.book_append_sheet(wb, ws, name);
  wb.Props = {
    Title: 'Tổng hợp — fixture',
    Author: 'Tổng hợp',
    CreatedDate: FIXED_DATE,
    ModifiedDate: FIXED_DATE,
  };
  if (custom) wb.Custprops = custom;
  return wb;
}

function write(wb: WorkBook, bookType: 'xlsx' | 'ods' | 'biff8'): Uint8Array {
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType, compression: true }) as Buffer);
}

/** A formula cell with its cached value, as Excel saves it. */
function formula(f: string, v: number, z?: string): CellObject {
  return z === undefined ? { t: 'n', v, f } : { t: 'n', v, f, z };
}

function percentValue(v: number): CellObject {
  return { t: 'n', v: Math.round(v * 10_000) / 10_000, z: PERCENT };
}

const col = (c: number): string => XLSX.utils.encode_col(c);

// --- Biểu 04, as the district lays it out ------------------------------------------------------------

const B04_LEVELS = [
  'Hoàn thành xuất sắc nhiệm vụ',
  'Hoàn thành tốt nhiệm vụ (gồm xuất sắc)',
  'Hoàn thành nhiệm vụ',
  'Không hoàn thành nhiệm vụ',
];
const B04_SHARES = ['Xuất sắc', 'Tốt', 'Hoàn thành', 'Không hoàn thành'];

function bieu04(year: number, committee: string, units: typeof sample.dang_vien): WorkSheet {
  const n = units.length;
  const first = 7; // Excel row of the first unit
  const last = first + n - 1;
  const total = last + 1;
  const rows: Value[][] = [
    [
      committee.toUpperCase(),
      null,
      null,
      'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI ĐẢNG VIÊN',
      ...blank(8),
      'Biểu số 04',
    ],
    ['BAN TỔ CHỨC', null, null, `Năm ${year}`],
    [],
    [
      'STT',
      'Tên tổ chức cơ sở đảng',
      'Tổng số đảng viên',
      'Miễn đánh giá',
      'Chưa đánh giá',
      'Được đánh giá',
      'Kết quả xếp loại',
      ...blank(3),
      'Tỷ lệ (%)',
      ...blank(3),
      'Xuất sắc / tốt (%)',
    ],
    [...blank(6), ...B04_LEVELS, ...B04_SHARES],
    [
      '(1)',
      '(2)',
      '(3) = (4) + (5) + (6)',
      '(4)',
      '(5)',
      '(6) = (8) + (9) + (10)',
      ...['(7)', '(8)', '(9)', '(10)', '(11)', '(12)', '(13)', '(14)', '(15)'],
    ],
  ];
  units.forEach((u, i) => {
    const r = first + i;
    const counts = [u.tong_so, u.mien, u.chua_danh_gia, u.duoc_danh_gia, u.htxs, u.htt_gom_xs, u.ht, u.kht];
    rows.push([
      i + 1,
      u.unit,
      ...counts,
      ...b04Shares(r, u.duoc_danh_gia, [u.htxs, u.htt_gom_xs, u.ht, u.kht]),
    ]);
  });
  const sum = (c: number) => units.reduce((s, u) => s + b04Counts(u)[c - 2]!, 0);
  const totals = [2, 3, 4, 5, 6, 7, 8, 9].map((c) =>
    formula(`SUM(${col(c)}${first}:${col(c)}${last})`, sum(c)),
  );
  rows.push([null, 'Cộng', ...totals, ...b04Shares(total, sum(5), [sum(6), sum(7), sum(8), sum(9)])]);
  rows.push([]);
  rows.push([...blank(10), `Tân Hồng, ngày 10 tháng 01 năm ${year + 1}`]);
  rows.push([null, 'NGƯỜI LẬP BIỂU', ...blank(9), 'TRƯỞNG BAN']);
  const header = ['A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:E5', 'F4:F5', 'G4:J4', 'K4:N4', 'O4:O5'];
  return sheet(rows, ['A1:C1', 'D1:L1', 'M1:O1', 'A2:C2', 'D2:L2', ...header, `K${total + 2}:O${total + 2}`]);
}

function b04Counts(u: (typeof sample.dang_vien)[number]): number[] {
  return [u.tong_so, u.mien, u.chua_danh_gia, u.duoc_danh_gia, u.htxs, u.htt_gom_xs, u.ht, u.kht];
}

/** The share columns as formulas over the row's counts (K..N over F; O = G / H), with cached values. */
function b04Shares(row: number, rated: number, [x, g, h, k]: number[]): CellObject[] {
  const share = (num: number, den: number) => (den === 0 ? 0 : num / den);
  return [
    formula(`G${row}/F${row}`, share(x!, rated), PERCENT),
    formula(`H${row}/F${row}`, share(g!, rated), PERCENT),
    formula(`I${row}/F${row}`, share(h!, rated), PERCENT),
    formula(`J${row}/F${row}`, share(k!, rated), PERCENT),
    formula(`G${row}/H${row}`, share(x!, g!), PERCENT),
  ];
}

function blank(n: number): null[] {
  return Array.from({ length: n }, () => null);
}

function checkPublishedTotals(): void {
  const t = sample.published_totals.dang_vien;
  const sum = (key: 'tong_so' | 'duoc_danh_gia' | 'htxs' | 'htt_gom_xs' | 'ht' | 'kht') =>
    sample.dang_vien.reduce((s, u) => s + u[key], 0);
  const pairs: [number, number][] = [
    [sum('tong_so'), t.tong_so],
    [sum('duoc_danh_gia'), t.duoc_danh_gia],
    [sum('htxs'), t.htxs],
    [sum('htt_gom_xs'), t.htt_gom_xs],
    [sum('ht'), t.ht],
    [sum('kht'), t.kht_suy_ra],
  ];
  if (pairs.some(([a, b]) => a !== b))
    throw new Error('the sample no longer adds up to the published totals');
}

// --- Biểu 03 with a wrong percentage ------------------------------------------------------------------

/** Collectives (exclusive convention). The "Cộng" row says HTNV 2,47 %; 2/89 is 2,25 % (DOMAIN §5). */
function bieu03WrongPercent(): WorkSheet {
  const rows: Value[][] = [
    [
      'HUYỆN ỦY TÂN HỒNG',
      null,
      null,
      'TỔNG HỢP KẾT QUẢ XẾP LOẠI TẬP THỂ LÃNH ĐẠO, QUẢN LÝ',
      ...blank(5),
      'Biểu số 03',
    ],
    ['BAN TỔ CHỨC', null, null, 'Năm 2022'],
    [],
    [
      'STT',
      'Tên tổ chức cơ sở đảng',
      'Tổng số tập thể',
      'Được đánh giá',
      'Kết quả xếp loại',
      ...blank(3),
      'Tỷ lệ (%)',
    ],
    [...blank(4), 'HTXSNV', 'HTTNV', 'HTNV', 'KHTNV', 'Xuất sắc', 'Tốt', 'Hoàn thành', 'Không hoàn thành'],
  ];
  const totals = [0, 0, 0, 0, 0, 0];
  sample.tap_the.forEach((u, i) => {
    const rated = u.htxs + u.htt_khong_gom_xs + u.ht + u.kht;
    const counts = [u.tong_so, rated, u.htxs, u.htt_khong_gom_xs, u.ht, u.kht];
    counts.forEach((v, c) => (totals[c]! += v));
    const shares = [u.htxs, u.htt_khong_gom_xs, u.ht, u.kht].map((v) => percentValue(v / rated));
    rows.push([i + 1, u.unit, ...counts, ...shares]);
  });
  const [, rated = 0, x = 0, g = 0, h = 0, k = 0] = totals;
  if (rated !== 89 || h !== 2) throw new Error('the sample collectives no longer total 89 with 2 HTNV');
  const wrongH: CellObject = { t: 'n', v: 0.0247, z: PERCENT }; // the right value is 2/89 = 0.0225
  rows.push([
    null,
    'Cộng',
    ...totals,
    percentValue(x / rated),
    percentValue(g / rated),
    wrongH,
    percentValue(k / rated),
  ]);
  return sheet(rows, ['A1:C1', 'D1:I1', 'A2:C2', 'A4:A5', 'B4:B5', 'C4:C5', 'D4:D5', 'E4:H4', 'I4:L4']);
}

// --- small edge cases ---------------------------------------------------------------------------------

const SHORT_HEADER = [
  'STT',
  'Tên tổ chức cơ sở đảng',
  'Tổng số đảng viên',
  'Được đánh giá',
  'HTXSNV',
  'HTTNV',
  'Tỷ lệ tốt',
];

function numbersAsText(): WorkSheet {
  // Counts and percentages typed as text the way staff paste them (DOMAIN §7), next to real numbers.
  return sheet([
    SHORT_HEADER,
    [1, 'Đảng bộ thị trấn Sa Rài', '306', '250', '35', '237', '94,80%'],
    [2, 'Đảng bộ xã An Phước', '272', '222', '31', '210', '94,59 %'],
    [3, 'Đảng bộ xã Bình Phú', 293, 239, 33, 226, percentValue(226 / 239)],
    [null, 'Cộng', '3.328', '2.816', '392', '2 682', '95,24'],
    [null, 'Cách viết khác', '3,328', '2.816,0', ' 392 ', '2682', '95.24%'],
  ]);
}

function hiddenRows(): WorkSheet {
  const rows: Value[][] = [SHORT_HEADER];
  sample.dang_vien.slice(0, 6).forEach((u, i) => {
    rows.push([
      i + 1,
      u.unit,
      u.tong_so,
      u.duoc_danh_gia,
      u.htxs,
      u.htt_gom_xs,
      percentValue(u.htt_gom_xs / u.duoc_danh_gia),
    ]);
  });
  const ws = sheet(rows);
  ws['!rows'] = [{}, {}, {}, { hidden: true }, { hidden: true }]; // Excel rows 4 and 5
  return ws;
}

function hiddenSheets(): WorkBook {
  const wb = book([
    ['Biểu 04', sheet([SHORT_HEADER, [1, 'Đảng bộ thị trấn Sa Rài', 306, 250, 35, 237, null]])],
    ['Biểu 04 (2021)', sheet([SHORT_HEADER, [1, 'Đảng bộ thị trấn Sa Rài', 298, 241, 30, 229, null]])],
    ['Danh mục', sheet([['HTXSNV'], ['HTTNV'], ['HTNV'], ['KHTNV']])],
  ]);
  wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }, { Hidden: 2 }] };
  return wb;
}

/** Biểu 02's header on three levels, every level merged. */
function mergedHeader(): WorkSheet {
  const levels = ['HTXSNV', 'HTTNV (gồm xuất sắc)', 'HTNV', 'KHTNV'];
  const rows: Value[][] = [
    ['STT', 'Tên đảng bộ cơ sở', 'Chi bộ trực thuộc', ...blank(9)],
    [
      null,
      null,
      'Tổng số chi bộ',
      'Được đánh giá',
      'Kết quả xếp loại',
      ...blank(3),
      'Tỷ lệ (%)',
      ...blank(3),
    ],
    [...blank(4), ...levels, 'Xuất sắc', 'Tốt', 'Hoàn thành', 'Không hoàn thành'],
  ];
  sample.chi_bo_truc_thuoc.slice(0, 3).forEach((u, i) => {
    const counts = [u.tong_so, u.duoc_danh_gia, u.htxs, u.htt_gom_xs, u.ht, u.kht];
    const shares = [u.htxs, u.htt_gom_xs, u.ht, u.kht].map((v) => percentValue(v / u.duoc_danh_gia));
    rows.push([i + 1, u.unit, ...counts, ...shares]);
  });
  return sheet(rows, ['A1:A3', 'B1:B3', 'C1:L1', 'C2:C3', 'D2:D3', 'E2:H2', 'I2:L2']);
}

// --- files written by hand ------------------------------------------------------------------------------

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** A minimal .xlsx package around one sheet's XML. */
function xlsxPackage(sheetName: string, sheetXml: string): Record<string, Uint8Array> {
  return {
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" ` +
        `Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${XML}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
        `<sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets><calcPr fullCalcOnLoad="1"/></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${XML}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" ` +
        `Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheetXml),
  };
}

function zip(files: Record<string, Uint8Array>, level: 6 | 9 = 6): Uint8Array {
  return zipSync(files, { level, mtime: FIXED_DATE });
}

const text = (ref: string, s: string) => `<c r="${ref}" t="inlineStr"><is><t>${s}</t></is></c>`;
const num = (ref: string, n: number) => `<c r="${ref}"><v>${n}</v></c>`;

/** Biểu 06 as written by a tool that never calculates: formulas saved without their <v>. */
function formulaWithoutCachedValue(): Uint8Array {
  const rows = [
    [
      text('A1', 'STT'),
      text('B1', 'Tên tổ chức cơ sở đảng'),
      text('C1', 'Chỉ tiêu'),
      text('D1', 'Kết nạp'),
      text('E1', '% đạt chỉ tiêu'),
    ],
    // No <v> at all.
    [
      num('A2', 1),
      text('B2', 'Đảng bộ thị trấn Sa Rài'),
      num('C2', 8),
      num('D2', 8),
      '<c r="E2"><f>ROUND(D2/C2*100,0)</f></c>',
    ],
    // An empty <v/>: no value either.
    [
      num('A3', 2),
      text('B3', 'Đảng bộ xã An Phước'),
      num('C3', 7),
      num('D3', 8),
      '<c r="E3"><f>ROUND(D3/C3*100,0)</f><v></v></c>',
    ],
    // A cached value: an ordinary formula cell.
    [
      num('A4', 3),
      text('B4', 'Đảng bộ xã Bình Phú'),
      num('C4', 7),
      num('D4', 7),
      '<c r="E4"><f>ROUND(D4/C4*100,0)</f><v>100</v></c>',
    ],
    // A text formula whose cached result is the empty string: a value (""), not a missing one.
    [
      num('A5', 4),
      text('B5', 'Đảng bộ xã Tân Công Chí'),
      num('C5', 0),
      num('D5', 0),
      '<c r="E5" t="str"><f>IF(C5=0,"",ROUND(D5/C5*100,0))</f><v></v></c>',
    ],
    [
      text('B6', 'Cộng'),
      '<c r="C6"><f>SUM(C2:C5)</f></c>',
      '<c r="D6"><f>SUM(D2:D5)</f></c>',
      '<c r="E6"><f>ROUND(D6/C6*100,0)</f></c>',
    ],
  ];
  const sheetData = rows.map((cells, i) => `<row r="${i + 1}">${cells.join('')}</row>`).join('');
  const xml = `${XML}<worksheet xmlns="${MAIN_NS}"><dimension ref="A1:E6"/><sheetData>${sheetData}</sheetData></worksheet>`;
  return zip(xlsxPackage('Biểu 06', xml));
}

/** A zip that declares a 50 MB sheet: 50 MB of spaces deflate to about 50 KB. */
function zipBomb(): Uint8Array {
  const padding = new Uint8Array(50_000_000).fill(0x20);
  const head = strToU8(`${XML}<worksheet xmlns="${MAIN_NS}"><sheetData>`);
  const tail = strToU8('</sheetData></worksheet>');
  const sheetXml = new Uint8Array(head.length + padding.length + tail.length);
  sheetXml.set(head, 0);
  sheetXml.set(padding, head.length);
  sheetXml.set(tail, head.length + padding.length);
  const files = xlsxPackage('Biểu 04', '');
  files['xl/worksheets/sheet1.xml'] = sheetXml;
  return zip(files, 9);
}

/** What Office writes for a password-protected .xlsx: an OLE file with the encrypted zip inside. */
function passwordProtected(): Uint8Array {
  const cfb = CFB.utils.cfb_new();
  // EncryptionInfo: version 4.4 (agile), reserved 0x40, then the XML descriptor Office writes (dummy keys).
  const salt = 'AAECAwQFBgcICQoLDA0ODw==';
  const cipher = `blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512" saltValue="${salt}"`;
  const descriptor =
    `${XML}<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" ` +
    'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<keyData saltSize="16" ${cipher}/>` +
    `<dataIntegrity encryptedHmacKey="${salt}" encryptedHmacValue="${salt}"/>` +
    '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">' +
    `<p:encryptedKey spinCount="100000" saltSize="16" ${cipher} encryptedVerifierHashInput="${salt}" ` +
    `encryptedVerifierHashValue="${salt}" encryptedKeyValue="${salt}"/>` +
    '</keyEncryptor></keyEncryptors></encryption>';
  const info = new Uint8Array([4, 0, 4, 0, 0x40, 0, 0, 0, ...strToU8(descriptor)]);
  CFB.utils.cfb_add(cfb, '/EncryptionInfo', info);
  // EncryptedPackage: the plain size (8 bytes), then ciphertext (here: fixed filler bytes).
  const pkg = new Uint8Array(8 + 64);
  pkg.set([0x00, 0x10], 0);
  for (let i = 8; i < pkg.length; i++) pkg[i] = (i * 37) & 0xff;
  CFB.utils.cfb_add(cfb, '/EncryptedPackage', pkg);
  return Uint8Array.from(CFB.write(cfb, { type: 'array' }));
}

/** A 1×1 PNG: a picture saved under a spreadsheet's name. */
function png(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const body = new Uint8Array([...strToU8(type), ...data]);
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    out.set(body, 4);
    view.setUint32(8 + data.length, crc32(body));
    return out;
  };
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]); // 1×1, 8-bit RGB
  const idat = zlibSync(new Uint8Array([0, 0xc8, 0x10, 0x2e]), { level: 9 }); // filter byte + one red pixel
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return new Uint8Array([
    ...signature,
    ...chunk('IHDR', ihdr),
    ...chunk('IDAT', idat),
    ...chunk('IEND', new Uint8Array(0)),
  ]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

// --- CSV in three encodings ------------------------------------------------------------------------------

/** Biểu 04 as a semicolon CSV with vi-VN numbers ("3.328", "94,80%"), CRLF line ends. */
function tanHongCsv(): string {
  const header = [
    'STT',
    'Tên tổ chức cơ sở đảng',
    'Tổng số đảng viên',
    'Miễn đánh giá',
    'Chưa đánh giá',
    'Được đánh giá',
    'Hoàn thành xuất sắc nhiệm vụ',
    'Hoàn thành tốt nhiệm vụ (gồm xuất sắc)',
    'Hoàn thành nhiệm vụ',
    'Không hoàn thành nhiệm vụ',
    'Tỷ lệ tốt',
  ];
  const vi = (n: number) => n.toLocaleString('vi-VN');
  const pct = (n: number, d: number) =>
    `${(Math.round((n / d) * 10_000) / 100).toFixed(2).replace('.', ',')}%`;
  const lines = [header.join(';')];
  sample.dang_vien.forEach((u, i) => {
    lines.push([i + 1, u.unit, ...b04Counts(u).map(vi), pct(u.htt_gom_xs, u.duoc_danh_gia)].join(';'));
  });
  const totals = [0, 1, 2, 3, 4, 5, 6, 7].map((c) =>
    sample.dang_vien.reduce((s, u) => s + b04Counts(u)[c]!, 0),
  );
  lines.push(['', 'Cộng', ...totals.map(vi), pct(totals[5]!, totals[3]!)].join(';'));
  return lines.join('\r\n') + '\r\n';
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    out[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return out;
}

/**
 * Windows-1258, hand-written for the characters the fixtures use (no iconv-lite here). The code page has the
 * vowels with circumflex, breve and horn, đ, and a few toned Latin-1 letters; other tones are combining marks.
 */
const CP1258: Readonly<Record<string, number>> = {
  À: 0xc0,
  Á: 0xc1,
  Â: 0xc2,
  Ă: 0xc3,
  È: 0xc8,
  É: 0xc9,
  Ê: 0xca,
  Í: 0xcd,
  Đ: 0xd0,
  Ó: 0xd3,
  Ô: 0xd4,
  Ơ: 0xd5,
  Ù: 0xd9,
  Ú: 0xda,
  Ư: 0xdd,
  à: 0xe0,
  á: 0xe1,
  â: 0xe2,
  ă: 0xe3,
  è: 0xe8,
  é: 0xe9,
  ê: 0xea,
  í: 0xed,
  đ: 0xf0,
  ó: 0xf3,
  ô: 0xf4,
  ơ: 0xf5,
  ù: 0xf9,
  ú: 0xfa,
  ư: 0xfd,
  '\u0300': 0xcc,
  '\u0301': 0xec,
  '\u0303': 0xde,
  '\u0309': 0xd2,
  '\u0323': 0xf2,
};
const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);

function windows1258(s: string): Uint8Array {
  const out: number[] = [];
  const byteOf = (ch: string): number => {
    const code = ch.charCodeAt(0);
    if (ch.length === 1 && code < 0x80) return code;
    const b = CP1258[ch];
    if (b === undefined) throw new Error(`windows-1258: no byte for ${JSON.stringify(ch)}`);
    return b;
  };
  for (const ch of s.normalize('NFC')) {
    if (ch.charCodeAt(0) < 0x80 || CP1258[ch] !== undefined) {
      out.push(byteOf(ch));
      continue;
    }
    // "ồ" = "ô" + grave: the base keeps its circumflex/breve/horn, the tone becomes a combining mark. (NFD puts
    // a dot below before the circumflex, so the tone is looked for, not taken from the end.)
    const parts = [...ch.normalize('NFD')];
    const tone = parts.find((p) => TONES.has(p));
    if (tone === undefined) throw new Error(`windows-1258: cannot encode ${ch}`);
    const base = parts
      .filter((p) => p !== tone)
      .join('')
      .normalize('NFC');
    out.push(byteOf(base), byteOf(tone));
  }
  const bytes = new Uint8Array(out);
  // The hand-written table, checked against the platform's decoder.
  if (new TextDecoder('windows-1258').decode(bytes).normalize('NFC') !== s.normalize('NFC'))
    throw new Error('windows-1258: the table does not round-trip');
  return bytes;
}

// --- main -------------------------------------------------------------------------------------------------

function main(): void {
  checkPublishedTotals();
  mkdirSync(OUT, { recursive: true });
  const files = new Map<string, Uint8Array>();
  const tanHong = book([['Biểu 04', bieu04(2022, 'Huyện ủy Tân Hồng', sample.dang_vien)]]);
  const tanHongXlsx = write(tanHong, 'xlsx');

  files.set('tan-hong-2022-bieu04.xlsx', tanHongXlsx);
  files.set('bieu03-wrong-percent.xlsx', write(book([['Biểu 03', bieu03WrongPercent()]]), 'xlsx'));
  files.set('numbers-as-text.xlsx', write(book([['Biểu 04', numbersAsText()]]), 'xlsx'));
  files.set('hidden-rows.xlsx', write(book([['Biểu 04', hiddenRows()]]), 'xlsx'));
  files.set('hidden-sheet.xlsx', write(hiddenSheets(), 'xlsx'));
  files.set('merged-header.xlsx', write(book([['Biểu 02', mergedHeader()]]), 'xlsx'));
  files.set('formula-without-cached-value.xlsx', formulaWithoutCachedValue());
  files.set('empty-workbook.xlsx', write(book([['Sheet1', sheet([])]]), 'xlsx'));
  files.set('not-a-spreadsheet.xlsx', png());
  files.set('truncated.xlsx', tanHongXlsx.slice(0, Math.floor(tanHongXlsx.length / 2)));
  files.set('zip-bomb.xlsx', zipBomb());
  files.set('password-protected.xlsx', passwordProtected());
  const csv = tanHongCsv();
  files.set('tan-hong-utf8-bom.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(csv)]));
  files.set('tan-hong-utf16le.csv', utf16le(csv));
  files.set('tan-hong-windows-1258.csv', windows1258(csv));
  files.set('tan-hong.ods', write(tanHong, 'ods'));
  files.set('tan-hong.xls', write(tanHong, 'biff8'));
  const otherYear = book([['Biểu 04', bieu04(2021, 'Huyện ủy Hồng Ngự', sample.dang_vien.slice(0, 3))]], {
    'TongHop.Template': 'tcd-2019',
    'TongHop.TemplateVersion': '1',
    'TongHop.Year': '2021',
    'TongHop.Committee': 'Huyện ủy Hồng Ngự',
  });
  files.set('other-year.xlsx', write(otherYear, 'xlsx'));

  let total = 0;
  for (const [name, bytes] of files) {
    if (bytes.length > 200 * 1024) throw new Error(`${name} is ${bytes.length} bytes, over 200 KB`);
    writeFileSync(join(OUT, name), bytes);
    total += bytes.length;
    console.log(`${String(bytes.length).padStart(8)}  ${name}`);
  }
  console.log(`${String(total).padStart(8)}  total`);
  if (total > 1024 * 1024) throw new Error('the fixtures are over 1 MB together');
}

main();
