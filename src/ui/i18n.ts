// The UI's own texts, Vietnamese first. Finding messages come from the templates' rules (core/messages.ts).
import type { Lang, Text } from '../core/model';
import type { MoreKey } from './i18n-more';

export const UI = {
  appName: { vi: 'Tổng hợp', en: 'Tổng hợp' },
  tagline: { vi: 'Tổng hợp kết quả đánh giá, xếp loại chất lượng', en: 'Annual quality rating reports' },
  language: { vi: 'Ngôn ngữ', en: 'Language' },
  reports: { vi: 'Báo cáo', en: 'Reports' },
  noReports: { vi: 'Chưa có báo cáo nào.', en: 'No reports yet.' },
  openSample: { vi: 'Mở dữ liệu mẫu', en: 'Open the sample data' },
  newReport: { vi: 'Tạo báo cáo', en: 'New report' },
  open: { vi: 'Mở', en: 'Open' },
  rename: { vi: 'Đổi tên', en: 'Rename' },
  duplicate: { vi: 'Nhân bản', en: 'Duplicate' },
  duplicateNextYear: { vi: 'Nhân bản cho năm sau', en: 'Duplicate for next year' },
  delete: { vi: 'Xóa', en: 'Delete' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  save: { vi: 'Lưu', en: 'Save' },
  create: { vi: 'Tạo', en: 'Create' },
  confirmDelete: {
    vi: 'Xóa báo cáo "{name}"? Không thể hoàn tác.',
    en: 'Delete report "{name}"? This cannot be undone.',
  },
  damaged: { vi: 'Báo cáo bị hỏng, không mở được', en: 'Damaged report, cannot be opened' },
  reportName: { vi: 'Tên báo cáo', en: 'Report name' },
  committee: { vi: 'Cấp ủy báo cáo', en: 'Reporting committee' },
  committeeLevel: { vi: 'Cấp', en: 'Level' },
  year: { vi: 'Năm', en: 'Year' },
  period: { vi: 'Quy định áp dụng', en: 'Regulations' },
  updated: { vi: 'Cập nhật', en: 'Updated' },
  units: { vi: 'Đơn vị', en: 'Units' },
  unitCount: { vi: '{n} đơn vị', en: '{n} units' },
  backToList: { vi: '← Danh sách báo cáo', en: '← Reports' },
  undo: { vi: 'Hoàn tác', en: 'Undo' },
  revertKept: {
    vi: '{n} ô đã được sửa ở một tab khác sau thao tác này nên được giữ nguyên.',
    en: '{n} cells changed in another tab since then were left as they are.',
  },
  redo: { vi: 'Làm lại', en: 'Redo' },
  saving: { vi: 'Đang lưu…', en: 'Saving…' },
  saved: { vi: 'Đã lưu', en: 'Saved' },
  saveFailed: { vi: 'Không lưu được: {error}', en: 'Could not save: {error}' },
  problems: { vi: 'Lỗi và cảnh báo', en: 'Problems' },
  moreProblems: { vi: 'và {n} mục khác', en: 'and {n} more' },
  noProblems: { vi: 'Không có lỗi.', en: 'No problems.' },
  errors: { vi: 'lỗi', en: 'errors' },
  warnings: { vi: 'cảnh báo', en: 'warnings' },
  error: { vi: 'Lỗi', en: 'Error' },
  warning: { vi: 'Cảnh báo', en: 'Warning' },
  unconfirmed: { vi: 'chưa xác nhận', en: 'unconfirmed' },
  source: { vi: 'Căn cứ', en: 'Source' },
  blankCells: { vi: '{n} ô chưa nhập', en: '{n} cells not entered' },
  convention: { vi: 'Cách đếm', en: 'Counting' },
  inclusive: { vi: 'Tốt gồm xuất sắc', en: 'Good includes excellent' },
  exclusive: { vi: 'Các mức tách riêng', en: 'Levels are disjoint' },
  rounding: { vi: 'Làm tròn', en: 'Rounding' },
  'half-up': { vi: 'Làm tròn (0,005 lên)', en: 'Round half up' },
  truncate: { vi: 'Cắt bớt', en: 'Truncate' },
  complement: { vi: 'Bù mức cuối cho đủ 100%', en: 'Complement the last level to 100%' },
  stt: { vi: 'STT', en: 'No.' },
  unitName: { vi: 'Tên tổ chức cơ sở đảng', en: 'Base party organization' },
  unitForm: { vi: 'Loại hình', en: 'Type' },
  unitBloc: { vi: 'Khối', en: 'Sector' },
  totalRow: { vi: 'Cộng', en: 'Total' },
  controlRow: { vi: 'Số liệu đã báo cáo', en: 'Reported totals' },
  controlHint: {
    vi: 'Nhập số tổng đã báo cáo (nếu có) để đối chiếu với dòng Cộng',
    en: 'Type the reported totals (if any) to check them against the total row',
  },
  computedHint: { vi: 'Ô tính tự động, không nhập', en: 'Computed, not typed' },
  valueRefused: { vi: 'Không nhận giá trị ở {cell}', en: 'Value refused at {cell}' },
  addUnit: { vi: 'Thêm đơn vị', en: 'Add unit' },
  newUnitName: { vi: 'Đơn vị mới', en: 'New unit' },
  moveUp: { vi: 'Lên', en: 'Up' },
  moveDown: { vi: 'Xuống', en: 'Down' },
  remove: { vi: 'Xóa', en: 'Remove' },
  confirmRemoveUnit: {
    vi: 'Đơn vị "{name}" đã có số liệu. Xóa đơn vị và số liệu của đơn vị này?',
    en: 'Unit "{name}" has figures. Remove the unit and its figures?',
  },
  levelSummary: { vi: 'Tổng hợp xếp loại', en: 'Ratings summary' },
  level: { vi: 'Mức', en: 'Level' },
  count: { vi: 'Số lượng', en: 'Count' },
  share: { vi: 'Tỷ lệ', en: 'Share' },
  templateError: { vi: 'Mẫu biểu bị lỗi', en: 'The template is malformed' },
  loadError: { vi: 'Không mở được báo cáo: {error}', en: 'Could not open the report: {error}' },
  droppedCells: { vi: 'Đã bỏ {n} ô hỏng khi đọc báo cáo', en: 'Dropped {n} damaged cells while reading' },
  storageUnavailable: {
    vi: 'Trình duyệt không cho lưu dữ liệu (IndexedDB): {error}',
    en: 'The browser does not allow storing data (IndexedDB): {error}',
  },
  quotaExceeded: {
    vi: 'Bộ nhớ của trình duyệt đã đầy: không lưu thêm được. Hãy xóa bớt báo cáo cũ.',
    en: 'The browser storage is full: nothing more can be saved. Delete old reports to free space.',
  },
  storageError: { vi: 'Lỗi lưu trữ của trình duyệt: {error}', en: 'Browser storage error: {error}' },
  changedElsewhere: {
    vi: 'Báo cáo đã được cập nhật ở thẻ khác',
    en: 'The report was updated in another tab',
  },
  close: { vi: 'Đóng', en: 'Close' },
  pasteWritten: { vi: 'Đã dán {n} ô.', en: 'Pasted {n} cells.' },
  pasteSkipped: { vi: 'Bỏ qua {n} ô:', en: 'Skipped {n} cells:' },
  andMore: { vi: '… và {n} ô khác', en: '… and {n} more' },
  blockCell: { vi: 'dòng {row}, cột {col} của khối dán', en: 'row {row}, column {col} of the pasted block' },
  'skip-read-only': {
    vi: 'ô tính tự động hoặc chỉ đọc, không nhận "{text}"',
    en: 'computed or read-only, "{text}" not written',
  },
  'skip-outside': {
    vi: 'nằm ngoài bảng, không nhận "{text}"',
    en: 'outside the sheet, "{text}" not written',
  },
  'skip-invalid': { vi: 'giá trị "{text}" không hợp lệ', en: 'the value "{text}" is not valid' },
  'skip-unknown-unit': { vi: 'không tìm thấy đơn vị "{text}"', en: 'no unit named "{text}"' },
  'skip-unknown-column': { vi: 'không nhận ra cột "{text}"', en: 'column "{text}" not recognised' },
  confirmPasteTitle: { vi: 'Kiểm tra trước khi dán', en: 'Check before pasting' },
  confirmPasteIntro: {
    vi: 'Một số dòng được khớp với đơn vị theo tên nhưng chưa chắc chắn. Kiểm tra rồi xác nhận.',
    en: 'Some rows were matched to units by name without certainty. Check them, then confirm.',
  },
  pastedName: { vi: 'Tên trong khối dán', en: 'Name in the block' },
  matchedUnit: { vi: 'Đơn vị khớp', en: 'Matched unit' },
  noMatch: { vi: '(không khớp — bỏ qua)', en: '(no match — skipped)' },
  uncertain: { vi: 'chưa chắc', en: 'uncertain' },
  confirmPaste: { vi: 'Dán', en: 'Paste' },
  exportAll: { vi: 'Tải Excel (cả báo cáo)', en: 'Download Excel (whole report)' },
  exportSheet: { vi: 'Tải biểu này', en: 'Download this form' },
  theReport: { vi: 'Báo cáo', en: 'The report' },
  exportWithErrors: {
    vi: '{where} còn {n} lỗi. Vẫn tải xuống?',
    en: '{where} still has {n} errors. Download anyway?',
  },
  exported: { vi: 'Đã tạo tệp {name}.', en: 'Created {name}.' },
  exportFailed: { vi: 'Không tạo được tệp Excel: {error}', en: 'Could not create the Excel file: {error}' },
  importFile: { vi: 'Nhập tệp Excel…', en: 'Import a file…' },
  dropHere: { vi: 'Thả tệp vào đây để nhập', en: 'Drop the file here to import it' },
  reading: { vi: 'Đang đọc {name}…', en: 'Reading {name}…' },
  importTitle: { vi: 'Nhập {name}', en: 'Import {name}' },
  importConfirm: { vi: 'Nhập {n} ô', en: 'Import {n} cells' },
  importNothing: { vi: 'Tệp {name} không làm thay đổi ô nào.', en: '{name} changes no cell.' },
  importApplied: {
    vi: 'Đã nhập {n} ô từ {name}. Bản sao báo cáo trước khi nhập đã được lưu; Hoàn tác để trở lại.',
    en: 'Imported {n} cells from {name}. A copy of the report from before was kept; Undo to go back.',
  },
  importCancelled: {
    vi: 'Đã hủy nhập {name}; báo cáo không thay đổi.',
    en: 'Import of {name} cancelled; nothing changed.',
  },
  importSnapshotFailed: {
    vi: 'Không lưu được bản sao trước khi nhập {name}, nên chưa nhập gì: {error}',
    en: 'Could not keep a copy before importing {name}, so nothing was imported: {error}',
  },
  onlyOneFile: { vi: 'Mỗi lần nhập một tệp: đang nhập {name}.', en: 'One file at a time: importing {name}.' },
  sheetsMatched: { vi: 'Trang tính trong tệp', en: 'Sheets in the file' },
  fileSheet: { vi: 'Trang tính', en: 'Sheet' },
  reportSheet: { vi: 'Nhập vào', en: 'Goes to' },
  notMatched: { vi: 'không nhận ra', en: 'not recognised' },
  unitsMatched: { vi: '{n} đơn vị khớp', en: '{n} units matched' },
  unmatchedNames: { vi: 'Không khớp đơn vị: {list}', en: 'No unit for: {list}' },
  unknownColumns: { vi: 'Cột không nhận ra: {list}', en: 'Columns not recognised: {list}' },
  invalidCells: { vi: '{n} ô không hợp lệ, không nhập', en: '{n} invalid cells, not imported' },
  formulasWithoutValue: {
    vi: '{n} ô công thức chưa có giá trị (tệp chưa được tính lại), không nhập',
    en: '{n} formula cells without a value (the file was never recalculated), not imported',
  },
  changesTitle: { vi: 'Các ô sẽ thay đổi ({n})', en: 'Cells that will change ({n})' },
  unchanged: { vi: '{n} ô giữ nguyên', en: '{n} cells unchanged' },
  percentChecksTitle: {
    vi: 'Tỷ lệ trong tệp không khớp số liệu',
    en: 'Percentages in the file that do not match the counts',
  },
  percentCheck: {
    vi: '{where}: tệp ghi {received}%, đúng là {count}/{base} = {expected}%',
    en: '{where}: the file says {received}%, but {count}/{base} = {expected}%',
  },
  findingsAfter: {
    vi: 'Sau khi nhập: {errors} lỗi, {warnings} cảnh báo (hiện có {errorsBefore} lỗi, {warningsBefore} cảnh báo)',
    en: 'After the import: {errors} errors, {warnings} warnings (now {errorsBefore} errors, {warningsBefore} warnings)',
  },
  newFindings: { vi: 'Lỗi mới do tệp này', en: 'New problems this file brings' },
  'read-too-large': {
    vi: 'Tệp {name} quá lớn: {detail}. Giới hạn là 20 MB.',
    en: '{name} is too large: {detail}. The limit is 20 MB.',
  },
  'read-not-a-spreadsheet': {
    vi: 'Tệp {name} không phải là bảng tính. Cần tệp .xlsx, .xls, .ods hoặc .csv.',
    en: '{name} is not a spreadsheet. Expected an .xlsx, .xls, .ods or .csv file.',
  },
  'read-truncated': {
    vi: 'Tệp {name} bị hỏng hoặc không đầy đủ (tệp zip bị cắt).',
    en: '{name} is damaged or incomplete (a cut zip file).',
  },
  'read-password': {
    vi: 'Tệp {name} được đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi nhập lại.',
    en: '{name} is password-protected. Open it in Excel, remove the password, then import it again.',
  },
  'read-empty': { vi: 'Tệp {name} không có dữ liệu.', en: '{name} holds no data.' },
  'read-zip-bomb': {
    vi: 'Tệp {name} khi giải nén quá lớn ({detail}), có thể là tệp độc hại; không đọc.',
    en: '{name} would unpack to too much data ({detail}) and may be hostile; not read.',
  },
  'read-too-many-rows': {
    vi: 'Tệp {name} có quá nhiều dòng ({detail}); tối đa 200.000 dòng.',
    en: '{name} has too many rows ({detail}); at most 200,000.',
  },
  'read-too-many-columns': {
    vi: 'Tệp {name} có quá nhiều cột ({detail}); tối đa 200 cột.',
    en: '{name} has too many columns ({detail}); at most 200.',
  },
  'read-timeout': {
    vi: 'Đọc tệp {name} quá lâu nên đã dừng.',
    en: 'Reading {name} took too long and was stopped.',
  },
  'read-cancelled': { vi: 'Đã hủy đọc tệp {name}.', en: 'Reading {name} was cancelled.' },
  'read-failed': { vi: 'Không đọc được tệp {name}: {detail}', en: 'Could not read {name}: {detail}' },
  'refuse-other-year': {
    vi: 'Tệp {name} là số liệu năm {received}, còn báo cáo đang mở là năm {expected}. Không nhập.',
    en: '{name} holds figures for {received}, but the open report is for {expected}. Nothing imported.',
  },
  'refuse-other-committee': {
    vi: 'Tệp {name} là của "{received}", còn báo cáo đang mở là của "{expected}". Không nhập.',
    en: '{name} belongs to "{received}", but the open report is for "{expected}". Nothing imported.',
  },
  'refuse-other-template': {
    vi: 'Tệp {name} theo mẫu "{received}", khác mẫu của báo cáo ("{expected}"). Không nhập.',
    en: '{name} follows template "{received}", not the report\'s ("{expected}"). Nothing imported.',
  },
  'refuse-no-header': {
    vi: 'Không tìm thấy dòng tiêu đề của biểu nào trong tệp {name} (cần các cột như "Tổng số đảng viên", "Được đánh giá"…).',
    en: 'No header row of any form was found in {name} (expected columns such as "Tổng số đảng viên", "Được đánh giá"…).',
  },
  'note-hidden-sheet': { vi: 'trang tính ẩn, không đọc', en: 'a hidden sheet, not read' },
  'note-empty-sheet': { vi: 'trang tính trống', en: 'an empty sheet' },
  'note-no-header': {
    vi: 'không thấy dòng tiêu đề trong 15 dòng đầu',
    en: 'no header row in the first 15 rows',
  },
  'note-no-name-column': { vi: 'không có cột tên đơn vị', en: 'no column of unit names' },
  'note-no-rows': { vi: 'có tiêu đề nhưng không có dòng số liệu', en: 'a header but no data rows' },
  'note-formulas-without-value': { vi: 'có công thức chưa có giá trị', en: 'formulas without a value' },
  'note-uncertain-names': {
    vi: 'một số tên chỉ khớp gần đúng: kiểm tra danh sách thay đổi',
    en: 'some names matched only approximately: check the changes',
  },
  'note-convention-mismatch': {
    vi: 'tệp tính "tốt gồm xuất sắc" nhưng biểu đang để các mức tách riêng',
    en: 'the file counts good including excellent, but the sheet keeps the levels disjoint',
  },
  'note-duplicate-sheet': {
    vi: 'trùng biểu với một trang tính khác, không nhập',
    en: 'the same form as another sheet, not imported',
  },
  'refuse-empty': { vi: 'Tệp {name} không có dữ liệu.', en: '{name} holds no data.' },
  // Tab names and messages of the views loaded on first use (their own texts: i18n-more.ts).
  submissionsTab: { vi: 'Nhận báo cáo cơ sở', en: 'Unit submissions' },
  makeUnitForms: { vi: 'Tạo biểu cho cơ sở (.zip)', en: 'Make unit forms (.zip)' },
  unitFormsMade: {
    vi: 'Đã tạo {n} biểu cho cơ sở trong tệp {name}.',
    en: 'Made {n} unit forms in {name}.',
  },
  compareTab: { vi: 'So với năm trước', en: 'Compared with last year' },
  previousReport: { vi: 'Báo cáo năm trước', en: "Last year's report" },
  noPrevious: { vi: '(không so sánh)', en: '(no comparison)' },
  noPreviousCandidates: {
    vi: 'Chưa có báo cáo năm trước của {committee} trong trình duyệt này.',
    en: 'No earlier report of {committee} in this browser.',
  },
  membersTab: { vi: 'Danh sách đảng viên', en: 'Member list' },
  membersTitle: { vi: 'Danh sách đảng viên', en: 'Party members' },
  membersCount: { vi: '{n} đảng viên', en: '{n} members' },
  addMember: { vi: 'Thêm đảng viên', en: 'Add a member' },
  fillB04: { vi: 'Điền Biểu 04 từ danh sách', en: 'Fill Biểu 04 from the list' },
  membersFilledB04: {
    vi: 'Đã điền Biểu 04 từ danh sách: {n} ô thay đổi (Ctrl+Z để hoàn tác).',
    en: 'Biểu 04 filled from the list: {n} cells changed (Ctrl+Z undoes it).',
  },
  previousLoadError: {
    vi: 'Không mở được báo cáo năm trước: {error}',
    en: "Could not open last year's report: {error}",
  },
  // Opening a unit form as its own report.
  openUnitForm: { vi: 'Mở biểu của cơ sở…', en: 'Open a unit form…' },
  notAUnitForm: {
    vi: 'Tệp {name} không phải biểu cơ sở do Tổng hợp tạo (thiếu: {missing}).',
    en: '{name} is not a unit form made by Tổng hợp (missing: {missing}).',
  },
  unitReportNote: {
    vi: 'Báo cáo của {unit}, phần gửi {committee}.',
    en: "{unit}'s report, its part for {committee}.",
  },
} as const satisfies Record<string, Text>;

/** Texts of views loaded on first use (i18n-more.ts): registered when their module loads. */
const more = new Map<string, Text>();

export function registerTexts(texts: Readonly<Record<string, Text>>): void {
  for (const [key, text] of Object.entries(texts)) more.set(key, text);
}

export type UiKey = keyof typeof UI | MoreKey;

export function translate(
  lang: Lang,
  key: UiKey,
  values: Readonly<Record<string, string | number>> = {},
): string {
  const text: Text | undefined = Object.hasOwn(UI, key) ? UI[key as keyof typeof UI] : more.get(key);
  // A key of a view not loaded yet cannot be asked for: the view registers its texts as it loads.
  if (!text) return key;
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));
}

export const LEVEL_NAMES: Readonly<Record<string, Text>> = {
  HTXSNV: { vi: 'Hoàn thành xuất sắc nhiệm vụ', en: 'Excellent (HTXSNV)' },
  HTTNV: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Good (HTTNV)' },
  HTNV: { vi: 'Hoàn thành nhiệm vụ', en: 'Completed (HTNV)' },
  KHTNV: { vi: 'Không hoàn thành nhiệm vụ', en: 'Not completed (KHTNV)' },
  CHUA: { vi: 'Chưa xếp loại', en: 'Not rated' },
};

export const FORM_NAMES: Readonly<Record<string, Text>> = {
  dang_bo: { vi: 'Đảng bộ cơ sở', en: 'Base party committee' },
  chi_bo_co_so: { vi: 'Chi bộ cơ sở', en: 'Base party cell' },
};

export const BLOC_NAMES: Readonly<Record<string, Text>> = {
  xa: { vi: 'Xã, thị trấn', en: 'Communes, towns' },
  co_quan: { vi: 'Cơ quan', en: 'Agencies' },
  luc_luong_vu_trang: { vi: 'Lực lượng vũ trang', en: 'Armed forces' },
  truong_hoc: { vi: 'Trường học', en: 'Schools' },
  doanh_nghiep: { vi: 'Doanh nghiệp', en: 'Enterprises' },
  khac: { vi: 'Khác', en: 'Other' },
};

export const COMMITTEE_LEVEL_NAMES: Readonly<Record<string, Text>> = {
  huyen: { vi: 'Huyện ủy (cấp huyện)', en: 'District committee' },
  xa: { vi: 'Đảng ủy xã, phường, đặc khu', en: 'Commune-level committee' },
  tinh: { vi: 'Tỉnh ủy (cấp tỉnh)', en: 'Provincial committee' },
};
