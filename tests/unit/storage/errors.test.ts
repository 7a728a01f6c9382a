import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { describeStorageError, isQuotaExceededError } from '../../../src/storage/errors';

const domQuota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('isQuotaExceededError', () => {
  it.each([
    ['a DOMException', domQuota, true],
    ["Dexie's QuotaExceededError", new Dexie.QuotaExceededError('full', domQuota), true],
    ['an AbortError wrapping one', new Dexie.AbortError('aborted', domQuota), true],
    ['a BulkError with one among its failures', new Dexie.BulkError('bulk', { 3: domQuota }), true],
    ['Firefox legacy name', { name: 'NS_ERROR_DOM_QUOTA_REACHED' }, true],
    ['another DOMException', new DOMException('no', 'AbortError'), false],
    ['a plain Error', new Error('QuotaExceededError'), false],
    ['a string', 'QuotaExceededError', false],
    ['null', null, false],
  ])('%s → %s', (_label, e, expected) => {
    expect(isQuotaExceededError(e)).toBe(expected);
  });
});

describe('describeStorageError', () => {
  it('says when storage is full', () => {
    expect(describeStorageError(new Dexie.AbortError('Transaction aborted', domQuota))).toBe(
      'Storage is full (quota exceeded): AbortError: Transaction aborted',
    );
  });

  it('adds a hint for known errors and follows the chain of inner errors', () => {
    const inner = new DOMException('version 3 is newer', 'VersionError');
    expect(describeStorageError(new Dexie.VersionError('cannot open', inner))).toBe(
      'the database was opened by a newer version of the app; reload the page. ' +
        'VersionError: cannot open ← VersionError: version 3 is newer',
    );
    expect(describeStorageError(new TypeError('bad'))).toBe('TypeError: bad');
    expect(describeStorageError('plain')).toBe('plain');
    expect(describeStorageError(42)).toBe('42');
  });
});
