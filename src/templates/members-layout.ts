// The member-list template's layout (public/templates/members.xlsx, made by scripts/make-members-template.ts) and
// the binding the exporter fills it through (src/excel/export-members.ts): one data, two readers.
import type { MemberColumnId } from '../core/list/members';

export interface MembersLayoutColumn {
  readonly letter: string;
  /** 'stt' is the running number. */
  readonly id: MemberColumnId | 'stt';
  readonly header: string;
  readonly width: number;
  readonly align: 'left' | 'center' | 'right';
  readonly numFmt?: string;
}

export const MEMBERS_LAYOUT = {
  file: 'members.xlsx',
  templateId: 'members',
  version: 1,
  sheetName: 'Danh sách đảng viên',
  committeeText: '{COMMITTEE}',
  titleText: 'DANH SÁCH ĐẢNG VIÊN VÀ KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG NĂM {year}',
  headerRow: 4,
  firstRow: 5,
  rowsProvided: 3,
  columns: [
    { letter: 'A', id: 'stt', header: 'STT', width: 7, align: 'center', numFmt: '0' },
    { letter: 'B', id: 'name', header: 'Họ và tên', width: 26, align: 'left' },
    { letter: 'C', id: 'birthYear', header: 'Năm sinh', width: 10, align: 'center', numFmt: '0' },
    { letter: 'D', id: 'unit', header: 'Tổ chức cơ sở đảng', width: 34, align: 'left' },
    { letter: 'E', id: 'cell', header: 'Chi bộ', width: 24, align: 'left' },
    { letter: 'F', id: 'standing', header: 'Chính thức / dự bị', width: 13, align: 'center' },
    { letter: 'G', id: 'evaluation', header: 'Đánh giá (miễn / chưa đánh giá)', width: 16, align: 'center' },
    { letter: 'H', id: 'reason', header: 'Lý do miễn, chưa đánh giá', width: 24, align: 'left' },
    { letter: 'I', id: 'sickMonths', header: 'Nghỉ ốm (tháng)', width: 10, align: 'center', numFmt: '0' },
    { letter: 'J', id: 'rating', header: 'Xếp loại', width: 28, align: 'left' },
    { letter: 'K', id: 'note', header: 'Ghi chú', width: 24, align: 'left' },
  ] satisfies readonly MembersLayoutColumn[],
} as const;

/** The printed texts of the stored codes (the form is in Vietnamese). */
export const MEMBER_TEXTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  standing: { chinh_thuc: 'Chính thức', du_bi: 'Dự bị' },
  evaluation: { rated: '', exempt: 'Miễn đánh giá', pending: 'Chưa đánh giá' },
  rating: {
    HTXSNV: 'Hoàn thành xuất sắc nhiệm vụ',
    HTTNV: 'Hoàn thành tốt nhiệm vụ',
    HTNV: 'Hoàn thành nhiệm vụ',
    KHTNV: 'Không hoàn thành nhiệm vụ',
  },
};
