import { pad } from '../figures/periods';
import { vietnamDate } from '../time/vietnam-time';
import type { ReportSettings } from './settings.repo';

type T = (key: string, params?: Record<string, string | number>) => string;

/** What the national heading and the signature block print, with the defaults filled in. */
export interface DocumentHead {
  parentAgency: string | null;
  agency: string;
  placeDate: string;
  preparer: { title: string; name: string | null };
  head: { title: string; name: string | null };
}

const TYPE_PREFIX = /^(Tỉnh|Thành phố|Huyện|Quận|Thị xã|Xã|Phường|Thị trấn|Đặc khu)\s+/i;

/**
 * "Tây Sơn, ngày 05 tháng 02 năm 2026": as Nghị định 30/2020/NĐ-CP writes the date of a
 * document, with a leading zero for days below 10 and for months below 3.
 */
export function placeDate(place: string, date: string, lang: string, t: T): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? pad(d) : String(d);
  const month = m < 3 ? pad(m) : String(m);
  return t('reports.doc.place_date', { place, day: lang === 'en' ? d : day, month: lang === 'en' ? t(`reports.months.m${m}`) : month, year: y });
}

/** The heading and signers of a document about `unitName`, printed on `now` (its day in Vietnam). */
export function documentHead(s: ReportSettings, unitName: string, now: Date, lang: string, t: T): DocumentHead {
  const place = s.place ?? unitName.replace(TYPE_PREFIX, '');
  return {
    parentAgency: s.parentAgency,
    agency: s.agencyName ?? unitName,
    placeDate: placeDate(place, vietnamDate(now), lang, t),
    preparer: { title: s.preparerTitle ?? t('reports.doc.preparer'), name: s.preparerName },
    head: { title: s.headTitle ?? t('reports.doc.head'), name: s.headName },
  };
}
