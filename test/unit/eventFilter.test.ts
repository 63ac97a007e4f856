import { describe, expect, it } from 'vitest';
import { streamWorkers } from '../../functions/catalogue.ts';
import { matchesAnyFilter } from '../../infra/local/eventFilter.ts';

const record = (eventName: string, pk: string) => ({ eventName, dynamodb: { Keys: { pk: { S: pk } } } });

describe('matchesAnyFilter (local event source mapping filters)', () => {
  const contactWorker = streamWorkers.find((worker) => worker.name === 'sendContactEmails');
  const filters = contactWorker?.filters ?? [];

  it('lets through new contact messages only', () => {
    expect(matchesAnyFilter(record('INSERT', 'MESSAGE#42'), filters)).toBe(true);
    expect(matchesAnyFilter(record('MODIFY', 'MESSAGE#42'), filters)).toBe(false);
    expect(matchesAnyFilter(record('REMOVE', 'MESSAGE#42'), filters)).toBe(false);
    expect(matchesAnyFilter(record('INSERT', 'SUBMISSION#abc'), filters)).toBe(false);
    expect(matchesAnyFilter({ eventName: 'INSERT' }, filters)).toBe(false);
  });

  it('supports exists, anything-but and several patterns', () => {
    expect(
      matchesAnyFilter({ userIdentity: { type: 'Service' } }, [{ userIdentity: [{ exists: true }] }]),
    ).toBe(true);
    expect(matchesAnyFilter({}, [{ userIdentity: [{ exists: false }] }])).toBe(true);
    expect(matchesAnyFilter({ eventName: 'REMOVE' }, [{ eventName: [{ 'anything-but': ['REMOVE'] }] }])).toBe(
      false,
    );
    expect(
      matchesAnyFilter({ eventName: 'INSERT' }, [{ eventName: ['MODIFY'] }, { eventName: ['INSERT'] }]),
    ).toBe(true);
    expect(matchesAnyFilter({ anything: 1 }, [])).toBe(true);
  });
});
