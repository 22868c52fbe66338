// WebSocket at the byte level, for frames no well-behaved client sends: a plain TCP socket that
// does the upgrade handshake itself, writes whatever bytes it is given, and reads the server's
// frames until the close frame (whose code it reports) or the end of the connection.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export interface RawSocket {
  socket: Socket;
  /** Resolves with the code of the server's close frame, or null if the connection just ended. */
  closed: Promise<number | null>;
  /** Server frames received (opcode, payload). */
  frames: { opcode: number; payload: Buffer }[];
}

export function rawUpgrade(baseUrl: string, path: string, protocol?: string): Promise<RawSocket> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.on('error', () => {});
    const frames: RawSocket['frames'] = [];
    let buffer = Buffer.alloc(0);
    let upgraded = false;
    let finish: (code: number | null) => void = () => {};
    const closed = new Promise<number | null>((done) => (finish = done));
    socket.on('close', () => {
      if (!upgraded) reject(new Error(`no upgrade: ${buffer.toString('latin1').split('\r\n')[0]}`));
      finish(null);
    });
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (!upgraded) {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buffer.subarray(0, end).toString('latin1');
        buffer = buffer.subarray(end + 4);
        if (!head.startsWith('HTTP/1.1 101')) {
          socket.destroy();
          reject(new Error(`no upgrade: ${head.split('\r\n')[0]}`));
          return;
        }
        upgraded = true;
        resolve({ socket, closed, frames });
      }
      // Server frames are unmasked: opcode, length (7, 16 or 64 bits), payload.
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + length) return;
        const payload = buffer.subarray(offset, offset + length);
        buffer = buffer.subarray(offset + length);
        frames.push({ opcode, payload });
        if (opcode === 0x8) finish(payload.length >= 2 ? payload.readUInt16BE(0) : 1005);
      }
    });
    const key = randomBytes(16).toString('base64');
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
        (protocol ? `Sec-WebSocket-Protocol: ${protocol}\r\n` : '') +
        '\r\n',
    );
  });
}

/** One client frame. `mask: false` and odd opcodes are protocol violations the server must refuse. */
export function frame(
  opcode: number,
  payload: Buffer,
  options: { mask?: boolean; fin?: boolean; declaredLength?: bigint } = {},
): Buffer {
  const { mask = true, fin = true, declaredLength } = options;
  const length = declaredLength ?? BigInt(payload.length);
  const head: number[] = [(fin ? 0x80 : 0) | opcode];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126n) head.push(maskBit | Number(length));
  else if (length < 65536n) head.push(maskBit | 126, Number(length >> 8n) & 0xff, Number(length) & 0xff);
  else {
    head.push(maskBit | 127);
    for (let shift = 56n; shift >= 0n; shift -= 8n) head.push(Number((length >> shift) & 0xffn));
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload);
  for (let i = 0; i < masked.length; i += 1) masked[i]! ^= key[i % 4]!;
  return Buffer.concat([Buffer.from(head), key, masked]);
}
