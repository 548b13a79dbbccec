import { formatId, formatSequence, nextIds, parseSequence } from '../../src/shared/rules/ids';

describe('record ids', () => {
  it('formats prefix + yyyyMMdd + a serial of at least three digits that widens past 999', () => {
    expect(formatId('C', '20240601', 1)).toBe('C20240601001');
    expect(formatId('G', '20240601', 999)).toBe('G20240601999');
    expect(formatId('G', '20240601', 1000)).toBe('G202406011000');
    expect(() => formatId('C', '2024-06-01', 1)).toThrow(RangeError);
    expect(() => formatId('C', '20240601', 0)).toThrow(RangeError);
  });

  it('continues the day serial and restarts on a new day', () => {
    const first = nextIds('C', '20240601', 2, null);
    expect(first.ids).toEqual(['C20240601001', 'C20240601002']);
    const second = nextIds('C', '20240601', 1, first.sequence);
    expect(second.ids).toEqual(['C20240601003']);
    expect(nextIds('C', '20240602', 1, second.sequence).ids).toEqual(['C20240602001']);
  });

  it('never reuses an id even when the rows holding the last ones were deleted', () => {
    const sequence = { day: '20240601', serial: 7 };
    // Only C20240601002 is still in the table; 3–7 were deleted.
    expect(nextIds('C', '20240601', 1, sequence, ['C20240601002']).ids).toEqual(['C20240601008']);
  });

  it('skips past ids already in the table (imported rows, a lost sequence)', () => {
    expect(nextIds('C', '20240601', 1, null, ['C20240601041', 'G20240601900', 'C20240531999']).ids).toEqual([
      'C20240601042',
    ]);
  });

  it('round-trips the stored sequence', () => {
    expect(parseSequence(formatSequence({ day: '20240601', serial: 12 }))).toEqual({ day: '20240601', serial: 12 });
    expect(parseSequence('garbage')).toBeNull();
    expect(parseSequence(null)).toBeNull();
  });
});
