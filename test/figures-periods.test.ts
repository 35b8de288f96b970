import { createI18n } from '../server/i18n';
import { parsePeriod, periodLabel, periodRange, previousPeriod, isLocalDate } from '../server/figures/periods';

const vi = createI18n().getFixedT('vi');
const en = createI18n().getFixedT('en');

describe('reporting periods in UTC+7', () => {
  test.each([
    ['2025-02', '2025-02-01', '2025-02-28', 'Tháng 2/2025'],
    ['2024-02', '2024-02-01', '2024-02-29', 'Tháng 2/2024'],
    ['2025-Q1', '2025-01-01', '2025-03-31', 'Quý I/2025'],
    ['2025-q4', '2025-10-01', '2025-12-31', 'Quý IV/2025'],
    ['2025-H1', '2025-01-01', '2025-06-30', '6 tháng đầu năm 2025'],
    ['2025-H2', '2025-07-01', '2025-12-31', '6 tháng cuối năm 2025'],
    ['2025', '2025-01-01', '2025-12-31', 'Năm 2025'],
  ])('%s is %s..%s, "%s"', (param, from, to, label) => {
    const p = parsePeriod({ period: param })!;
    expect(periodRange(p)).toEqual({ from, to });
    expect(periodLabel(p, vi)).toBe(label);
  });

  test('a date range, both ends included, and its labels', () => {
    const p = parsePeriod({ from: '2025-03-01', to: '2025-03-15' })!;
    expect(periodRange(p)).toEqual({ from: '2025-03-01', to: '2025-03-15' });
    expect(periodLabel(p, vi)).toBe('Từ 01/03/2025 đến 15/03/2025');
    expect(periodLabel(parsePeriod({ period: '2025-Q1' })!, en)).toBe('Q1 2025');
  });

  test('invalid input is null', () => {
    for (const q of [{ period: '2025-13' }, { period: '2025-Q5' }, { period: 'H1' }, { from: '2025-02-30', to: '2025-03-01' }, { from: '2025-03-02', to: '2025-03-01' }, { from: '2025-03-01' }, {}]) {
      expect(parsePeriod(q)).toBeNull();
    }
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2025-02-29')).toBe(false);
  });

  test('the previous period of the same length', () => {
    const prev = (q: { period?: string; from?: string; to?: string }) => periodRange(previousPeriod(parsePeriod(q)!));
    expect(prev({ period: '2025-01' })).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(prev({ period: '2025-03' })).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(prev({ period: '2025-Q1' })).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(prev({ period: '2025-H2' })).toEqual({ from: '2025-01-01', to: '2025-06-30' });
    expect(prev({ period: '2025-H1' })).toEqual({ from: '2024-07-01', to: '2024-12-31' });
    expect(prev({ period: '2025' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(prev({ from: '2025-03-01', to: '2025-03-10' })).toEqual({ from: '2025-02-19', to: '2025-02-28' });
  });
});
