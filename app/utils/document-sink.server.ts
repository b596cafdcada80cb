import { Writable } from "node:stream";

/**
 * Where React's server render is piped when the document is sent in one piece: collects the bytes
 * and hands them over once React ends the stream. It emits no 'close': React takes a 'close' for a
 * client gone away and ends the stream a second time, building an error object on every request.
 */
export function documentSink(done: (document: Buffer<ArrayBuffer>) => void): Writable {
  const chunks: Buffer[] = [];
  return new Writable({
    emitClose: false,
    write(chunk: Buffer, _encoding, next) {
      chunks.push(chunk);
      next();
    },
    final(next) {
      done(Buffer.concat(chunks));
      next();
    },
  });
}
