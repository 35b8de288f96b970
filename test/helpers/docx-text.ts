import JSZip from 'jszip';

const texts = (xml: string) => [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!).join('')
  .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");

/** A .docx read back as Word keeps it: the body's paragraphs as text, its tables as rows of cell texts, its images. */
export async function readDocx(file: Buffer) {
  const zip = await JSZip.loadAsync(file);
  const xml = await zip.file('word/document.xml')!.async('string');
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) =>
    [...t[1]!.matchAll(/<w:tr[ >]([\s\S]*?)<\/w:tr>/g)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => texts(c[1]!))));
  const paragraphs = [...xml.matchAll(/<w:p[ >]([\s\S]*?)<\/w:p>/g)].map((p) => texts(p[1]!)).filter(Boolean);
  const media = await Promise.all(Object.keys(zip.files).filter((n) => n.startsWith('word/media/')).map((n) => zip.file(n)!.async('nodebuffer')));
  return { xml, tables, paragraphs, media };
}
