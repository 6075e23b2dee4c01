/**
 * Worker thread of the extraction pool (pool.ts): receives raw messages, answers observations.
 * Anything that escapes extractMessage's own guards kills this thread only; the pool replaces it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeAttachmentWorkers, extractMessage, setAttachmentWorkerCount } from '../extract/index.js';

interface Settings {
  ocr: boolean;
  region: string;
  attachmentWorkers: number;
}

type Request = { type: 'extract'; id: number; source: string; raw: Uint8Array } | { type: 'close' };

const settings = workerData as Settings;
const port = parentPort;
if (port === null) throw new Error('ingest/worker.ts must run as a worker thread');

await setAttachmentWorkerCount(settings.attachmentWorkers);

port.on('message', (request: Request) => {
  if (request.type === 'close') {
    void closeAttachmentWorkers().finally(() => port.close());
    return;
  }
  const raw = Buffer.from(request.raw.buffer, request.raw.byteOffset, request.raw.byteLength);
  void extractMessage(raw, request.source, { ocr: settings.ocr, region: settings.region }).then((observation) => {
    port.postMessage({ type: 'done', id: request.id, observation });
  });
});
