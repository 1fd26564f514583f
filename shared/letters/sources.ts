/**
 * Where each part of the decision letter comes from. A reviewer checks the wording of a
 * paragraph against the provision named beside it.
 */
export const letterSources = {
  decision: 'Reg 20(10); CoP 9.176',
  reasons: 'Reg 20(10); CoP 9.176',
  headTeacher: 'Reg 20(10)',
  ceaseContinues: 'Reg 29-31; CoP 9.199-9.210',
  amendmentNotice: 'Reg 22(2); R (L) v Devon CC [2022] EWHC 493 (Admin)',
  familyResponse: 'Reg 22(2)(c); CoP 9.194',
  requestSchool: 'Reg 22(2)(c); CFA 2014 s38(2)(b); CoP 9.194',
  finalPlan: 'Reg 22(3); CoP 9.194',
  notAmend: 'Reg 22(4); CoP 9.194',
  appealRight: 'Reg 20(11); CFA 2014 s51; CoP 9.177',
  appealRightCease: 'Reg 31(3); CFA 2014 s51; CoP 9.177',
  appealDeadline: 'CFA 2014 s51; HESC Rules 2008 r20(1)(c)',
  mediation: 'Reg 20(11); CFA 2014 s55; Reg 32-33; CoP 9.177',
  disagreementResolution: 'Reg 20(11); CFA 2014 s57; CoP 9.177',
  informationAdviceSupport: 'Reg 20(11); CFA 2014 s32; CoP 9.177',
  contact: 'CoP 9.176',
} as const;
