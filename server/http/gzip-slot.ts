import zlib from 'node:zlib';

/**
 * A page gzipped once, up to a slot where a short per-request text goes (RFC 1951/1952). The
 * head is deflated once and sync-flushed, which leaves the stream byte-aligned and open; each
 * request then appends one final *stored* (uncompressed) deflate block holding its text and
 * the short tail after it, and the gzip trailer: a CRC-32 carried on from the head's and the
 * length. Per request that is a copy and a CRC of ~100 bytes instead of gzipping ~8 KB.
 */
export interface GzipSlot { prefix: Buffer; headCrc: number; headLength: number; tail: Buffer }

// ID1 ID2, CM=8 (deflate), no flags, no mtime, XFL 0, OS 255 (unknown).
const HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** A stored block holds at most 65,535 bytes: the slot's text and the tail must fit. */
const STORED_MAX = 0xffff;

export function gzipSlot(head: Buffer, tail: Buffer): GzipSlot {
  const deflated = zlib.deflateRawSync(head, { level: 6, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  return { prefix: Buffer.concat([HEADER, deflated]), headCrc: zlib.crc32(head), headLength: head.length, tail };
}

/** The whole gzip stream of head + `text` + tail. */
export function fillGzipSlot(slot: GzipSlot, text: Buffer): Buffer {
  const rest = text.length + slot.tail.length;
  if (rest > STORED_MAX) throw new RangeError('a gzip slot holds at most 65,535 bytes after the head');
  const out = Buffer.allocUnsafe(slot.prefix.length + 5 + rest + 8);
  let at = slot.prefix.copy(out, 0);
  // BFINAL = 1, BTYPE = 00 (stored); the rest of the byte is padding. Then LEN and its complement.
  out[at++] = 1;
  at = out.writeUInt16LE(rest, at);
  at = out.writeUInt16LE(~rest & 0xffff, at);
  at += text.copy(out, at);
  at += slot.tail.copy(out, at);
  at = out.writeUInt32LE(zlib.crc32(slot.tail, zlib.crc32(text, slot.headCrc)), at);
  out.writeUInt32LE((slot.headLength + rest) % 2 ** 32, at);
  return out;
}
