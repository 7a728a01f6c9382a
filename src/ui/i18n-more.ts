// The texts of the views loaded on first use (the submission board, the comparison with last year, the member
// list): registered with i18n.ts when this module loads, so the first page does not carry them.
import type { Text } from '../core/model';
import { registerTexts } from './i18n';

const MORE = {
  // The submission board (collecting the units' files).
  collectFiles: { vi: 'Chọn các tệp cơ sở gửi về…', en: 'Choose the returned files…' },
  collectDrop: {
    vi: 'Kéo thả tất cả các tệp cơ sở gửi về (hoặc tệp .zip) vào đây.',
    en: 'Drop all the returned files (or the .zip they came in) here.',
  },
  collectReading: { vi: 'Đang đọc {done}/{total} tệp…', en: 'Reading {done}/{total} files…' },
  collectSummary: {
    vi: 'Đã đọc {files} tệp trong {seconds} giây: {ok} đúng, {errors} có lỗi, {duplicate} trùng, {unrecognised} không nhận ra.',
    en: 'Read {files} files in {seconds} s: {ok} valid, {errors} with errors, {duplicate} duplicates, {unrecognised} not recognised.',
  },
  colUnit: { vi: 'Đơn vị', en: 'Unit' },
  colFile: { vi: 'Tệp', en: 'File' },
  colReceived: { vi: 'Nhận lúc', en: 'Received' },
  colStatus: { vi: 'Trạng thái', en: 'Status' },
  colFindings: { vi: 'Lỗi / cảnh báo', en: 'Errors / warnings' },
  colCombined: { vi: 'Tổng hợp', en: 'Combined' },
  'status-ok': { vi: 'Đúng', en: 'Valid' },
  'status-errors': { vi: 'Có lỗi', en: 'Has errors' },
  'status-duplicate': { vi: 'Trùng', en: 'Duplicate' },
  'status-unrecognised': { vi: 'Không nhận ra', en: 'Not recognised' },
  'state-pending': { vi: 'Chờ tổng hợp', en: 'Waiting' },
  'state-combined': { vi: 'Đã tổng hợp: {n} ô', en: 'Combined: {n} cells' },
  'state-replaced': { vi: 'Đã thay bằng tệp sau', en: 'Replaced by a later file' },
  'state-dismissed': { vi: 'Đã bỏ qua', en: 'Set aside' },
  'state-undecided': { vi: 'Chờ quyết định thay hay bỏ qua', en: 'Replace or set aside?' },
  'state-not-taken': { vi: 'Không tổng hợp', en: 'Not combined' },
  driftNote: {
    vi: '{n} ô đã khác so với lúc tổng hợp',
    en: '{n} cells differ from what was combined',
  },
  noValues: { vi: 'tệp không có số liệu', en: 'the file holds no figures' },
  viaMarker: { vi: 'nhận ra theo dấu của Tổng hợp', en: 'recognised by the Tổng hợp marker' },
  viaName: { vi: 'nhận ra theo tên đơn vị', en: 'recognised by the unit name' },
  'reason-unknown-unit': {
    vi: 'Không có đơn vị này trong báo cáo: {names}',
    en: 'No such unit in the report: {names}',
  },
  'reason-uncertain-unit': {
    vi: 'Tên "{name}" chỉ gần giống "{candidate}": chưa chắc là đơn vị nào',
    en: '"{name}" only resembles "{candidate}": which unit is not certain',
  },
  'reason-several-units': {
    vi: 'Tệp có số liệu của nhiều đơn vị: {names}',
    en: 'The file holds figures of several units: {names}',
  },
  'batch-not-a-spreadsheet': {
    vi: '{name}: không phải bảng tính, bỏ qua',
    en: '{name}: not a spreadsheet, skipped',
  },
  'batch-nested-archive': {
    vi: '{name}: tệp nén lồng trong tệp nén, không mở',
    en: '{name}: an archive inside the archive, not opened',
  },
  'batch-too-large': { vi: '{name}: quá lớn ({detail})', en: '{name}: too large ({detail})' },
  'batch-too-many': { vi: '{name}: quá nhiều tệp ({detail})', en: '{name}: too many files ({detail})' },
  'batch-bad-archive': {
    vi: '{name}: tệp nén bị hỏng ({detail})',
    en: '{name}: a damaged archive ({detail})',
  },
  'batch-duplicate-name': {
    vi: '{name}: trùng tên với một tệp khác trong tệp nén, bỏ qua',
    en: '{name}: the same name as another file in the archive, skipped',
  },
  'batch-empty-archive': {
    vi: '{name}: tệp nén không chứa bảng tính nào',
    en: '{name}: the archive holds no spreadsheet',
  },
  showFindings: { vi: 'Xem', en: 'Show' },
  hideFindings: { vi: 'Ẩn', en: 'Hide' },
  compareEarlier: { vi: 'So với tệp trước', en: 'Compare with the earlier file' },
  replaceEarlier: { vi: 'Thay tệp trước bằng tệp này', en: 'Replace the earlier file with this one' },
  dismiss: { vi: 'Bỏ qua tệp này', en: 'Set this file aside' },
  sameAsEarlier: {
    vi: 'Giống hệt tệp đã nhận ({name}).',
    en: 'Identical to the file already received ({name}).',
  },
  diffTitle: {
    vi: 'Nếu thay tệp {earlier} bằng tệp này, {n} ô sẽ đổi:',
    en: 'Replacing {earlier} with this file changes {n} cells:',
  },
  missingTitle: { vi: 'Chưa nộp ({n} đơn vị)', en: 'Not received ({n} units)' },
  allReceived: { vi: 'Tất cả đơn vị đã nộp.', en: 'Every unit has sent its file.' },
  combine: { vi: 'Tổng hợp vào báo cáo ({n} tệp)', en: 'Combine into the report ({n} files)' },
  combineTitle: { vi: 'Tổng hợp {n} tệp vào báo cáo', en: 'Combine {n} files into the report' },
  combineCells: {
    vi: '{n} ô sẽ được ghi; {overwritten} ô đang có số liệu khác sẽ bị thay:',
    en: '{n} cells will be written; {overwritten} cells holding other figures will be replaced:',
  },
  combineNone: {
    vi: 'Các tệp này không làm thay đổi ô nào của báo cáo.',
    en: 'These files change no cell of the report.',
  },
  combineConfirm: { vi: 'Tổng hợp', en: 'Combine' },
  combined: {
    vi: 'Đã tổng hợp {files} tệp ({cells} ô). Có thể hoàn tác bằng Ctrl+Z.',
    en: 'Combined {files} files ({cells} cells). Ctrl+Z undoes it.',
  },
  combineFailed: { vi: 'Không tổng hợp được: {error}', en: 'Could not combine: {error}' },
  damagedSubmissions: {
    vi: '{n} mục trên bảng nhận bị hỏng, không đọc được.',
    en: '{n} board entries are damaged and cannot be read.',
  },
  // The year-on-year comparison.
  jumpThreshold: { vi: 'Cảnh báo khi thay đổi quá', en: 'Warn when a change exceeds' },
  jumpMin: { vi: 'và ít nhất', en: 'and is at least' },
  previousMatched: {
    vi: '{matched} đơn vị khớp với năm trước; chưa có năm trước: {missing}',
    en: '{matched} units matched last year; new this year: {missing}',
  },
  previousAllMatched: {
    vi: 'Tất cả {matched} đơn vị khớp với năm trước.',
    en: 'All {matched} units matched last year.',
  },
  compareSheet: { vi: 'Biểu', en: 'Form' },
  // The member list.
  membersDisagree: {
    vi: 'Biểu 04 khác danh sách ({n} ô)',
    en: 'Biểu 04 disagrees with the list ({n} cells)',
  },
  membersChecking: { vi: 'Đang kiểm tra danh sách…', en: 'Checking the list…' },
  membersReading: { vi: 'Đang đọc danh sách đảng viên…', en: 'Reading the member list…' },
  membersStillReading: {
    vi: 'Danh sách đảng viên đang được đọc: chưa thể sửa hay dán, thử lại sau giây lát.',
    en: 'The member list is still being read: nothing can be changed or pasted yet, try again in a moment.',
  },
  membersUnread: {
    vi: 'Không đọc được toàn bộ danh sách đảng viên: chỉ hiển thị những người đầu tiên, không thể sửa.',
    en: 'The member list could not be read in full: only its first members are shown, and nothing can be changed.',
  },
  reportChecking: { vi: 'Đang kiểm tra báo cáo…', en: 'Checking the report…' },
  membersPasted: {
    vi: 'Đã dán {cells} ô, thêm {added} đảng viên.',
    en: 'Pasted {cells} cells, added {added} members.',
  },
  membersPasteRefused: {
    vi: '{n} ô không đọc được nên không dán:',
    en: '{n} cells could not be read and were not pasted:',
  },
  pasteLine: { vi: 'Dòng {n}', en: 'Line {n}' },
  exportMembers: { vi: 'Tải danh sách (Excel)', en: 'Download the list (Excel)' },
  importMembers: { vi: 'Nhập danh sách từ tệp…', en: 'Import a list from a file…' },
  membersImported: {
    vi: 'Đã nhập {added} đảng viên từ {name} (trang {sheet}).',
    en: 'Imported {added} members from {name} (sheet {sheet}).',
  },
  membersNoHeader: {
    vi: 'Không thấy dòng tiêu đề danh sách đảng viên trong tệp {name} (cần các cột như "Họ và tên", "Năm sinh", "Đơn vị", "Xếp loại").',
    en: 'No member-list header row in {name} (expected columns such as "Họ và tên", "Năm sinh", "Đơn vị", "Xếp loại").',
  },
  membersLoadError: {
    vi: 'Không mở được danh sách đảng viên: {error}',
    en: 'Could not open the member list: {error}',
  },
} as const satisfies Record<string, Text>;

export type MoreKey = keyof typeof MORE;

registerTexts(MORE);
