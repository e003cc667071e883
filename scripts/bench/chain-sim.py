#!/usr/bin/env python3
"""Where one global hash chain stops scaling: a queueing simulation of the chain lock, fed with measured numbers.

Every write holds the chain lock (pg_advisory_xact_lock) from its first read to its COMMIT, so one chain is a single
server with a fixed service time S per command: the time a write holds the lock. Commands arrive at random
(Poisson) from many desks. The simulation runs the Lindley recursion W[n+1] = max(0, W[n] + S - A[n+1]) over
200,000 arrivals per point and reports utilization and the waits a desk would see.

It compares topologies at the same total load:
  global  - one chain for everything (a province, or the country, on one chain)
  city    - one chain per city, anchored together (each chain sees its city's load only); all chains share the
            database's commit capacity C (pgbench INSERT tps with many clients), which bounds the total

Defaults are this machine's measurements (docs/scaling.md); pass your own with --service-ms and --capacity.
Usage: python3 scripts/bench/chain-sim.py [--service-ms 4.5] [--capacity 9000] [--cities 100] [--seed 7]
"""
import argparse
import random


def simulate(rate, service, n=200_000, seed=7):
    """Waiting times (seconds) of n Poisson arrivals at `rate`/s on one FIFO lock held `service` s each."""
    rng = random.Random(seed)
    w = 0.0
    waits = []
    for _ in range(n):
        a = rng.expovariate(rate)
        w = max(0.0, w + service - a)
        waits.append(w)
    waits.sort()
    return sum(waits) / n, waits[int(n * 0.99)]


def fmt_ms(s):
    if s == float("inf"):
        return "unbounded"
    return f"{s * 1000:,.1f} ms" if s < 10 else f"{s:,.0f} s"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--service-ms", type=float, default=4.5,
                    help="lock hold time of one interactive command (measured: see docs/scaling.md)")
    ap.add_argument("--capacity", type=float, default=9000,
                    help="the database's commit capacity across all chains, commits/s (pgbench INSERT, 32 clients)")
    ap.add_argument("--cities", type=int, default=100)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    s = args.service_ms / 1000
    print(f"service time per command under the chain lock: {args.service_ms} ms "
          f"(one chain's ceiling: {1 / s:,.0f} commands/s); database commit capacity: {args.capacity:,.0f}/s; "
          f"{args.cities} cities")
    print()
    print("| total load (commands/s) | per city | one global chain: utilization | mean wait | p99 wait "
          "| one chain per city: utilization | p99 wait | share of DB commit capacity |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for total in [10, 50, 100, 150, 200, 210, 250, 500, 1000, 3000]:
        per_city = total / args.cities
        rho = total * s
        if rho < 1:
            mean, p99 = simulate(total, s, seed=args.seed)
        else:
            mean = p99 = float("inf")
        rho_city = per_city * s
        _, p99_city = simulate(per_city, s, n=50_000, seed=args.seed)
        share = total / args.capacity
        print(f"| {total:,} | {per_city:.2f} | {rho:.0%} | {fmt_ms(mean)} | {fmt_ms(p99)} "
              f"| {rho_city:.1%} | {fmt_ms(p99_city)} | {share:.0%}{' (over)' if share > 1 else ''} |")


if __name__ == "__main__":
    main()
