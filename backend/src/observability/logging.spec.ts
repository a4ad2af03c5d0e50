import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import type { AppConfig } from '../config/app-config.js';
import { pinoHttpOptions } from './logging.js';

const config = { LOG_LEVEL: 'log', logFormat: 'json', REQUEST_LOG_ENABLED: true } as AppConfig;

describe('request log lines', () => {
  const lines: Record<string, any>[] = [];
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const middleware = pinoHttp({ ...pinoHttpOptions(config), logger: pino(sink) });
    server = createServer((req, res) => {
      middleware(req, res);
      res.statusCode = req.url!.startsWith('/status/') ? Number(req.url!.slice('/status/'.length, '/status/'.length + 3)) : 200;
      res.end('{}');
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((closed) => server.close(closed));
  });

  const get = async (path: string, requestId: string) => {
    await (await fetch(`${url}${path}`, { headers: { 'x-request-id': requestId } })).text();
    await new Promise((wait) => setTimeout(wait, 20));
    return lines.filter((line) => line.reqId === requestId);
  };

  it('logs a 5xx at error level with its status, and no stack pino-http made up', async () => {
    const [line] = await get('/status/503', 'five-oh-three');
    expect(line).toMatchObject({ level: 50, msg: 'GET /status/503 503', res: { statusCode: 503 } });
    expect(line).not.toHaveProperty('err');
    expect(JSON.stringify(line)).not.toMatch(/stack|onResFinished|failed with status code/);
  });

  it('skips the liveness and readiness probes, with or without a query string, and logs the rest', async () => {
    expect(await get('/health/live', 'probe-live')).toEqual([]);
    expect(await get('/health/ready', 'probe-ready')).toEqual([]);
    expect(await get('/health/ready?from=lb', 'probe-ready-query')).toEqual([]);
    expect(await get('/health', 'health')).toEqual([expect.objectContaining({ level: 30, msg: expect.stringMatching(/^GET \/health 200 \d+ ms$/) })]);
  });
});
