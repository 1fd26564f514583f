import { dayOfWeek, plusDays } from '../calendar/londonDay';
import type { IsoDate } from '../timeline/types';

export const familyAddresseeSource = 'CFA 2014 s80; Regs 63-64';

/** What the case records about who is addressed once the child is over compulsory school age. */
export type Addressing = 'auto' | 'young-person-and-parent' | 'alternative-person';
export const addressings = ['auto', 'young-person-and-parent', 'alternative-person'] as const satisfies readonly Addressing[];

/** Who the invitations, the decision and every notice go to, and why. */
export interface FamilyAddressee {
  to: 'parent' | 'young-person' | 'alternative-person';
  /** The parent gets them as well: only where the young person wishes it. */
  copyParent: boolean;
  /** The last day of compulsory school age, when the date of birth is known. */
  compulsorySchoolAgeEnds: IsoDate | null;
  source: string;
}

/**
 * The last day of compulsory school age: the last Friday in June of the school year
 * (September to August) in which the child turns 16. The reading is the project's, from
 * Education Act 1996 s8 and the school leaving date (the last Friday in June); it is not in
 * the project's rule list yet, so it is named in the README's readings for checking.
 *
 * @example compulsorySchoolAgeEnds('2010-08-31') //=> '2026-06-26' (16 on 31 Aug 2026, school year 2025/26)
 * @example compulsorySchoolAgeEnds('2010-09-01') //=> '2027-06-25' (16 on 1 Sep 2026, school year 2026/27)
 */
export function compulsorySchoolAgeEnds(dateOfBirth: IsoDate): IsoDate {
  const [y, m] = dateOfBirth.split('-').map(Number) as [number, number];
  // The school year in which the 16th birthday falls ends in August of this calendar year.
  const endYear = m >= 9 ? y + 17 : y + 16;
  const june30 = `${endYear}-06-30`;
  return plusDays(june30, -((dayOfWeek(june30) - 5 + 7) % 7));
}

/**
 * Who the family's invitations, the decision and every notice are addressed to on `on`.
 * Up to the end of compulsory school age, the parent. After it the rights are the young
 * person's own (CFA 2014 s80): the young person, with the parent as well only where the
 * young person wishes it; where the young person lacks capacity, the alternative person
 * acting for them (Regs 63-64). A case with no date of birth is addressed to the parent, as
 * before, since the age cannot be told.
 *
 * @example familyAddressee({ dateOfBirth: '2010-08-31', on: '2026-06-29' }) //=> { to: 'young-person', copyParent: false, ... }
 * @see CFA 2014 s80; Regs 63-64
 */
export function familyAddressee(input: { dateOfBirth?: IsoDate | null | undefined; on: IsoDate; addressing?: Addressing | undefined }): FamilyAddressee {
  const ends = input.dateOfBirth ? compulsorySchoolAgeEnds(input.dateOfBirth) : null;
  if (!ends || input.on <= ends) return { to: 'parent', copyParent: false, compulsorySchoolAgeEnds: ends, source: familyAddresseeSource };
  if (input.addressing === 'alternative-person') return { to: 'alternative-person', copyParent: false, compulsorySchoolAgeEnds: ends, source: familyAddresseeSource };
  return { to: 'young-person', copyParent: input.addressing === 'young-person-and-parent', compulsorySchoolAgeEnds: ends, source: familyAddresseeSource };
}
