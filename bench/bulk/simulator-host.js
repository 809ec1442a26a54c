// The benchmark's simulator, in a process of its own, so that neither its CPU (it goes through every
// input and serializes every answer) nor its memory (it keeps every input) is counted against the
// client measured. Forked with the simulator's options as JSON in argv[2]; sends { url } once
// listening, then answers IPC messages: 'report' (what it saw) and 'close'.
// It keeps its own log of every response (the simulator's holds the latest 100,000): when it was
// sent (epoch ms, comparable with the client's clock on the same machine), its method, path,
// status, body bytes, and for an import's GET the status the body carried.
const { startSimulator } = await import(`${process.env.BENCH_BULK_DIST ?? new URL('../../dist', import.meta.url).href}/simulator/index.js`);

const options = JSON.parse(process.argv[2] ?? '{}');
const simulator = await startSimulator(options);
const log = [];
const STATUS = /"status":"(pending|in_progress|completed|interrupted)"/;
simulator.onResponse((response) => {
  const entry = { t: Date.now(), method: response.method, path: response.path, status: response.status, bytes: Buffer.byteLength(response.body) };
  if (response.method === 'GET' && /^\/api\/imports\/[^/?]+/.test(response.path)) {
    // status comes fourth among the attributes, so the head of the body holds it.
    entry.importStatus = STATUS.exec(response.body.slice(0, 4096))?.[1];
  }
  log.push(entry);
});

process.on('message', async (message) => {
  if (message === 'report') {
    const imports = simulator.imports().map(({ id, attributes: a }) => ({
      id,
      reference: a.reference,
      status: a.status,
      inputs_size: a.inputs_size,
      processed_count: a.processed_count,
      errors_count: a.errors_count,
      created: Date.parse(a.created_at),
      started: a.started_at && Date.parse(a.started_at),
      ended: Date.parse(a.completed_at ?? a.interrupted_at ?? '') || null,
    }));
    const references = [...new Set(imports.map((each) => each.reference).filter(Boolean))];
    const duplicates = references.filter((reference) => simulator.createsByReference(reference) > 1).length;
    process.send({ counts: simulator.counts(), peakRunning: simulator.peakRunning, imports, duplicates, log, memory: process.memoryUsage().rss });
  } else if (message === 'close') {
    await simulator.close();
    process.disconnect();
  }
});
process.on('disconnect', () => simulator.close().then(() => process.exit(0)));
process.send({ url: simulator.url });
