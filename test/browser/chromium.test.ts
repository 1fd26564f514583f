import { axeViolations, launchChromium } from '../../testkit/chromium';

describe('the test browser', () => {
  it('is the machine’s Chromium, and the accessibility scan finds a missing label', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent('<!doctype html><html lang="en-GB"><head><title>t</title></head><body><main><h1>Hello</h1><input type="text"></main></body></html>');
      const violations = await axeViolations(page);
      expect(violations.map((v) => v.id)).toContain('label');
      await page.setContent('<!doctype html><html lang="en-GB"><head><title>t</title></head><body><main><h1>Hello</h1><label>Name <input type="text"></label></main></body></html>');
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
