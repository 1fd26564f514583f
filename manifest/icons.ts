import { PNG } from 'pngjs';

/**
 * The app's icons, drawn in code so every size comes from one design and can be redrawn
 * (`node dist/manifest/cli.js icons`) instead of edited by hand. Teams wants a full-colour
 * 192x192 icon and a 32x32 outline that is white on transparent; Outlook's ribbon wants
 * 16, 32 and 80 pixels, and the add-in-only XML manifest 64 and 128.
 */

/** The accent colour (the manifest's `accentColor`, the colour icon's background). */
export const accentColor = '#00676B';

/** One icon file: its name in `manifest/icons/`, its size, and whether it is the outline style. */
export interface IconSpec {
  file: string;
  size: number;
  style: 'color' | 'outline';
}

export const teamsIcons = {
  color: { file: 'color.png', size: 192, style: 'color' },
  outline: { file: 'outline.png', size: 32, style: 'outline' },
} as const satisfies Record<string, IconSpec>;

/** Ribbon and add-in icons, served by the service under /addin/assets/. */
export const addinIcons: readonly IconSpec[] = [16, 32, 64, 80, 128].map((size) => ({ file: `icon-${size}.png`, size, style: 'color' }));

type Point = [number, number];

function distanceToSegment([px, py]: Point, [ax, ay]: Point, [bx, by]: Point): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function inRoundedRect(x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.max(x0 + r, Math.min(x1 - r, x));
  const cy = Math.max(y0 + r, Math.min(y1 - r, y));
  return Math.hypot(x - cx, y - cy) <= r;
}

/** The glyph (a calendar page with a tick), in a unit square: true where it is white. */
function inGlyph(x: number, y: number): boolean {
  const stroke = 0.075;
  const outer = inRoundedRect(x, y, 0.2, 0.24, 0.8, 0.8, 0.08);
  const inner = inRoundedRect(x, y, 0.2 + stroke, 0.24 + stroke, 0.8 - stroke, 0.8 - stroke, 0.03);
  const header = x >= 0.2 && x <= 0.8 && y >= 0.24 && y <= 0.38 && outer;
  const rings = (Math.abs(x - 0.36) < 0.035 || Math.abs(x - 0.64) < 0.035) && y >= 0.16 && y <= 0.3;
  const tick = Math.min(distanceToSegment([x, y], [0.34, 0.58], [0.46, 0.69]), distanceToSegment([x, y], [0.46, 0.69], [0.67, 0.47])) <= stroke / 2;
  return (outer && !inner) || header || rings || tick;
}

function hex(color: string): [number, number, number] {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/**
 * Draws one icon as PNG bytes (4x4 supersampled, so small sizes keep their edges smooth).
 *
 * @example drawIcon({ file: 'outline.png', size: 32, style: 'outline' }) // a 32x32 PNG, white glyph, transparent elsewhere
 */
export function drawIcon(spec: IconSpec): Buffer {
  const png = new PNG({ width: spec.size, height: spec.size, colorType: 6 });
  const [br, bg, bb] = hex(accentColor);
  const samples = 4;
  for (let py = 0; py < spec.size; py++) {
    for (let px = 0; px < spec.size; px++) {
      let glyph = 0;
      let background = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / spec.size;
          const y = (py + (sy + 0.5) / samples) / spec.size;
          if (inGlyph(x, y)) glyph++;
          else if (inRoundedRect(x, y, 0, 0, 1, 1, 0.18)) background++;
        }
      }
      const total = samples * samples;
      const i = (py * spec.size + px) * 4;
      if (spec.style === 'outline') {
        // Teams requires the outline icon to be white on transparent: only the alpha varies.
        png.data[i] = 255;
        png.data[i + 1] = 255;
        png.data[i + 2] = 255;
        png.data[i + 3] = Math.round((255 * glyph) / total);
      } else {
        const alpha = (glyph + background) / total;
        const white = alpha === 0 ? 0 : glyph / (glyph + background);
        png.data[i] = Math.round(br + (255 - br) * white);
        png.data[i + 1] = Math.round(bg + (255 - bg) * white);
        png.data[i + 2] = Math.round(bb + (255 - bb) * white);
        png.data[i + 3] = Math.round(255 * alpha);
      }
    }
  }
  return PNG.sync.write(png);
}

/** Every icon the package and the add-in need. */
export const allIcons: readonly IconSpec[] = [teamsIcons.color, teamsIcons.outline, ...addinIcons];
