import { createServer, type Server } from 'node:http';

/**
 * An HTTP hop in front of the API that can fail on demand, as a restarting or unreachable API
 * would: `failNext` answers that many requests with 502, `down` drops every connection, `slow`
 * holds back the answer (after the API has acted) of requests whose body contains `match`.
 */
export class ApiProxy {
  failNext = 0;
  down = false;
  requests = 0;
  slow: { match: string; ms: number }[] = [];
  /** Every request body, in order. */
  readonly bodies: string[] = [];
  url = '';
  private server!: Server;

  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    this.server = createServer(async (request, response) => {
      this.requests++;
      if (this.down) return void request.socket.destroy();
      if (this.failNext > 0) {
        this.failNext--;
        response.writeHead(502, { 'content-type': 'text/html' }).end('<html>502 Bad Gateway</html>');
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'x-api-key', 'authorization']) {
        const value = request.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const body = Buffer.concat(chunks);
      this.bodies.push(body.toString('utf8'));
      const answer = await fetch(`${this.target}${request.url}`, { method: request.method, headers, body: chunks.length ? body : undefined });
      const delay = this.slow.find((rule) => body.includes(rule.match))?.ms;
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      response.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
