import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { type PlanRowCells, parsePlanRow, planRowColumns } from '../../../shared/planning/parsePlanRow';
import { readCsv } from '../../csv/read';
import { CalibrationInputError, type CalibrationTargets, parseCalibrationTargets } from '../../simulate/calibrate';
import { caseloadFromRows, type SimPlan, syntheticCaseload } from '../../simulate/caseload';
import { simulationChartSvg } from '../../simulate/chart';
import { ParameterError, type SimulationParameters, withOverrides } from '../../simulate/parameters';
import { reportJson, reportTable } from '../../simulate/report';
import { simulateCouncilInParallel } from '../../simulate/simulate';
import { formatFrom, parseCommandArgs } from '../args';
import { type Command, type CliIo, UsageError, write } from '../io';
import { headerIndex } from './plan';
import { openInput, readAll } from '../readInput';

const usage = `Usage: ehcp-review simulate [CASELOAD.csv] [--plans N] [--seed N] [--officers N]
                            [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--params FILE.json]
                            [--calibrate completed=S,completedEarly=S,notCompleted=S,decisions4w=S]
                            [--format table|json] [--chart FILE.svg] [--no-search]

A council's year of annual reviews, simulated day by day twice on the same random seed:
without the product (today's practice) and with it as it now is (reminders from the
reminder rules, late reviews booked with a warning, decisions from the meeting with or
without the report, reports written in the meeting, the amendment notice with the
decision). Prints the share of reviews concluded within 12 months, reports within 2
weeks, decisions within 4 weeks and amended plans finalised in time for both runs, the
same with each assumption about the product halved and doubled, the DfE's figures as the
data set defines them, the weekly backlog per step, and the smallest changes that reach
95% of decisions within 4 weeks and 98% of reviews concluded within 12 months.

--calibrate: the council's own figures for its expected reviews (shares, or
  percentages with %; at least three): the tunable parameters are fitted to them first
  and the rest of the run uses them. Also "calibrate": {"completed": 0.61, ...} in --params.

CASELOAD.csv: the council's plans in the planner's format (see ehcp-review plan);
without it, a synthetic caseload of --plans plans (default 5000).
--params: a JSON file overriding any default (see the README), e.g.
  {"council": {"decisionsPerOfficerWeek": 5}, "delays": {"report": "lognormal(10, 30)"}}
--seed: the random seed (default 1); the same seed gives the same result.
--chart: also write the chart as an SVG file.`;

/** Command-line flags that set a parameter, and the parameter each sets. */
const flagParameters = { plans: 'caseload.plans', officers: 'council.officers', from: 'from', to: 'to' } as const;

let calibrateFromFile: unknown;

async function readParameters(file: string | undefined, flags: Partial<Record<keyof typeof flagParameters, string>>, io: CliIo): Promise<SimulationParameters> {
  let overrides: Record<string, unknown> = {};
  calibrateFromFile = undefined;
  const problems: string[] = [];
  if (file !== undefined) {
    const input = await openInput(file, io, usage);
    const text = await readAll(input.stream);
    try {
      overrides = JSON.parse(text);
    } catch (e) {
      throw new UsageError([`--params: ${input.name} is not valid JSON (${(e as Error).message}); write it like {"council": {"officers": 12}}`]);
    }
  }
  if (overrides !== null && typeof overrides === 'object' && 'calibrate' in overrides) {
    const { calibrate: c, ...rest } = overrides;
    calibrateFromFile = c;
    overrides = rest;
  }
  const set = (dotted: string, value: unknown) => {
    const parts = dotted.split('.');
    let node = overrides as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) {
      node[part] = { ...((node[part] as object) ?? {}) };
      node = node[part] as Record<string, unknown>;
    }
    node[parts.at(-1) as string] = value;
  };
  for (const [flag, dotted] of Object.entries(flagParameters) as [keyof typeof flagParameters, string][]) {
    const raw = flags[flag];
    if (raw === undefined) continue;
    if (flag === 'from' || flag === 'to') set(dotted, raw);
    else if (!/^-?\d+(\.\d+)?$/.test(raw)) problems.push(`--${flag}: "${raw}" is not a number`);
    else set(dotted, Number(raw));
  }
  if (problems.length) throw new UsageError(problems);
  try {
    return withOverrides(overrides);
  } catch (e) {
    if (!(e instanceof ParameterError)) throw e;
    const flagOf = Object.fromEntries(Object.entries(flagParameters).map(([f, d]) => [d, f]));
    throw new UsageError(e.problems.map((p) => `${flagOf[p.parameter] && flags[flagOf[p.parameter] as keyof typeof flagParameters] !== undefined ? `--${flagOf[p.parameter]}` : p.parameter}: ${p.message}`));
  }
}

/** A council's caseload file: every row must be good, since a simulation of part of a caseload would mislead. */
async function readCaseload(file: string, p: SimulationParameters, io: CliIo): Promise<SimPlan[]> {
  const input = await openInput(file, io, usage);
  const rows: Parameters<typeof caseloadFromRows>[0] = [];
  const problems: string[] = [];
  let index: ReturnType<typeof headerIndex> | undefined;
  for await (const batch of readCsv(input.stream as AsyncIterable<Buffer>)) {
    for (const record of batch) {
      if (record.problem !== undefined) {
        problems.push(`line ${record.line}: ${record.problem}`);
        continue;
      }
      if (!index) {
        index = headerIndex(record.fields);
        continue;
      }
      const cells: PlanRowCells = {};
      for (const [col, i] of index) cells[col] = record.fields[i];
      const parsed = parsePlanRow(cells);
      if (parsed.ok) rows.push(parsed.value);
      else problems.push(...parsed.problems.map((q) => `line ${record.line}${cells.id?.trim() ? ` (id ${cells.id.trim()})` : ''}: ${q.field}: ${q.message}`));
    }
  }
  if (!index) throw new UsageError([`${input.name} is empty; expected a header row: ${planRowColumns.join(',')}`]);
  if (problems.length) throw new UsageError([...problems, `${input.name}: fix the ${problems.length} problem${problems.length === 1 ? '' : 's'} above; nothing was simulated`]);
  if (rows.length === 0) throw new UsageError([`${input.name} has no plans after its header row`]);
  return caseloadFromRows(rows, p);
}

async function simulate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      plans: { type: 'string' },
      seed: { type: 'string' },
      officers: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      params: { type: 'string' },
      format: { type: 'string' },
      chart: { type: 'string' },
      calibrate: { type: 'string' },
      'no-search': { type: 'boolean' },
      'no-officer-search': { type: 'boolean' },
    },
    usage,
  );
  if (positionals.length > 1) throw new UsageError(['give at most one caseload file', usage]);
  const format = formatFrom(values.format, ['table', 'json'] as const, 'table');
  const problems: string[] = [];
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) problems.push(`--seed: "${values.seed}" must be a whole number from 0 to 4294967295`);
  if (positionals[0] !== undefined && values.plans !== undefined) problems.push('--plans: give either a caseload file or --plans, not both');
  if (problems.length) throw new UsageError(problems);
  const parameters = await readParameters(values.params, { plans: values.plans, officers: values.officers, from: values.from, to: values.to }, io);
  const plans = positionals[0] !== undefined ? await readCaseload(positionals[0], parameters, io) : syntheticCaseload(parameters, seed);
  const targets = calibrationTargets(values.calibrate, calibrateFromFile);
  const report = await simulateCouncilInParallel(plans, parameters, { seed, search: !values['no-search'] && !values['no-officer-search'], calibrate: targets });
  if (values.chart) {
    const file = path.resolve(io.cwd, values.chart);
    try {
      await writeFile(file, simulationChartSvg(report));
    } catch (e) {
      throw new UsageError([`--chart: cannot write ${values.chart}: ${(e as Error).message}`]);
    }
    io.stderr.write(`chart written to ${values.chart}\n`);
  }
  await write(io.stdout, format === 'json' ? `${JSON.stringify(reportJson(report), null, 2)}\n` : reportTable(report));
  return 0;
}

/** The council's figures from --calibrate, or from "calibrate" in the params file (the flag wins). */
function calibrationTargets(flag: string | undefined, fromFile: unknown): CalibrationTargets | undefined {
  let text = flag;
  if (text === undefined && fromFile !== undefined) {
    if (fromFile === null || typeof fromFile !== 'object' || Array.isArray(fromFile)) throw new UsageError(['calibrate: in --params, write it like {"calibrate": {"completed": 0.61, "completedEarly": 0.15, "notCompleted": 0.24}}']);
    text = Object.entries(fromFile).map(([k, v]) => `${k}=${String(v)}`).join(',');
  }
  if (text === undefined) return undefined;
  try {
    return parseCalibrationTargets(text);
  } catch (e) {
    if (e instanceof CalibrationInputError) throw new UsageError(e.problems.map((q) => `--calibrate: ${q}`));
    throw e;
  }
}

export const simulateCommand: Command = { name: 'simulate', summary: "a council's year of reviews, without and with the product", usage, run: simulate };
