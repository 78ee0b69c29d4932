/** Minimal PNG reader for the app icons: IHDR fields, and RGBA pixels of 8-bit non-interlaced RGBA images. */
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
/** PNG colour type 6: 8-bit RGBA, the only type whose transparency is a real alpha channel. */
export const RGBA = 6;

export interface Png {
  width: number;
  height: number;
  colorType: number;
  /** Present for 8-bit non-interlaced RGBA images: 4 bytes per pixel, row after row. */
  rgba?: Buffer;
}

export function readPng(buf: Buffer): Png {
  if (!buf.subarray(0, 8).equals(SIGNATURE) || buf.toString('ascii', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const [bitDepth, colorType, , , interlace] = buf.subarray(24, 29);
  if (bitDepth !== 8 || colorType !== RGBA || interlace !== 0) return { width, height, colorType: colorType ?? -1 };
  const idat: Buffer[] = [];
  for (let off = 8; off < buf.length;) {
    const len = buf.readUInt32BE(off);
    if (buf.toString('ascii', off + 4, off + 8) === 'IDAT') idat.push(buf.subarray(off + 8, off + 8 + len));
    off += 12 + len;
  }
  return { width, height, colorType, rgba: unfilter(inflateSync(Buffer.concat(idat)), width, height) };
}

/** Undoes the per-row filters (none, sub, up, average, Paeth) of 4-byte pixels. */
function unfilter(raw: Buffer, width: number, height: number): Buffer {
  const stride = width * 4;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const cur = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= 4 ? (out[y * stride + x - 4] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= 4 && y > 0 ? (out[(y - 1) * stride + x - 4] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
      out[y * stride + x] = (cur + predictor) & 0xff;
    }
  }
  return out;
}

/**
 * Problems of a Teams icon, [] if none. Teams requires a 192x192 colour icon and a 32x32 outline icon that is white
 * on a transparent background (https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/apps-package).
 */
export function iconProblems(kind: 'color' | 'outline', file: string, buf: Buffer): string[] {
  let png: Png;
  try {
    png = readPng(buf);
  } catch {
    return [`${file} is not a PNG image.`];
  }
  const size = kind === 'color' ? 192 : 32;
  const problems: string[] = [];
  if (png.width !== size || png.height !== size)
    problems.push(`${file} is ${png.width}x${png.height}; the ${kind} icon must be ${size}x${size} pixels.`);
  if (kind === 'outline') {
    if (!png.rgba) return [...problems, `${file} must be an 8-bit RGBA PNG: the outline icon needs real transparency.`];
    let visible = 0;
    let notWhite = 0;
    for (let i = 0; i < png.rgba.length; i += 4) {
      if (png.rgba[i + 3] === 0) continue;
      visible++;
      if (png.rgba[i] !== 255 || png.rgba[i + 1] !== 255 || png.rgba[i + 2] !== 255) notWhite++;
    }
    if (notWhite > 0)
      problems.push(`${file} has ${notWhite} visible pixels that are not white; outline icons are white.`);
    if (visible === 0) problems.push(`${file} is fully transparent.`);
    if (visible === png.width * png.height) problems.push(`${file} has no transparent pixel.`);
  }
  return problems;
}
