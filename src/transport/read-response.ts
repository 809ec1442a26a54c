import { bufferedResponse } from './buffered-response.js';
import { ResponseError } from '../errors.js';
import type { CallState } from './call-state.js';

/** application/json and any application/...+json, such as JSON:API's application/vnd.api+json. */
const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;
/** Stateless when used without `stream`, so one decoder serves every call. */
const UTF8 = new TextDecoder();

/** Reads the whole body within maxBytes and returns an equivalent Response holding it. */
export async function readWhole(response: Response, maxBytes: number, state: CallState, token: string): Promise<Response> {
  const { status, headers } = response;
  // Refuse what cannot be used before reading any of it.
  let refusal: string | undefined;
  if (status < 200 || status > 599) refusal = `The response has status ${status}, which is not an HTTP answer the client can use`;
  else if (status < 300 && response.body !== null && !isJsonOrAbsent(headers.get('content-type'))) {
    refusal = `The ${status} response is ${headers.get('content-type')}, not a JSON:API document`;
  } else if (Number(headers.get('content-length')) > maxBytes) refusal = tooLargeMessage(maxBytes);
  if (refusal !== undefined) {
    await response.body?.cancel().catch(() => {});
    throw new ResponseError(refusal, status, { attempts: state.attempts });
  }
  // Content-Length alone cannot be trusted to bound the read: a compressed body grows when decoded.
  let text = response.body === null ? '' : await readLimited(response.body, maxBytes, status, state);
  // An error body that echoes the token would carry it into ApiError's message and errors: redact it here.
  if (status >= 300 && text.includes(token)) text = text.replaceAll(token, '[REDACTED]');
  // Not `new Response(text)`: that would stream the text again for openapi-fetch to read back.
  return bufferedResponse(text, response);
}

function isJsonOrAbsent(contentType: string | null): boolean {
  return contentType === null || JSON_MEDIA_TYPE.test(contentType);
}

async function readLimited(body: ReadableStream<Uint8Array>, maxBytes: number, status: number, state: CallState): Promise<string> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new ResponseError(tooLargeMessage(maxBytes), status, { attempts: state.attempts });
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return UTF8.decode(chunks[0]);
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return UTF8.decode(whole);
}

function tooLargeMessage(maxBytes: number): string {
  return `The response body is larger than maxResponseBytes (${maxBytes} bytes) and was not read`;
}
