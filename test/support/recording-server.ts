// A plain node:http server on loopback that records every request exactly as it arrived (method,
// raw request target, headers, body bytes) and answers with a canned reply: what Prism cannot show.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback.js';

export interface RecordedRequest {
  method: string;
  /** The request target as sent, still percent-encoded. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Header names and values in the order they arrived, duplicates kept. */
  rawHeaders: string[];
  body: Buffer;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RecordingServer {
  /** The origin, such as http://127.0.0.1:43125. */
  url: string;
  requests: RecordedRequest[];
  /** What every following request gets; change it between calls. */
  reply: Reply;
  close(): Promise<void>;
}

export async function startRecordingServer(reply: Reply): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const recorder: RecordingServer = { url: '', requests, reply, close: () => closeServer(server) };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
      });
      const { status, body, headers = {} } = recorder.reply;
      const text = body === undefined ? '' : JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/vnd.api+json', 'content-length': Buffer.byteLength(text), ...headers });
      res.end(text);
    });
  });

  recorder.url = await listenOnLoopback(server);
  return recorder;
}
