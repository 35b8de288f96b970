import zlib from 'node:zlib';
import QRCode from 'qrcode';

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
  return png(width, width, zlib.deflateSync(raw, { level: 9 }));
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function png(width: number, height: number, idat: Buffer): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
