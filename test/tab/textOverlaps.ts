import type { Page } from 'playwright-core';

/**
 * Every pair of visible text runs whose boxes overlap on the page, measured in the browser:
 * each text node's line boxes (Range.getClientRects), compared with every other's. Text
 * that is visually hidden (clipped to a pixel) or inside an inert chart is left out.
 * A 1 px tolerance allows for anti-aliased edges that touch.
 */
export async function textOverlaps(page: Page): Promise<{ a: string; b: string }[]> {
  return page.evaluate(() => {
    const boxes: { text: string; r: DOMRect }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const parent = n.parentElement;
      if (!text || !parent || parent.closest('[inert], script, style, [aria-hidden="true"]')) continue;
      const style = getComputedStyle(parent);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      // Visually hidden text (clipped to nothing, for screen readers) takes no space a reader sees.
      let clipped = false;
      for (let el: Element | null = parent; el && !clipped; el = el.parentElement) {
        const s = getComputedStyle(el);
        clipped = (s.clip !== 'auto' && s.position === 'absolute') || s.clipPath !== 'none';
      }
      if (clipped) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) if (r.width > 1 && r.height > 1) boxes.push({ text, r });
    }
    const hits: { a: string; b: string }[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const p = boxes[i] as { text: string; r: DOMRect };
        const q = boxes[j] as { text: string; r: DOMRect };
        const x = Math.min(p.r.right, q.r.right) - Math.max(p.r.left, q.r.left);
        const y = Math.min(p.r.bottom, q.r.bottom) - Math.max(p.r.top, q.r.top);
        if (x > 1 && y > 1) hits.push({ a: p.text.slice(0, 40), b: q.text.slice(0, 40) });
      }
    }
    return hits;
  });
}
