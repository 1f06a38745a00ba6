import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { serve } from './serve.js';

describe('serve', () => {
  it('listens on a free port with port 0 and gives its URL', async () => {
    const serving = await serve((request) => new Response(new URL(request.url).pathname), {
      port: 0,
    });
    try {
      expect(serving.port).toBeGreaterThan(0);
      expect(serving.url).toBe(`http://127.0.0.1:${serving.port}`);
      expect((serving.server.address() as AddressInfo).port).toBe(serving.port);
      expect(await (await fetch(`${serving.url}/hello`)).text()).toBe('/hello');
    } finally {
      await serving.close();
    }
    await expect(fetch(serving.url)).rejects.toThrow();
  });

  it('listens on IPv6 with a bracketed URL, or rejects where there is no IPv6 loopback', async () => {
    const probe = createServer();
    const ipv6 = await new Promise<boolean>((resolve) => {
      probe.once('error', () => resolve(false));
      probe.listen(0, '::1', () => probe.close(() => resolve(true)));
    });
    if (!ipv6) {
      await expect(
        serve(() => new Response('six'), { port: 0, hostname: '::1' }),
      ).rejects.toThrow();
      return;
    }
    const serving = await serve(() => new Response('six'), { port: 0, hostname: '::1' });
    try {
      expect(serving.url).toBe(`http://[::1]:${serving.port}`);
      expect(await (await fetch(serving.url)).text()).toBe('six');
    } finally {
      await serving.close();
    }
  });

  it('rejects when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as AddressInfo).port;
    try {
      await expect(serve(() => new Response(''), { port })).rejects.toMatchObject({
        code: 'EADDRINUSE',
      });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('closes gracefully after the request in flight, or at once with force', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const serving = await serve(
      async () => {
        await gate;
        return new Response('done');
      },
      { port: 0 },
    );
    const inFlight = fetch(serving.url).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closed = serving.close();
    release();
    expect(await inFlight).toBe('done');
    await closed;

    const hanging = await serve(() => new Promise<Response>(() => {}), { port: 0 });
    const never = fetch(hanging.url).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await hanging.close({ force: true });
    expect(await never).toBeInstanceOf(Error);
  });
});
