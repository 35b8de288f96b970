import QRCode from 'qrcode';
import { qrPngBuffer } from './qr-png';

// Error correction M (15%) survives a scuffed or partly covered poster; a 4-module quiet
// zone is what the standard asks for and what cheap phone cameras need.
const BASE = { errorCorrectionLevel: 'M' as const, margin: 4, color: { dark: '#000000', light: '#ffffff' } };

/** The survey URL a point's QR encodes: exactly PUBLIC_URL + /s/<code>. */
export const surveyUrl = (publicUrl: string, code: string) => `${publicUrl}/s/${code}`;

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...BASE, type: 'svg' });
}

/** PNG at least 1,000 px wide (whole modules, so edges stay sharp), for print shops and Zalo. */
export function qrPng(text: string, minWidth = 1000): Buffer {
  return qrPngBuffer(text, minWidth, BASE.margin);
}

/** The SVG as a data: URI, so that a poster page is one request and prints with its QR loaded. */
export async function qrDataUri(text: string): Promise<string> {
  return `data:image/svg+xml;base64,${Buffer.from(await qrSvg(text)).toString('base64')}`;
}
