import { RequestLimiter } from './request-limiter';

describe('RequestLimiter', () => {
  afterEach(() => jest.useRealTimers());

  it('holds requests beyond the concurrency until a slot is released, in arrival order', async () => {
    const limiter = new RequestLimiter(2, Infinity);
    const order: number[] = [];
    const releases = await Promise.all([limiter.acquire(), limiter.acquire()]);
    const third = limiter.acquire().then((release) => (order.push(3), release));
    const fourth = limiter.acquire().then((release) => (order.push(4), release));
    await Promise.resolve();
    expect(order).toEqual([]);
    releases[0]();
    releases[0](); // a second release of the same slot is ignored
    await third;
    expect(order).toEqual([3]);
    releases[1]();
    await fourth;
    expect(order).toEqual([3, 4]);
  });

  it('spaces request starts by 1/requestsPerSecond', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const limiter = new RequestLimiter(10, 4); // one start every 250 ms
    const started: number[] = [];
    const all = [0, 1, 2].map(() => limiter.acquire().then((release) => (started.push(Date.now()), release())));
    await jest.advanceTimersByTimeAsync(600);
    await Promise.all(all);
    expect(started).toEqual([1_000_000, 1_000_250, 1_000_500]);
  });

  it('drops a waiter whose signal aborts', async () => {
    const limiter = new RequestLimiter(1, Infinity);
    const release = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    release();
    const next = await limiter.acquire();
    next();
  });
});
