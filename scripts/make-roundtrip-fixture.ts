// Writes tests/fixtures/import/tong-hop-tan-hong-2022.xlsx: the Tân Hồng 2022 sample as the app lays out its six
// sheets, with the TongHop.* marker, written by the round-trip tests' own writer (tests/fixtures/report-workbook.ts).
// Deterministic: fixed dates and properties, so running it again changes no byte.
//   npx tsx scripts/make-roundtrip-fixture.ts
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { templateById } from '../src/templates';
import { buildSampleReport } from '../src/templates/sample';
import { reportWorkbookXlsx } from '../tests/fixtures/report-workbook';

const OUT = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'tests',
  'fixtures',
  'import',
  'tong-hop-tan-hong-2022.xlsx',
);

const { meta, data } = buildSampleReport('tan-hong-2022', 0);
const found = templateById(meta.templateId);
if (!found.ok) throw new Error(found.error);
const bytes = reportWorkbookXlsx(found.template, meta, data, { lang: 'vi', percentages: true });
writeFileSync(OUT, bytes);
console.log(`${OUT}: ${bytes.length} bytes`);
