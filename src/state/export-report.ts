// Downloading the report as the district's own Excel template, filled. The template file is one of the app's
// own files; the exporter (src/excel/export.ts) is loaded on first use so it is not in the first page.
import type { MemberSession } from './member-session.svelte';
import type { ReportSession } from './report-session.svelte';

export interface ExportChoice {
  /** One sheet, or the whole workbook. */
  readonly sheet?: string;
}

export type ExportOutcome =
  | { readonly ok: true; readonly fileName: string; readonly bytes: number }
  | { readonly ok: false; readonly error: unknown };

/** How many errors the file would carry: those of the sheet, or of the whole workbook. */
export function openErrors(session: ReportSession, choice: ExportChoice): number {
  const sheets = choice.sheet ? [choice.sheet] : [...session.template.sheets.keys()];
  return sheets.reduce((n, s) => n + session.validator.countsOf(s).error, 0);
}

async function templateBytes(session: ReportSession): Promise<Uint8Array> {
  const response = await fetch(`${import.meta.env.BASE_URL}templates/${session.meta.templateId}.xlsx`);
  if (!response.ok) throw new Error(`template ${session.meta.templateId}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

function requestOf(session: ReportSession, choice: ExportChoice) {
  return {
    template: session.template,
    meta: session.meta,
    data: session.data,
    unitsOf: (sheet: string) => session.validator.unitsOf(sheet),
    openFindings: openErrors(session, choice),
    ...(choice.sheet ? { sheets: [choice.sheet] } : {}),
  };
}

/** One form per base organization (only its row, its name, the unit marker), all in one .zip. */
export async function exportUnitForms(session: ReportSession): Promise<ExportOutcome & { files?: number }> {
  try {
    const template = await templateBytes(session);
    const { unitForms, zipFiles } = await import('../excel/unit-forms');
    const { exportFileName } = await import('../excel/export');
    const files = unitForms(requestOf(session, {}), template);
    const bytes = zipFiles(files);
    const fileName = exportFileName(session.meta).replace(/\.xlsx$/, '_CoSo.zip');
    download(bytes, fileName, 'application/zip');
    return { ok: true, fileName, bytes: bytes.length, files: files.length };
  } catch (error) {
    return { ok: false, error };
  }
}

/** The member list as its own Excel file (public/templates/members.xlsx filled), in the list's order. */
export async function exportMembers(session: ReportSession, members: MemberSession): Promise<ExportOutcome> {
  try {
    const response = await fetch(`${import.meta.env.BASE_URL}templates/members.xlsx`);
    if (!response.ok) throw new Error(`template members: HTTP ${response.status}`);
    const template = new Uint8Array(await response.arrayBuffer());
    const { exportMembersWorkbook } = await import('../excel/export-members');
    const { exportFileName } = await import('../excel/export');
    const bytes = exportMembersWorkbook(
      { meta: session.meta, order: members.order, rows: members.rows },
      template,
    );
    const fileName = exportFileName(session.meta).replace(/\.xlsx$/, '_DanhSachDangVien.xlsx');
    download(bytes, fileName);
    return { ok: true, fileName, bytes: bytes.length };
  } catch (error) {
    return { ok: false, error };
  }
}

export async function exportReport(session: ReportSession, choice: ExportChoice): Promise<ExportOutcome> {
  try {
    const template = await templateBytes(session);
    const { exportWorkbook, exportFileName } = await import('../excel/export');
    const bytes = exportWorkbook(requestOf(session, choice), template);
    const code = choice.sheet ? session.template.sheets.get(choice.sheet)?.code.vi : undefined;
    const fileName = exportFileName(session.meta, code);
    download(bytes, fileName);
    return { ok: true, fileName, bytes: bytes.length };
  } catch (error) {
    return { ok: false, error };
  }
}

function download(
  bytes: Uint8Array,
  fileName: string,
  type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
): void {
  const blob = new Blob([bytes.slice()], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
