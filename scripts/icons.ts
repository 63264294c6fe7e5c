// Draws the two Teams app icons (PNG) into deployment/teams/.
/**
 * Draws the two Teams app icons into deployment/teams/ as PNG files, with nothing but node:zlib:
 * - color.png, 192×192: two white interlocking rings (the "liaison", the link kept during the leave) on the
 *   accent colour, full bleed (Teams rounds the corners itself);
 * - outline.png, 32×32: the same rings in white on a transparent background, as Teams requires.
 * The PNGs are committed; run `npx tsx scripts/icons.ts` again only to change the drawing.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The manifest's accentColor; keep both in step. */
export const ACCENT = { r: 0x0f, g: 0x6c, b: 0x74 };

type Rgba = [number, number, number, number];

/** Coverage (0–1) of a pixel by the two rings, measured on a 4×4 grid of samples for smooth edges. */
function ringsCoverage(x: number, y: number, size: number): number {
  const rings = [
    { cx: 0.39 * size, cy: 0.5 * size },
    { cx: 0.61 * size, cy: 0.5 * size },
  ];
  const radius = 0.2 * size;
  const half = Math.max(0.045 * size, 1.1); // half the stroke width; at least ~2 px on the 32 px icon
  const grid = 4;
  let inside = 0;
  for (let i = 0; i < grid; i++) {
    for (let j = 0; j < grid; j++) {
      const sx = x + (i + 0.5) / grid;
      const sy = y + (j + 0.5) / grid;
      const onRing = rings.some(({ cx, cy }) => Math.abs(Math.hypot(sx - cx, sy - cy) - radius) <= half);
      if (onRing) inside++;
    }
  }
  return inside / (grid * grid);
}

function draw(size: number, background: Rgba | null): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cover = ringsCoverage(x, y, size);
      const offset = (y * size + x) * 4;
      let pixel: Rgba;
      if (background) {
        // White blended over the opaque background.
        const mix = (channel: number) => Math.round(channel + (255 - channel) * cover);
        pixel = [mix(background[0]), mix(background[1]), mix(background[2]), 255];
      } else {
        // Outline icon: only white, the edge smoothness carried by alpha alone.
        pixel = cover === 0 ? [0, 0, 0, 0] : [255, 255, 255, Math.round(255 * cover)];
      }
      pixels.set(pixel, offset);
    }
  }
  return encodePng(size, size, pixels);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** An 8-bit RGBA PNG, every scanline with filter 0 (none). */
export function encodePng(width: number, height: number, rgba: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, adaptive filtering, no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

if (require.main === module) {
  const target = path.join(__dirname, '..', 'deployment', 'teams');
  fs.writeFileSync(path.join(target, 'color.png'), draw(192, [ACCENT.r, ACCENT.g, ACCENT.b, 255]));
  fs.writeFileSync(path.join(target, 'outline.png'), draw(32, null));
  console.log(`Icons written to ${path.relative(process.cwd(), target) || '.'}/color.png and outline.png`);
}
