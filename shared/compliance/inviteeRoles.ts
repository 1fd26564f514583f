/** Who can be invited to a review meeting. */
export const inviteeRoles = [
  'parent',
  'young-person',
  'school',
  'la-send-officer',
  'health',
  'social-care',
  'educational-psychologist',
  'post16-institution',
  'youth-offending-team',
  'job-coach',
  'other',
] as const;

export type InviteeRole = (typeof inviteeRoles)[number];

/**
 * Roles that must be invited to every review: the family (parent, or the young
 * person), the school or setting, an LA SEN officer, health and social care.
 * @see Reg 20(2)-(3); CoP 9.176
 */
export const requiredInviteeGroups: { roles: InviteeRole[]; name: string }[] = [
  { roles: ['parent', 'young-person'], name: 'the parent (or the young person)' },
  { roles: ['school'], name: 'a representative of the school or setting' },
  { roles: ['la-send-officer'], name: 'an LA SEN officer' },
  { roles: ['health'], name: 'a health service representative' },
  { roles: ['social-care'], name: 'an LA social care representative' },
];
