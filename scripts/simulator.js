// Serves the simulated organization (dist/simulator, built by `npm run build`) on 127.0.0.1 at the
// port given as the first argument, until SIGTERM or SIGINT: the sandbox's stateful API, where
// imports run to the end. It prints one line once it listens.
import { startSimulator } from '../dist/simulator/index.js';

const port = Number(process.argv[2]);
const simulator = await startSimulator({ port });
console.log(`Simulator is listening on ${simulator.url}`);

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    simulator.close().then(() => process.exit(0), () => process.exit(1));
  });
}
