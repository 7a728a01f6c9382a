// The built-in template sets, loaded (checked) once. The year of a report picks its set; a report keeps the id
// of the set it was made with.
import { loadTemplate, type CompiledTemplate } from '../core/template-loader';
import { TEMPLATE_SETS } from './periods';

export type TemplateLookup = { ok: true; template: CompiledTemplate } | { ok: false; error: string };

const compiled = new Map<string, TemplateLookup>();

export function templateById(id: string): TemplateLookup {
  const cached = compiled.get(id);
  if (cached) return cached;
  const set = TEMPLATE_SETS.find((s) => s.id === id);
  let result: TemplateLookup;
  if (!set) result = { ok: false, error: `unknown template "${id}"` };
  else {
    const loaded = loadTemplate(set);
    result = loaded.ok
      ? loaded
      : { ok: false, error: `template ${id} is malformed:\n${loaded.errors.join('\n')}` };
  }
  compiled.set(id, result);
  return result;
}

export function templateIdForYear(year: number): string {
  const set = TEMPLATE_SETS.find((s) => year >= s.years.from && (s.years.to === null || year <= s.years.to));
  return (set ?? TEMPLATE_SETS[0])?.id ?? 'tcd-2019';
}

/** The rating cycle in progress: ratings close before 31 December and are sent in January. */
export function currentCycleYear(now: Date): number {
  return now.getMonth() >= 5 ? now.getFullYear() : now.getFullYear() - 1;
}

export { TEMPLATE_SETS };
