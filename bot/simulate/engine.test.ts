import { isBankHolidayInEngland } from '../../shared/calendar/bankHolidays';
import { daysBetween, isWeekend, plusDays } from '../../shared/calendar/londonDay';
import { englandTypicalTerms, isSchoolHoliday } from '../../shared/calendar/termDates';
import { computeTimeline } from '../../shared/timeline/computeTimeline';
import { syntheticCaseload } from './caseload';
import { runSimulation, type SimulatedReview } from './engine';
import { measureDfe, measureRun, measureTargets } from './metrics';
import { dfeTargets2025 } from './dfeFigures';
import { defaultParameters, withOverrides } from './parameters';
import { type ReminderSchedule, reminderScheduleFromRules } from './reminderSchedule';

const terms = englandTypicalTerms();
const working = (d: string) => !isWeekend(d) && !isBankHolidayInEngland(d);
const school = (d: string) => working(d) && !isSchoolHoliday(d, terms);
const firstSchoolDayFrom = (d: string) => {
  let day = d;
  while (!school(day)) day = plusDays(day, 1);
  return day;
};

describe('the simulated year', () => {
  const p = defaultParameters;
  const plans = syntheticCaseload(p, 1);
  const baseline = runSimulation(plans, p, { product: false, seed: 1 });
  const product = runSimulation(plans, p, { product: true, seed: 1 });

  it('reproduces the DfE 2025 figures for ages 10-14 with the default parameters, read as the data set defines them, within 3 points', () => {
    const m = measureRun(baseline.reviews, p.from, p.to);
    const { tolerance, ages10to14: dfe } = dfeTargets2025;
    // The published counts, as the data set adds them up: 132,847 + 32,897 + 52,301 = 218,045; 62,939 of 132,847 within 4 weeks.
    expect(dfe).toEqual({ completed: 0.6093, completedEarly: 0.1509, notCompleted: 0.2399, decisions4w: 0.4738 });
    const sim = m.dfeAges10to14;
    expect(sim.expected).toBeGreaterThan(1500);
    expect(sim.completed + sim.completedEarly + sim.notCompleted).toBeCloseTo(1, 3);
    for (const k of ['completed', 'completedEarly', 'notCompleted', 'decisions4w'] as const) expect(Math.abs(sim[k] - dfe[k])).toBeLessThanOrEqual(tolerance);
    // Every plan's deadline falls in the year; a review concluded early brings the next one into it too.
    expect(m.expectedReviews).toBeGreaterThanOrEqual(5000);
    // No all-ages row could be read: nothing is made up in its place.
    expect(dfeTargets2025.allAges).toBeNull();
    expect(m.dfe.completed + m.dfe.completedEarly + m.dfe.notCompleted).toBeCloseTo(1, 3);
  });

  it("holds every plan's baseline to the project brief's all-ages headline: not completed within 3 points of a quarter, under half of decisions within 4 weeks", () => {
    // Not a DfE row (none could be read offline): the brief's national 2025 headline, in its words.
    const { briefHeadline: headline, tolerance } = dfeTargets2025;
    expect(headline.words).toBe('about a quarter of expected reviews not completed in the year; under half of decisions within 4 weeks');
    const all = measureRun(baseline.reviews, p.from, p.to).dfe;
    expect(all.expected).toBeGreaterThanOrEqual(5000);
    expect(Math.abs(all.notCompleted - headline.notCompleted)).toBeLessThanOrEqual(tolerance);
    expect(all.decisions4w).toBeLessThan(headline.decisions4wBelow);
  });

  it('gives the searches the same figures measureRun gives, counted without the timeline', () => {
    for (const run of [baseline, product]) {
      const m = measureRun(run.reviews, p.from, p.to);
      expect(measureTargets(run.reviews, p.from, p.to)).toEqual({ decisionsWithin4Weeks: m.decisionsWithin4Weeks.share, concludedWithin12Months: m.concludedWithin12Months.share });
      expect(measureDfe(run.reviews, p.from, p.to)).toEqual({ dfe: m.dfe, dfeAges10to14: m.dfeAges10to14 });
    }
  });

  it('concludes some reviews before the year they are due in (early, and the Reg 18 transfers)', () => {
    const early = baseline.reviews.filter((r) => r.counted && r.decisionNotifiedOn !== null && r.decisionNotifiedOn < p.from);
    expect(early.length).toBeGreaterThan(300);
    // Year 6 transfers (age 11) conclude early more often than the rest, as in the DfE's rows.
    const m = measureRun(baseline.reviews, p.from, p.to);
    expect(m.dfeAge11.completedEarly).toBeGreaterThan(m.dfeAges10to14.completedEarly);
  });

  it('is the same on a second run with the same seed, and different with another seed', () => {
    expect(runSimulation(plans, p, { product: true, seed: 1 })).toEqual(product);
    expect(runSimulation(plans, p, { product: false, seed: 1 })).toEqual(baseline);
    expect(runSimulation(plans, p, { product: false, seed: 2 }).reviews).not.toEqual(baseline.reviews);
  });

  it('walks the same reminders whether they are asked for in two parts or as a whole year at once', () => {
    // The engine asks for the first weeks of reminders, and the rest only when nobody has acted by then.
    const few = syntheticCaseload(withOverrides({ caseload: { plans: 800 } }), 4);
    const rules = reminderScheduleFromRules();
    const wholeYear: ReminderSchedule = { days: (action, query) => rules.days(action, { ...query, untilDays: 366 }) };
    const parts = runSimulation(few, p, { product: true, seed: 4, reminders: reminderScheduleFromRules() });
    expect(parts.reviews.filter((r) => r.remindersActedOn > 0).length).toBeGreaterThan(200);
    expect(runSimulation(few, p, { product: true, seed: 4, reminders: wholeYear })).toEqual(parts);
  });

  it('gives both runs the same caseload’s reviews, and the product acts on its reminders', () => {
    const firstCycles = (rs: SimulatedReview[]) => rs.filter((r) => r.cycle === 0).map((r) => [r.planId, r.reviewDeadline, r.heldEarly]);
    expect(firstCycles(product.reviews)).toEqual(firstCycles(baseline.reviews));
    expect(firstCycles(baseline.reviews)).toHaveLength(5000);
    expect(baseline.reviews.every((r) => r.remindersActedOn === 0)).toBe(true);
    expect(product.reviews.filter((r) => r.remindersActedOn > 0).length).toBeGreaterThan(1000);
  });

  for (const [name, run] of [
    ['without the product', baseline],
    ['with the product', product],
  ] as const) {
    it(`keeps every review's dates in the statutory order computeTimeline gives, ${name}`, () => {
      let checked = 0;
      for (const r of run.reviews) {
        const t = computeTimeline(r.case);
        expect(t.reviewDeadline).toBe(r.reviewDeadline);
        if (!r.meetingDate) continue;
        checked++;
        const booked = r.bookedOn as string;
        expect(r.case.meetingDate).toBe(r.meetingDate);
        expect(school(booked)).toBe(true);
        expect(school(r.meetingDate)).toBe(true);
        expect(r.meetingDate > booked).toBe(true);
        expect((r.invitationsSentOn as string) < r.meetingDate).toBe(true);
        // With the product a share of reports is submitted in the meeting, on the day.
        if (r.reportSentOn) expect(name === 'with the product' ? r.reportSentOn >= r.meetingDate : r.reportSentOn > r.meetingDate).toBe(true);
        if (r.decisionNotifiedOn) {
          // Without the product the officer waits for the report; with it the decision runs from the meeting (Reg 20(10)).
          if (name === 'without the product') expect(r.decisionNotifiedOn >= (r.reportSentOn as string)).toBe(true);
          expect(r.decisionNotifiedOn >= r.meetingDate).toBe(true);
          expect(working(r.decisionNotifiedOn)).toBe(true);
          expect(t.decisionDue).toBe(computeTimeline({ ...r.case, decision: undefined }).decisionDue);
        }
        if (r.amendmentNoticeServedOn) {
          expect(r.outcome).toBe('amend');
          expect(r.amendmentNoticeServedOn >= (r.decisionNotifiedOn as string)).toBe(true);
        }
        if (r.finalPlanIssuedOn) {
          // Reg 22(3): never finalised before the family's 15 days are over.
          expect(r.finalPlanIssuedOn > (t.familyResponseBy as string)).toBe(true);
        }
      }
      expect(checked).toBeGreaterThan(3000);
    });
  }

  it('starts the next cycle with the decision, as the timeline says (CoP 9.169)', () => {
    const byPlan = new Map<string, SimulatedReview[]>();
    for (const r of product.reviews) byPlan.set(r.planId, [...(byPlan.get(r.planId) ?? []), r]);
    let next = 0;
    for (const cycles of byPlan.values()) {
      for (let i = 1; i < cycles.length; i++) {
        const before = cycles[i - 1] as SimulatedReview;
        const after = cycles[i] as SimulatedReview;
        expect(after.case.lastReviewConcluded).toBe(before.decisionNotifiedOn);
        expect(after.reviewDeadline).toBe(computeTimeline(before.case).nextReviewDeadline);
        next++;
      }
    }
    expect(next).toBeGreaterThan(100);
  });

  it('books with two weeks’ notice and by the latest meeting date whenever that is still possible, with the product', () => {
    for (const r of product.reviews) {
      if (!r.meetingDate || r.postponed) continue;
      const t = computeTimeline(r.case);
      expect(daysBetween(r.invitationsSentOn as string, r.meetingDate)).toBeGreaterThanOrEqual(15);
      // Advice needs about four weeks; when a school day is left for the meeting after that, it is in time.
      let possible = false;
      for (let d = plusDays(r.bookedOn as string, 29); d <= t.latestMeetingDate && !possible; d = plusDays(d, 1)) possible = school(d);
      if (possible) expect(r.meetingDate <= t.latestMeetingDate).toBe(true);
      else expect(r.meetingDate).toBe(firstSchoolDayFrom(plusDays(r.bookedOn as string, 29)));
    }
  });

  it('with the product, submits a share of reports in the meeting and decides some reviews before the report', () => {
    const held = product.reviews.filter((r) => r.meetingDate && r.reportSentOn);
    const onTheDay = held.filter((r) => r.reportSentOn === r.meetingDate).length / held.length;
    expect(Math.abs(onTheDay - p.product.reportsInMeeting)).toBeLessThan(0.05);
    expect(product.reviews.some((r) => r.decisionNotifiedOn && r.reportSentOn && r.decisionNotifiedOn < r.reportSentOn)).toBe(true);
    expect(baseline.reviews.every((r) => r.reportSentOn === null || r.reportSentOn > (r.meetingDate as string))).toBe(true);
  });

  it('serves the amendment notice with the decision, with the product (R (L) v Devon CC [2022])', () => {
    const amended = product.reviews.filter((r) => r.amendmentNoticeServedOn);
    expect(amended.length).toBeGreaterThan(500);
    expect(amended.every((r) => r.amendmentNoticeServedOn === r.decisionNotifiedOn)).toBe(true);
  });

  it('decides more reviews on time with more officers, all else equal', () => {
    const share = (officers: number) =>
      measureRun(runSimulation(plans, withOverrides({ council: { officers } }), { product: false, seed: 1 }).reviews, p.from, p.to).decisionsWithin4Weeks.share;
    expect(share(10)).toBeLessThan(share(20));
    expect(share(20)).toBeLessThanOrEqual(share(40));
  });
});
