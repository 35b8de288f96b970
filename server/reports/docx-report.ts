import { deltaScale } from '../dashboard/charts';
import type { ReportModel } from './report-model';
import { bullet, chartTable, dataTable, heading, nationalHead, PAGE, para, signatures, SIZE, type D } from './docx-parts';

type T = (key: string, params?: Record<string, string | number>) => string;
const nums = (...i: number[]) => new Set(i);


function body(d: D, m: ReportModel, t: T) {
  const s = m.summary;
  const barsNote = para(d, t('reports.doc.bars_note', { target: m.target }), { italics: true, size: SIZE.small });
  const max = deltaScale(m.unitsChange.map((r) => r.value));
  return [
    nationalHead(d, m.head, t),
    para(d, m.title, { bold: true, size: SIZE.title, align: 'center', before: 240, after: 0 }),
    para(d, m.subtitle, { bold: true, align: 'center', after: 240 }),
    ...m.intro.map((line) => para(d, line)),
    heading(d, t('reports.doc.sec_summary')), para(d, s.target, { bold: true }), ...s.missed.map((l) => bullet(d, l)),
    ...(s.criteria.length ? [para(d, s.criteriaTitle, { bold: true }), ...s.criteria.map((l) => bullet(d, l))] : []),
    ...(s.services.length ? [para(d, s.servicesTitle, { bold: true }), ...s.services.map((l) => bullet(d, l))] : []),
    heading(d, t('reports.doc.sec_overall')), ...m.headline.map((line) => para(d, line)),
    para(d, t('dashboard.elements.chart'), { bold: true, keepNext: true }), chartTable(d, m.elementsChart, { target: m.target }), barsNote,
    dataTable(d, m.elements, [0.5, 0.13, 0.1, 0.12, 0.15], nums(1, 2, 3)),
    heading(d, t('reports.doc.sec_units')),
    para(d, t('dashboard.units.chart'), { bold: true, keepNext: true }), chartTable(d, m.unitsChart, { target: m.target }), barsNote,
    para(d, t('reports.chart.change_units', { previous: m.previousLabel }), { bold: true, keepNext: true }), chartTable(d, m.unitsChange, { max }),
    para(d, t('reports.doc.delta_note', { max }), { italics: true, size: SIZE.small }),
    dataTable(d, m.units, [0.08, 0.26, 0.08, 0.09, 0.1, 0.1, 0.15, 0.14], nums(0, 2, 3, 5, 6)),
    para(d, t('reports.doc.elements_by_unit'), { bold: true, before: 160, keepNext: true }),
    dataTable(d, m.unitElements, [0.25, 0.15, 0.15, 0.15, 0.15, 0.15], nums(1, 2, 3, 4, 5)),
    para(d, m.fewRule, { italics: true, size: SIZE.small }),
    heading(d, t('reports.doc.sec_services')),
    chartTable(d, m.servicesChart, { target: m.target }), barsNote,
    dataTable(d, m.services, [0.08, 0.26, 0.08, 0.09, 0.1, 0.1, 0.15, 0.14], nums(0, 2, 3, 5, 6)),
    para(d, t('reports.doc.elements_by_service'), { bold: true, before: 160, keepNext: true }),
    dataTable(d, m.serviceElements, [0.25, 0.15, 0.15, 0.15, 0.15, 0.15], nums(1, 2, 3, 4, 5)),
    heading(d, t('reports.doc.sec_criteria')),
    dataTable(d, m.criteria, [0.5, 0.1, 0.08, 0.1, 0.1, 0.12], nums(1, 2, 3, 4)),
    heading(d, t('reports.doc.sec_priorities')),
    dataTable(d, m.priorities, [0.08, 0.6, 0.2, 0.12], nums(0, 2, 3)),
    // Kept with the signatures: a signature block never stands alone on the last page.
    heading(d, t('reports.doc.sec_method')), para(d, m.method, { size: SIZE.table, keepNext: true }), para(d, m.fewRule, { size: SIZE.table, keepNext: true }),
    para(d, '', { after: 240, keepNext: true }),
    signatures(d, m.head, t),
  ];
}

/**
 * "Báo cáo kết quả khảo sát sự hài lòng" as a .docx: written with the maintained `docx`
 * package, loaded on the first report so that the server at rest stays light.
 */
export async function writeReportDocx(m: ReportModel, t: T): Promise<Buffer> {
  const d: D = await import('docx');
  const doc = new d.Document({
    creator: 'SIPAS', title: `${m.title} ${m.subtitle}`, description: m.subtitle,
    styles: { default: { document: { run: { font: 'Times New Roman', size: SIZE.body } } } },
    sections: [{
      properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right } } },
      footers: { default: new d.Footer({ children: [new d.Paragraph({ alignment: 'center', children: [new d.TextRun({ children: [d.PageNumber.CURRENT], size: SIZE.small })] })] }) },
      children: body(d, m, t),
    }],
  });
  return d.Packer.toBuffer(doc);
}
