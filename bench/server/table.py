"""Prints bench/server/run's results (a TSV of key, value) as Markdown tables.

Usage: table.py RESULTS MODES
MODES as bench/server/run takes them ("mock full full:16").
"""
import sys

OPS = ('otp', 'verify', 'refresh', 'me')
LABEL = {'otp': 'request-code', 'verify': 'verify', 'refresh': 'refresh', 'me': 'me'}
TARGET = {'otp': (10000, 2), 'verify': (2500, 10), 'refresh': (3500, 5), 'me': (12000, 1)}  # req/s, p99 ms


def load(path):
    results = {}
    for line in open(path):
        key, _, value = line.rstrip('\n').partition('\t')
        results[key] = value
    return results


def number(x, digits=0):
    return '-' if x is None else f'{x:,.{digits}f}'


def per_request(*rates):
    """Commands that run one after another: their times add up."""
    return 1 / sum(1 / x for x in rates) if rates and all(rates) else None


def main():
    r = load(sys.argv[1])
    modes = sys.argv[2].split()

    def f(key):
        try:
            return float(r[key])
        except (KeyError, ValueError):
            return None

    sign, verify = f('ed25519.sign'), f('ed25519.verify')
    ed = {'verify': sign, 'refresh': sign, 'me': verify}
    redis = {'otp': per_request(f('redis.acquire_ip'), f('redis.acquire_phone'), f('redis.put')),
             'verify': per_request(f('redis.claim'), f('redis.consume'))}

    def ceilings(mode, op):
        found = [('HTTP', f(f'{mode}.http.max'))]
        if ed.get(op):
            found.append(('Ed25519', 2 * ed[op]))
        if mode.startswith('full'):
            if op in redis:
                found.append(('Redis', redis[op]))
            found.append((f"PostgreSQL/{r.get(f'{mode}.{op}.pg_clients')}", f(f'{mode}.{op}.pg')))
        return [(name, v) for name, v in found if v]

    print('Modes: mock, full (the server\'s default --threads), full:N (--threads N).')
    print()
    print('| mode | operation | max req/s (wrk) | target | p50 / p99 ms at 70 % of max | p99 target '
          '| ceilings, req/s | max of lowest ceiling | load avg (max / 70 %) | notes |')
    print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
    for mode in modes:
        for op in OPS:
            k = f'{mode}.{op}'
            top = f(f'{k}.max')
            found = ceilings(mode, op)
            lowest = min(found, key=lambda t: t[1]) if found else None
            notes = []
            if f(f'{k}.max_bad'):
                notes.append(f"{number(f(f'{k}.max_bad'))} failed in wrk")
            if f(f'{k}.rate_bad'):
                notes.append(f"{number(f(f'{k}.rate_bad'))} failed at 70 %")
            if r.get(f'{k}.exhausted'):
                notes.append('codes ran out: the max is a lower bound')
            achieved, asked = f(f'{k}.rate_achieved'), f(f'{k}.rate')
            if achieved and asked and achieved < 0.97 * asked:
                notes.append(f'the 70 % run reached only {number(achieved)}/s')
            ratio = f'{top / lowest[1]:.0%} of {lowest[0]}' if top and lowest else '-'
            print(f"| {mode} | {LABEL[op]} | {number(top)} | {TARGET[op][0]:,} "
                  f"| {number(f(f'{k}.p50'), 2)} / {number(f(f'{k}.p99'), 2)} | {TARGET[op][1]} "
                  f"| {', '.join(f'{c} {number(v)}' for c, v in found)} | {ratio} "
                  f"| {r.get(f'{k}.load_max', '-')} / {r.get(f'{k}.load_rate', '-')} | {'; '.join(notes)} |")

    print()
    print("RSS: VmRSS (in brackets RssAnon, the process's own memory; the rest is shared library pages)")
    print()
    print('| mode | idle (target 20 MB) | 1,000 keep-alive connections (target 50 MB) | after the run |')
    print('| --- | --- | --- | --- |')

    def mb(key):
        return '-' if f(key) is None else f'{f(key) / 1024:.1f} MB ({f(key + "_anon") / 1024:.1f})'

    for mode in modes:
        print(f"| {mode} | {mb(mode + '.rss_idle')} | {mb(mode + '.rss_conns')} | {mb(mode + '.rss_after')} |")

    print()
    print(f"Run at niceness {r.get('run.nice', '-')}; load average (1/5/15 min) at the start "
          f"{r.get('run.load_start', '-')}, at the end {r.get('run.load_end', '-')}.")
    print(f"Ceilings: openssl speed ed25519, one core: sign {number(sign)}/s, verify {number(verify)}/s "
          f"(load {r.get('ed25519.load', '-')}); the table doubles them for 2 cores.")
    commands = ', '.join(f'{k[6:]} {number(f(k))}' for k in r if k.startswith('redis.') and k != 'redis.load')
    print(f"redis-benchmark -c 50, req/s: {commands} (load {r.get('redis.load', '-')}); "
          f"one request-code = 3 EVALSHA: {number(redis['otp'])}/s, one verify = 2: {number(redis['verify'])}/s.")
    print('PostgreSQL/N: pgbench -M prepared -c N with the statements of the operation (bench/server/pg/*.sql), '
          'run just before it.')


main()
