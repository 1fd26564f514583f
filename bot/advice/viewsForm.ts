import { z } from 'zod';

/**
 * The family's views for the annual review (CoP 9.166-9.168, 9.176: the views, wishes and
 * feelings of the child or young person and the parent, changed aspirations, and whether the
 * family wants a Personal Budget), asked in plain English.
 */
export const viewsQuestions = [
  { id: 'goingWell', label: 'How are things going at the moment?', hint: 'At school or college, at home, with friends. Good things and hard things.' },
  { id: 'worked', label: 'What has worked well since the last review?', hint: 'Support, people or changes that have helped.' },
  { id: 'change', label: 'What would you like to change?', hint: 'Anything that is not working, or support you would like.' },
  { id: 'aspirations', label: 'What are your hopes for the future?', hint: 'For the next year, and for when they are older.' },
  // The child's or young person's own views, wishes and feelings, in their own right (CoP 9.166-9.168).
  {
    id: 'childViews',
    label: 'In the child’s or young person’s own words',
    hint: 'What they say about school or college, home, friends and what they want to happen. Write down what they tell you, or let them write it themselves.',
  },
] as const;

export type ViewsQuestionId = (typeof viewsQuestions)[number]['id'];

export const personalBudgetChoices = [
  { value: 'yes', label: 'Yes, I would like to ask about a Personal Budget' },
  { value: 'no', label: 'No' },
  { value: 'not-sure', label: 'I am not sure, I would like to know more' },
] as const;

export const helperChoices = [
  { value: 'myself', label: 'Nobody, I filled it in myself' },
  { value: 'family', label: 'A family member or friend' },
  { value: 'school', label: 'Someone from the school or college' },
  { value: 'sendiass', label: 'A SENDIASS adviser (the local SEND information, advice and support service)' },
  { value: 'other', label: 'Someone else' },
] as const;

const MAX_ANSWER = 5000;
const answer = z.string().trim().max(MAX_ANSWER, `Keep this answer to ${MAX_ANSWER} characters or fewer`).default('');

export const viewsSchema = z.object({
    goingWell: answer,
    worked: answer,
    change: answer,
    aspirations: answer,
    childViews: answer,
    // Neither choice is needed by law, so neither is required: the review asks whether a Personal Budget is wanted (CoP 9.176), the family need not answer here.
    personalBudget: z.enum(['yes', 'no', 'not-sure']).optional(),
    helper: z.enum(['myself', 'family', 'school', 'sendiass', 'other']).optional(),
  helperName: z.string().trim().max(200, 'Keep this to 200 characters or fewer').default(''),
});

export type FamilyViews = z.output<typeof viewsSchema>;

export type ViewsCheck = { ok: true; views: FamilyViews } | { ok: false; problems: { field: string; message: string }[] };

/**
 * Checks what the form sent: every problem at once, one message per field, in the order the
 * form asks (an empty form hears about the questions and both choices together).
 */
export function checkViews(values: Record<string, string>, hasChildFile = false): ViewsCheck {
  const parsed = viewsSchema.safeParse({ ...values, personalBudget: values.personalBudget || undefined, helper: values.helper || undefined });
  const seen = new Map<string, string>();
  const texts = viewsQuestions.map((q) => (values[q.id] ?? '').trim());
  // The child's own file or picture is an answer too: sent alone, it is enough.
  if (!hasChildFile && texts.every((t) => t === '')) seen.set('goingWell', 'Write something in at least one box, or add the child’s own file or picture: there is nothing to send yet');
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'goingWell');
      if (!seen.has(field)) seen.set(field, issue.message);
    }
  }
  if (parsed.success && seen.size === 0) return { ok: true, views: parsed.data };
  const order = ['goingWell', 'worked', 'change', 'aspirations', 'childViews', 'childViewsFile', 'personalBudget', 'helper', 'helperName'];
  return { ok: false, problems: order.filter((f) => seen.has(f)).map((field) => ({ field, message: seen.get(field) as string })) };
}
