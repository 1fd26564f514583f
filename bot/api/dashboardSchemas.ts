import { z } from 'zod';
import { isIsoDate } from '../../shared';
import { comingHorizons, comingSorts } from '../store/dashboard/coming';
import { dashboardSteps } from '../store/dashboard/openSteps';
import { exclusionReasons } from '../store/dashboard/sen2Census';
import { todaySorts } from '../store/dashboard/today';

const isoDate = z.string().refine(isIsoDate, { message: 'must be a real calendar date written YYYY-MM-DD (for example 2027-01-21)' });

/** At most 100 rows a page: the tab never renders more than one page of any table. */
export const MAX_PAGE_SIZE = 100;

const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
};
const dir = z.enum(['asc', 'desc']).default('asc');

export const todayQuery = z.strictObject({
  ...paging,
  step: z.enum(dashboardSteps).optional(),
  school: z.string().min(1).max(63).optional(),
  officer: z
    .union([z.literal('unassigned'), z.coerce.number().int().min(1)])
    .optional()
    .describe("a case officer's person id, or 'unassigned'"),
  sort: z.enum(todaySorts).default('due'),
  dir,
});

export const comingQuery = z.strictObject({
  ...paging,
  weeks: z.coerce
    .number()
    .refine((w) => (comingHorizons as readonly number[]).includes(w), { message: 'must be 4, 8 or 12' })
    .default(4),
  sort: z.enum(comingSorts).default('deadline'),
  dir,
});

export const pageQuery = z.strictObject(paging);

/** An endpoint that takes no query: anything given is a mistake worth saying so. */
export const noQuery = z.strictObject({});

export const sen2Query = z.strictObject({ ...paging, census: isoDate.optional() });

export const sen2ExcludedQuery = z.strictObject({
  ...paging,
  census: isoDate.optional(),
  reason: z.enum(Object.keys(exclusionReasons) as [keyof typeof exclusionReasons, ...(keyof typeof exclusionReasons)[]]).optional(),
});

export const sen2CsvQuery = z.strictObject({ census: isoDate.optional() });
