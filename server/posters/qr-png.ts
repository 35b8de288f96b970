import QRCode from 'qrcode';
import { GRAY, pngFile } from '../images/png-file';

/**
 * A grayscale PNG of a QR code, written directly: qrcode's own PNG path sets pixels one by
 * one through pngjs and took seconds per image under jest. Whole rows are filled here, then
 * deflated once. Each module is `scale` pixels; the 4-module quiet zone is included.
 */
export function qrPngBuffer(text: string, minWidth: number, margin: number): Buffer {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const modules = n + 2 * margin;
  const scale = Math.ceil(minWidth / modules);
  const width = modules * scale;
  const rowBytes = width + 1; // filter byte + one gray byte per pixel
  const raw = Buffer.alloc(rowBytes * width, 0xff);
  const line = Buffer.alloc(rowBytes, 0xff);
  for (let y = 0; y < n; y++) {
    line.fill(0xff);
    line[0] = 0;
    for (let x = 0; x < n; x++) {
      if (qr.modules.get(y, x)) line.fill(0, 1 + (x + margin) * scale, 1 + (x + margin + 1) * scale);
    }
    for (let k = 0; k < scale; k++) line.copy(raw, ((y + margin) * scale + k) * rowBytes);
  }
  for (let r = 0; r < width; r++) raw[r * rowBytes] = 0;
  return pngFile(width, width, GRAY, raw);
}
