import { PNG } from 'pngjs';
import type { Problem } from './problem';

/** What Teams requires of the two package icons. */
export const requiredIconSizes = { color: 192, outline: 32 } as const;

/**
 * The icons the manifest names are in the package, are PNGs of the required sizes, and the
 * outline icon is white on transparent (Teams: "The outline icon ... should be white with a
 * transparent background"; any other colour is rejected at upload).
 *
 * @param files the package's files by name (what goes into the zip beside manifest.json)
 */
export function checkIcons(manifest: { icons?: unknown }, files: ReadonlyMap<string, Buffer>): Problem[] {
  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const kind of ['color', 'outline'] as const) {
    const name = icons[kind];
    const where = `/icons/${kind}`;
    if (typeof name !== 'string') continue; // the schema reports the missing field
    const bytes = files.get(name);
    if (!bytes) {
      problems.push({ check: 'icons', where, message: `${name} is not in the package` });
      continue;
    }
    let png: PNG;
    try {
      png = PNG.sync.read(bytes);
    } catch (e) {
      problems.push({ check: 'icons', where, message: `${name} is not a readable PNG (${(e as Error).message})` });
      continue;
    }
    const size = requiredIconSizes[kind];
    if (png.width !== size || png.height !== size) {
      problems.push({ check: 'icons', where, message: `${name} is ${png.width}x${png.height}; the ${kind} icon must be ${size}x${size} pixels` });
    }
    if (kind === 'outline') {
      let coloured = 0;
      let transparent = 0;
      for (let i = 0; i < png.data.length; i += 4) {
        const alpha = png.data[i + 3] as number;
        if (alpha === 0) transparent++;
        else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) coloured++;
      }
      if (coloured > 0) problems.push({ check: 'icons', where, message: `${name} has ${coloured} pixels that are neither white nor transparent; the outline icon must be white on transparent` });
      if (transparent === 0) problems.push({ check: 'icons', where, message: `${name} has no transparent pixels; the outline icon needs a transparent background` });
    }
  }
  return problems;
}
