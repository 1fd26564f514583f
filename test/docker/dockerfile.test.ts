import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { validate, ValidationSeverity } from 'dockerfile-utils';

// No base image can be pulled on the project's machines, so the Dockerfile is linted and its
// structure checked here; it has not been built here (README, "Deployment").
const text = readFileSync(path.join(__dirname, '../../Dockerfile'), 'utf8');
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();
const stages = dockerfile.getFROMs();
const finalStage = () => {
  const lastFrom = stages.at(-1)!;
  return instructions.filter((i) => i.getRange().start.line > lastFrom.getRange().start.line);
};

const strict = {
  deprecatedMaintainer: ValidationSeverity.ERROR,
  directiveCasing: ValidationSeverity.ERROR,
  emptyContinuationLine: ValidationSeverity.ERROR,
  instructionCasing: ValidationSeverity.ERROR,
  instructionCmdMultiple: ValidationSeverity.ERROR,
  instructionEntrypointMultiple: ValidationSeverity.ERROR,
  instructionHealthcheckMultiple: ValidationSeverity.ERROR,
  instructionJSONInSingleQuotes: ValidationSeverity.ERROR,
  instructionWorkdirRelative: ValidationSeverity.ERROR,
};

describe('the Dockerfile', () => {
  it('lints clean with dockerfile-utils, every rule an error; the linter does flag a faulty one', () => {
    const faulty = 'FROM node:22\nHEALTHCHECK --interval=abc CMD node x\nworkdir app\n';
    expect(validate(faulty, strict).map((d) => d.message)).toEqual(['time: invalid duration abc', 'Instructions should be written in uppercase letters', 'WORKDIR paths should be absolute']);
    expect(validate(text, strict).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds in stages from Node 22 images, and installs only from the lockfile with npm ci', () => {
    expect(stages.map((f) => [f.getImageName(), f.getImageTag(), f.getBuildStage()])).toEqual([
      ['node', '22-bookworm-slim', 'build'],
      ['node', '22-bookworm-slim', 'deps'],
      ['node', '22-bookworm-slim', 'runtime'],
    ]);
    const runs = instructions.filter((i) => i.getKeyword() === 'RUN').map((i) => i.getArgumentsContent() ?? '');
    const installs = runs.filter((r) => /\bnpm (install|i|ci)\b/.test(r));
    expect(installs.every((r) => /\bnpm ci\b/.test(r))).toBe(true);
    expect(installs.some((r) => r.includes('--omit=dev'))).toBe(true);
    const copies = instructions.filter((i) => i.getKeyword() === 'COPY').map((i) => i.getArgumentsContent());
    expect(copies.filter((c) => c === 'package.json package-lock.json ./')).toHaveLength(2);
  });

  it('runs the service as a non-root user, with a health check on /readyz and the exec-form command', () => {
    const last = finalStage();
    const user = last.filter((i) => i.getKeyword() === 'USER').map((i) => i.getArgumentsContent());
    expect(user).toEqual(['node']);
    const health = last.find((i) => i.getKeyword() === 'HEALTHCHECK')?.getArgumentsContent() ?? '';
    expect(health).toMatch(/\/readyz/);
    expect(last.find((i) => i.getKeyword() === 'CMD')?.getArgumentsContent()).toBe('["node", "dist/bot/server/main.js"]');
    // Nothing the runtime stage runs after USER could need root.
    const userLine = last.find((i) => i.getKeyword() === 'USER')!.getRange().start.line;
    expect(last.filter((i) => i.getKeyword() === 'RUN' && i.getRange().start.line > userLine)).toEqual([]);
  });
});
