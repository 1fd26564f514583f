/** One thing wrong with a package: which check found it, where, and what to change. */
export interface Problem {
  check: 'schema' | 'https' | 'icons' | 'event-handlers' | 'requirement-sets' | 'bot-id' | 'xml';
  /** A JSON pointer into the manifest, a file name, or an XML element path. */
  where: string;
  message: string;
}

/** One line per problem, as the CLI and test failures print them. */
export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `[${p.check}] ${p.where}: ${p.message}`).join('\n');
}
