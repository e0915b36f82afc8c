#!/usr/bin/env node
/**
 * Draws the plugin's listing icon, .claude-plugin/icon.png (where Claude Code's plugin
 * directory looks for it): a lightning bolt (work moved out of the request) inside a
 * retry arc, white on an indigo-to-violet gradient, 1024 x 1024.
 *
 * Written by hand rather than with an image library: it is four shapes, and a PNG is a
 * zlib stream with a small header, so a dependency would be larger than the drawing.
 * Deterministic: the same script always writes the same bytes. Run: node scripts/icon.mjs
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const SIZE = 1024;
/** Sub-samples per pixel side, for smooth (anti-aliased) edges. */
const SS = 4;

const TOP = [79, 70, 229]; // indigo
const BOTTOM = [147, 51, 234]; // violet
const WHITE = [255, 255, 255];

/** The bolt, in a 0..1 box. */
const BOLT = [
  [0.56, 0.2],
  [0.34, 0.54],
  [0.49, 0.54],
  [0.43, 0.8],
  [0.67, 0.43],
  [0.52, 0.43],
  [0.6, 0.2],
].map(([x, y]) => [x * SIZE, y * SIZE]);

const CENTER = SIZE / 2;
const RING_OUTER = SIZE * 0.4;
const RING_INNER = SIZE * 0.345;
/** The arc leaves a gap at the top right, where its arrow head points. */
const GAP_FROM = -Math.PI / 2 + 0.2;
const GAP_TO = -Math.PI / 2 + 0.95;
const ARROW = [
  [CENTER + Math.cos(GAP_TO) * (RING_OUTER + SIZE * 0.06), CENTER + Math.sin(GAP_TO) * (RING_OUTER + SIZE * 0.06)],
  [CENTER + Math.cos(GAP_TO) * (RING_INNER - SIZE * 0.06), CENTER + Math.sin(GAP_TO) * (RING_INNER - SIZE * 0.06)],
  [CENTER + Math.cos(GAP_TO - 0.32) * ((RING_OUTER + RING_INNER) / 2), CENTER + Math.sin(GAP_TO - 0.32) * ((RING_OUTER + RING_INNER) / 2)],
];

function inPolygon(x, y, poly) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inArc(x, y) {
  const dx = x - CENTER;
  const dy = y - CENTER;
  const r = Math.hypot(dx, dy);
  if (r < RING_INNER || r > RING_OUTER) return false;
  const a = Math.atan2(dy, dx);
  return !(a > GAP_FROM && a < GAP_TO);
}

const isWhite = (x, y) => inPolygon(x, y, BOLT) || inArc(x, y) || inPolygon(x, y, ARROW);

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let py = 0; py < SIZE; py++) {
  const row = py * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  const t = py / (SIZE - 1);
  const bg = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
  for (let px = 0; px < SIZE; px++) {
    let hits = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) if (isWhite(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS)) hits++;
    }
    const cover = hits / (SS * SS);
    const at = row + 1 + px * 4;
    for (let i = 0; i < 3; i++) raw[at + i] = Math.round(bg[i] + (WHITE[i] - bg[i]) * cover);
    raw[at + 3] = 255;
  }
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '.claude-plugin', 'icon.png');
writeFileSync(out, png);
process.stdout.write(`${path.relative(process.cwd(), out)}: ${SIZE} x ${SIZE}, ${png.length} bytes\n`);
