#!/usr/bin/env python3
"""The trading metrics' reference data set, and its expected values computed independently.

  reference.py generate   writes equity.csv and trades.csv (deterministic), then expected.properties
  reference.py compute    rewrites expected.properties from the committed CSVs
  reference.py check      recomputes from the committed CSVs and fails if expected.properties differs

The data is drawn with Python's own `random` (its stream is stable across versions); the metrics
are computed with numpy and plain loops, following empyrical's conventions as docs/metrics.md
states them, without looking at the Java code. PerformanceTrackerReferenceTest asserts the
tracker against expected.properties to 1e-9 relative.
"""
import csv
import datetime as dt
import math
import random
import statistics
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent.parent / "resources" / "reference"
PERIODS = 365          # crypto: calendar days
RISK_FREE = 0.03       # annual, divided evenly across periods
VAR_WINDOW = 250
PERIOD_FROM = "2025-03-01T00:00:00Z"   # the window for trades_between
PERIOD_TO = "2025-04-01T00:00:00Z"


def parse(ts):
    return dt.datetime.fromisoformat(ts.replace("Z", "+00:00"))


def generate():
    rnd = random.Random(20231102)
    start = dt.date(2023, 1, 2)
    end = dt.date(2025, 12, 31)
    rows = []
    equity = 100_000.0
    day = start
    while day <= end:
        # A bad quarter in the middle, so the drawdown is a real one.
        drift = -0.004 if dt.date(2024, 5, 1) <= day < dt.date(2024, 8, 1) else 0.0009
        shock = math.sqrt(-2 * math.log(1 - rnd.random())) * math.cos(2 * math.pi * rnd.random())
        close = round(equity * math.exp(drift + 0.015 * shock), 2)
        gap = rnd.random() < 0.015                    # a day with no snapshot at all
        if not gap:
            if rnd.random() < 0.12:                  # an intraday dip below both closes
                dip = round(min(equity, close) * (1 - 0.04 * rnd.random()), 2)
                rows.append((f"{day}T14:00:00Z", dip))
            rows.append((f"{day}T20:00:00Z", close))
            equity = close
        day += dt.timedelta(days=1)
    rows.append(("2026-01-01T09:00:00Z", round(equity * 0.97, 2)))   # today, not closed
    with open(HERE / "equity.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["timestamp", "equity"])
        w.writerows((t, repr(v)) for t, v in rows)

    trades = []
    t0 = dt.datetime(2023, 1, 3, tzinfo=dt.timezone.utc)
    for i in range(600):
        opened = t0 + dt.timedelta(hours=43 * i + rnd.randrange(0, 20))
        closed = opened + dt.timedelta(minutes=rnd.randrange(5, 600))
        entry = round(20_000 + 40_000 * rnd.random(), 2)
        qty = round(0.01 + rnd.random(), 3)
        side = "BUY" if rnd.random() < 0.6 else "SELL"
        u = rnd.random()
        pnl = 0.0 if u < 0.02 else round((rnd.random() * 900 if u < 0.58 else -rnd.random() * 700), 2)
        fees = round(entry * qty * 0.0004, 2)
        exit_ = round(entry + (pnl + fees) / qty * (1 if side == "BUY" else -1), 2)
        trades.append(("BTCUSDT", side, repr(entry), repr(exit_), repr(qty), repr(pnl), repr(fees),
                       opened.strftime("%Y-%m-%dT%H:%M:%SZ"), closed.strftime("%Y-%m-%dT%H:%M:%SZ")))
    with open(HERE / "trades.csv", "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["symbol", "side", "entry", "exit", "quantity", "pnl", "fees", "opened_at", "closed_at"])
        w.writerows(trades)


def read_csv(name):
    with open(HERE / name, newline="") as f:
        return list(csv.DictReader(f))


def compute():
    snaps = [(parse(r["timestamp"]), float(r["equity"])) for r in read_csv("equity.csv")]
    trades = read_csv("trades.csv")
    out = {}

    # Daily closes (UTC): the last snapshot of each day before the latest snapshot's day,
    # forward-filled over days without one; returns as pandas pct_change, first day dropped.
    last_day = snaps[-1][0].date()
    by_day = {}
    for t, v in snaps:
        if t.date() < last_day:
            by_day[t.date()] = v
    first = min(by_day)
    closes = []
    d = first
    while d < last_day:
        closes.append(by_day.get(d, closes[-1] if closes else None))
        d += dt.timedelta(days=1)
    closes = np.array(closes)
    r = closes[1:] / closes[:-1] - 1
    n = len(r)
    out["days"] = n
    cumulative = closes[-1] / closes[0] - 1
    out["cumulativeReturn"] = cumulative
    cagr = (1 + cumulative) ** (PERIODS / n) - 1
    out["cagr"] = cagr
    sd = np.std(r, ddof=1)
    out["volatility"] = sd * math.sqrt(PERIODS)
    out["sharpe"] = (np.mean(r) - RISK_FREE / PERIODS) / sd * math.sqrt(PERIODS)
    downside = math.sqrt(np.sum(np.minimum(r, 0) ** 2) / n)
    out["sortino"] = np.mean(r) * PERIODS / (downside * math.sqrt(PERIODS))
    w = r[-VAR_WINDOW:]
    out["var95"] = np.percentile(w, 5)
    z95 = statistics.NormalDist().inv_cdf(0.95)
    out["parametricVar95"] = np.mean(w) - z95 * np.std(w, ddof=1)
    cutoff = int((len(w) - 1) * 0.05)
    out["cvar95"] = np.mean(np.sort(w)[:cutoff + 1])

    # Drawdown over every snapshot, intraday ones included (TradePulse's convention).
    peak, peak_at, max_dd = -math.inf, None, 0.0
    for t, v in snaps:
        if v >= peak:
            peak, peak_at = v, t
        max_dd = max(max_dd, (peak - v) / peak)
    last_t, last_v = snaps[-1]
    out["maxDrawdown"] = max_dd
    out["currentDrawdown"] = (peak - last_v) / peak
    out["drawdownSeconds"] = int((last_t - peak_at).total_seconds()) if last_v < peak else 0
    out["calmar"] = cagr / max_dd
    out["equity"] = last_v
    out["pnlToday"] = last_v - closes[-1]

    pnl = np.array([float(t["pnl"]) for t in trades])
    wins, losses = pnl[pnl > 0], pnl[pnl < 0]
    out["trades"] = len(pnl)
    out["wins"] = len(wins)
    out["losses"] = len(losses)
    out["realizedPnl"] = np.sum(pnl)
    out["winRate"] = len(wins) / len(pnl)
    out["profitFactor"] = np.sum(wins) / -np.sum(losses)
    out["payoffRatio"] = np.mean(wins) / -np.mean(losses)
    out["expectancy"] = np.mean(pnl)
    longest = {1: 0, -1: 0}
    run_sign, run = 0, 0
    for p in pnl:
        s = 1 if p > 0 else -1 if p < 0 else 0
        run = run + 1 if s == run_sign and s != 0 else (1 if s != 0 else 0)
        run_sign = s
        if s:
            longest[s] = max(longest[s], run)
    out["longestWinStreak"] = longest[1]
    out["longestLossStreak"] = longest[-1]

    lo, hi = parse(PERIOD_FROM), parse(PERIOD_TO)
    period = np.array([float(t["pnl"]) for t in trades if lo <= parse(t["closed_at"]) < hi])
    out["period.trades"] = len(period)
    out["period.wins"] = int(np.sum(period > 0))
    out["period.realizedPnl"] = np.sum(period)
    out["period.grossProfit"] = np.sum(period[period > 0])
    out["period.grossLoss"] = np.sum(period[period < 0])
    return out


def render(values):
    lines = ["# Computed by src/test/python/reference.py from equity.csv and trades.csv; do not edit.",
             f"# periodsPerYear={PERIODS} riskFreeRate={RISK_FREE} varWindow={VAR_WINDOW} zone=UTC",
             f"# period={PERIOD_FROM}/{PERIOD_TO}"]
    for k, v in values.items():
        lines.append(f"{k}={v}" if isinstance(v, int) else f"{k}={float(v)!r}")
    return "\n".join(lines) + "\n"


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    if command == "generate":
        generate()
    if command in ("generate", "compute"):
        (HERE / "expected.properties").write_text(render(compute()))
        return 0
    committed = {}
    for line in (HERE / "expected.properties").read_text().splitlines():
        if line and not line.startswith("#"):
            k, v = line.split("=", 1)
            committed[k] = float(v)
    fresh = compute()
    bad = [k for k, v in fresh.items()
           if k not in committed or not math.isclose(committed[k], float(v), rel_tol=1e-12, abs_tol=1e-15)]
    if bad or set(committed) != set(fresh):
        print("expected.properties is not what numpy computes from the CSVs:", bad, file=sys.stderr)
        return 1
    print(f"reference: {len(fresh)} expected values match numpy {np.__version__}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
