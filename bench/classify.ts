/**
 * `npm run bench:classify`: mean time of classifyMessage per message.
 * Messages: ../shared/real-sample/*.eml (or $CALLHOUND_REAL_SAMPLE) when present, read once up front
 * (parsing is not timed); otherwise synthetic messages built from the lure texts. The first call, which
 * loads the data and trains the model, is reported separately, and so is the first pass over all messages
 * (cold per-word caches); then every message is classified ROUNDS more times and the mean per message of
 * those passes is printed, as wall time and as this process's CPU time. Target: < 1 ms.
 */
import { classifyMessage, type ClassifyInput } from '../src/classify/index.js';
import { readDataJson } from '../src/classify/data-files.js';
import type { LabelledText } from '../src/classify/lures.js';
import { readRealSample, REAL_SAMPLE_DIR } from '../eval/real-mail.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function syntheticMessages(): ClassifyInput[] {
  const texts = readDataJson<{ items: LabelledText[] }>('lures.train.json').items.map((t) => t.text);
  return texts.map((text, i) => ({
    subject: text.split('.')[0] ?? text,
    body: `Dear customer,\n\n${text}\n\n${texts[(i + 7) % texts.length]}\n\nThank you, Billing team. Call +1 (888) 555-01${String(i % 100).padStart(2, '0')}`,
    attachmentText: i % 3 === 0 ? `INVOICE #${1000 + i}\n${texts[(i + 13) % texts.length]}` : '',
    fromName: i % 2 === 0 ? 'Norton Billing' : 'PayPal Service',
    fromAddress: `billing${i}@example.com`,
    lang: null,
  }));
}

const real = await readRealSample();
const messages = real.length > 0 ? real.map((m) => m.input) : syntheticMessages();
const source = real.length > 0 ? `${real.length} real messages from ${REAL_SAMPLE_DIR}` : `${messages.length} synthetic messages`;
const chars = messages.reduce((s, m) => s + m.subject.length + m.body.length + m.attachmentText.length, 0);

let t = performance.now();
classifyMessage(messages[0] as ClassifyInput);
const firstCall = performance.now() - t;

// CPU time of this process as well as wall time: on a shared machine the wall clock also counts the time
// other processes hold the cores.
const perRound: number[] = [];
const cpuPerRound: number[] = [];
for (let r = 0; r <= ROUNDS; r++) {
  t = performance.now();
  const cpu = process.cpuUsage();
  for (const m of messages) classifyMessage(m);
  const used = process.cpuUsage(cpu);
  perRound.push((performance.now() - t) / messages.length);
  cpuPerRound.push((used.user + used.system) / 1000 / messages.length);
}
// Pass 0 fills the per-word caches (stems, skeletons, fuzzy checks); the mean is over the warm passes.
const coldRound = perRound.shift() as number;
cpuPerRound.shift();
const mean = perRound.reduce((a, b) => a + b, 0) / perRound.length;
const cpuMean = cpuPerRound.reduce((a, b) => a + b, 0) / cpuPerRound.length;
console.log(`bench:classify — ${source}, mean ${Math.round(chars / messages.length)} chars/message`);
console.log(`first call (loads data, trains the model): ${firstCall.toFixed(1)} ms`);
console.log(`first pass (cold caches):                  ${coldRound.toFixed(3)} ms/message`);
console.log(`mean over ${ROUNDS} warm passes:                ${mean.toFixed(3)} ms/message wall, ${cpuMean.toFixed(3)} ms/message CPU (target < 1 ms)`);
console.log(`load average: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);
