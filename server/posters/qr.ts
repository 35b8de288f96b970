import QRCode from 'qrcode';

// Error correction M (15%) survives a scuffed or partly covered poster; a 4-module quiet
// zone is what the standard asks for and what cheap phone cameras need.
const BASE = { errorCorrectionLevel: 'M' as const, margin: 4, color: { dark: '#000000', light: '#ffffff' } };

/** The survey URL a point's QR encodes: exactly PUBLIC_URL + /s/<code>. */
export const surveyUrl = (publicUrl: string, code: string) => `${publicUrl}/s/${code}`;

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...BASE, type: 'svg' });
}

/** PNG at least 1,000 px wide, for print shops and Zalo. */
export function qrPng(text: string, width = 1200): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...BASE, type: 'png', width });
}

/** The SVG as a data: URI, so that a poster page is one request and prints with its QR loaded. */
export async function qrDataUri(text: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(text)).toString('base64')}`;
}
