import { describe, expect, it } from 'vitest';
import { parseRoute } from '../../../src/state/app.svelte';

describe('parseRoute', () => {
  it('reads the list, a report, and a report with its tab', () => {
    expect(parseRoute('')).toEqual({ page: 'list' });
    expect(parseRoute('#/r/abc-1')).toEqual({ page: 'report', id: 'abc-1' });
    expect(parseRoute('#/r/abc-1/members')).toEqual({ page: 'report', id: 'abc-1', tab: 'members' });
  });

  it('takes anything else for the list', () => {
    for (const hash of ['#/r/', '#/r/a/b/c', '#/r/a b', '#/x/a', '#/r/a/<b>', '#/r/a/'])
      expect(parseRoute(hash)).toEqual({ page: 'list' });
  });
});
