import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { evaluate, parse } from 'groq-js';
import { type ProgrammeEvent, printedProgramme } from '../functions/printedProgramme/programmeContent.ts';
import { deadlineInstant } from '../functions/printedProgramme/programmeDeadline.ts';
import { programmeSource } from '../functions/printedProgramme/programmeSource.ts';
import { printedProgrammeEventsQuery } from '../functions/printedProgramme/queries.ts';
import { compilePdf, fontDirectory } from '../functions/printedProgramme/typstCompiler.ts';
import {
  defaultDemoOptions,
  demoDatasetPath,
  generateDemoDataset,
} from '../studio/demo/generateDemoDataset.ts';
import { median } from './stats.ts';

/**
 * `npm run bench -- --only print`: the demo campaign's printed programme (1,850 events, and ten
 * times as many) made as the function makes it, from the events the Content Lake answers
 * (`printedProgrammeEventsQuery`, evaluated here with groq-js on the dataset) to the PDF: content,
 * Typst source, compilation. Against the raw baseline, in the same run: the same Typst source
 * compiled directly with the Node compiler. Each measure in a process of its own, so that its
 * peak memory (max RSS) is its own; the two alternate.
 */
const campaign = 'campaign-mois-ess-2027';
const buildDirectory = join(import.meta.dirname, '.build');

interface Sample {
  readonly ms: number;
  readonly maxRssMiB: number;
  readonly pages: number;
  readonly pdfBytes: number;
}

/** The function's work, from the Content Lake's answer (JSON) to the PDF. */
async function pipeline(eventsFile: string): Promise<Omit<Sample, 'maxRssMiB'>> {
  const started = performance.now();
  const events = JSON.parse(readFileSync(eventsFile, 'utf8')) as ProgrammeEvent[];
  const programme = printedProgramme(
    { title: 'Mois de l’ESS 2027', startsOn: '2027-11-01', endsOn: '2027-11-30' },
    events,
    { closedOn: '2027-09-12', registrationSite: 'www.cress-exemple.fr' },
  );
  const { pdf, pages } = await compilePdf(programmeSource(programme));
  return { ms: performance.now() - started, pages, pdfBytes: pdf.length };
}

/** The baseline: the same source, compiled directly. */
function baseline(sourceFile: string): Omit<Sample, 'maxRssMiB'> {
  const started = performance.now();
  const source = readFileSync(sourceFile, 'utf8');
  const typst = NodeCompiler.create({ fontArgs: [{ fontPaths: [fontDirectory()] }] });
  const compiled = typst.compile({ mainFileContent: source });
  if (!compiled.result) throw new Error('The baseline did not compile');
  const pdf = typst.pdf(compiled.result);
  return { ms: performance.now() - started, pages: compiled.result.numOfPages, pdfBytes: pdf.length };
}

/** The demo campaign's events as the Content Lake answers the function's query. */
async function campaignEvents(scale: 1 | 10): Promise<unknown[]> {
  const documents =
    scale === 1
      ? readFileSync(demoDatasetPath, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>)
      : (generateDemoDataset({
          ...defaultDemoOptions,
          events: defaultDemoOptions.events * 10,
          organizations: defaultDemoOptions.organizations * 10,
        }) as Record<string, unknown>[]);
  // The Content Lake stamps every document it stores; the demo's were all there before the deadline.
  const dataset = documents.map((doc) => ({ _createdAt: '2027-06-01T08:00:00Z', ...doc }));
  const params = {
    campaign,
    deadline: (deadlineInstant('2027-09-12') as Date).toISOString(),
  };
  return (await evaluate(parse(printedProgrammeEventsQuery, { params }), { dataset, params })).get();
}

function measureIn(mode: 'pipeline' | 'baseline', file: string): Sample {
  const child = spawnSync(process.execPath, [import.meta.filename, '--mode', mode, '--file', file], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`The ${mode} measure failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Sample;
}

async function printBenchmark(scale: 1 | 10, rounds: number): Promise<void> {
  mkdirSync(buildDirectory, { recursive: true });
  const events = await campaignEvents(scale);
  const eventsFile = join(buildDirectory, `print-${scale}x-events.json`);
  const sourceFile = join(buildDirectory, `print-${scale}x.typ`);
  writeFileSync(eventsFile, JSON.stringify(events));
  writeFileSync(
    sourceFile,
    programmeSource(
      printedProgramme(
        { title: 'Mois de l’ESS 2027', startsOn: '2027-11-01', endsOn: '2027-11-30' },
        events as ProgrammeEvent[],
        { closedOn: '2027-09-12', registrationSite: 'www.cress-exemple.fr' },
      ),
    ),
  );
  const samples = { baseline: [] as Sample[], pipeline: [] as Sample[] };
  for (let round = 0; round < rounds; round++) {
    samples.baseline.push(measureIn('baseline', sourceFile));
    samples.pipeline.push(measureIn('pipeline', eventsFile));
  }
  const summary = (list: Sample[]) => ({
    ms: median(list.map((sample) => sample.ms)),
    maxRssMiB: median(list.map((sample) => sample.maxRssMiB)),
    pages: list[0]?.pages ?? 0,
    pdfBytes: list[0]?.pdfBytes ?? 0,
  });
  const rows = {
    'Typst source compiled directly (baseline)': summary(samples.baseline),
    'printed programme (events → content → source → PDF)': summary(samples.pipeline),
  };
  const base = rows['Typst source compiled directly (baseline)'];
  console.log(
    `\nPrinted programme at ${scale}× (${events.length} events open to all at the deadline, ${base.pages} A5 pages, ${(base.pdfBytes / 2 ** 20).toFixed(1)} MiB), median of ${rounds}`,
  );
  console.table(
    Object.fromEntries(
      Object.entries(rows).map(([label, row]) => [
        label,
        {
          s: (row.ms / 1000).toFixed(2),
          'time ×': (row.ms / base.ms).toFixed(2),
          'peak RSS MiB': row.maxRssMiB.toFixed(0),
          'memory ×': (row.maxRssMiB / base.maxRssMiB).toFixed(2),
        },
      ]),
    ),
  );
  mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
  writeFileSync(
    join(import.meta.dirname, 'results', `print-${scale}x.json`),
    `${JSON.stringify({ at: new Date().toISOString(), events: events.length, rounds, rows }, null, 2)}\n`,
  );
}

const { values } = parseArgs({
  options: { mode: { type: 'string' }, file: { type: 'string' }, rounds: { type: 'string' } },
});
if (values.mode === 'pipeline' || values.mode === 'baseline') {
  const file = values.file as string;
  const result = values.mode === 'pipeline' ? await pipeline(file) : baseline(file);
  // maxRSS is in KiB.
  console.log(JSON.stringify({ ...result, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
} else if (import.meta.main) {
  const rounds = Number(values.rounds ?? 3);
  await printBenchmark(1, rounds);
  await printBenchmark(10, Math.max(1, Math.floor(rounds / 3)));
}
