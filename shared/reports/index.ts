/** The school's annual review meeting report: its sections, its content, what must be filled, and the document. */
export * from './missingSections';
export * from './reportContent';
export * from './reportDocument';
export * from './reportSections';
