import { reviewAgenda, reviewAgendaHtml } from './reviewAgenda';

const base = { childLabel: 'A.B. (DEMO-0007)', meetingDate: '2027-01-12', adviceCirculatedBy: '2026-12-28' };

describe('reviewAgenda', () => {
  it('covers views, outcomes, provision and the personal budget for a Year 5 child, without preparing for adulthood', () => {
    const headings = reviewAgenda({ ...base, preparingForAdulthood: false }).map((i) => i.heading);
    expect(headings).toContain('Views, wishes and feelings');
    expect(headings).toContain('Progress towards outcomes');
    expect(headings).toContain('Personal budget');
    expect(headings).not.toContain('Preparing for adulthood');
  });
  it('adds preparing for adulthood from Year 9', () => {
    expect(reviewAgenda({ ...base, preparingForAdulthood: true }).map((i) => i.heading)).toContain('Preparing for adulthood');
  });
  it('names the child only by the label it is given and the circulation date 28 Dec 2026', () => {
    const html = reviewAgendaHtml(reviewAgenda({ ...base, preparingForAdulthood: false }));
    expect(html).toContain('A.B. (DEMO-0007) on 2027-01-12');
    expect(html).toContain('circulated by 2026-12-28');
  });
  it('escapes markup in the HTML', () => {
    expect(reviewAgendaHtml([{ heading: '<b>', detail: 'a & b' }])).toBe('<h2>Agenda</h2><ol><li><strong>&lt;b&gt;</strong>: a &amp; b</li></ol>');
  });
});
