#!/usr/bin/env python3
"""An independent, plain reading of ANALYTICS.md sections 3, 4 and 7 for the cost figures,
to cross-check agentviz-report on generated history (`gen_events.py --v11`).

Usage: crosscheck_cost.py HISTORY.ndjson PRICES.yml WEEK_START(YYYY-MM-DD) [REPORT.json]
Prints the figures of the ISO week starting on WEEK_START; with REPORT.json (the tool's
`weekly --format json` of that week) compares and exits 1 on a difference.
Decimal arithmetic throughout; no code shared with the Swift implementation.
Only valid lines are expected (it does not re-implement validation).
"""
import json, sys, datetime as dt
from decimal import Decimal, ROUND_HALF_UP
import yaml

def ts(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))

def nano(x):
    return Decimal(repr(x)).quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP)

def main():
    hist, prices_path, week = sys.argv[1], sys.argv[2], sys.argv[3]
    start = dt.datetime.fromisoformat(week + "T00:00:00+00:00")
    end = start + dt.timedelta(days=7)
    table = {}
    for model, rows in yaml.safe_load(open(prices_path)).items():
        table[model] = sorted(
            [(dt.datetime.combine(r["effective"], dt.time(), dt.timezone.utc) if isinstance(r["effective"], dt.date)
              else ts(str(r["effective"]) + "T00:00:00Z"), r) for r in rows], key=lambda x: x[0])
    seen, sessions = set(), {}
    for line in open(hist, encoding="utf-8"):
        if not line.strip():
            continue
        e = json.loads(line)
        if e["eventId"] in seen:
            continue
        seen.add(e["eventId"])
        sessions.setdefault(e["session"]["id"], []).append(e)
    tot = dict(cost=Decimal(0), rep=Decimal(0), comp=Decimal(0), unpriced=0, zero=0, credits=Decimal(0), active=0)
    for sid, evs in sessions.items():
        evs.sort(key=lambda e: (ts(e["capturedAt"]), ts(e["session"].get("updatedAt", e["capturedAt"])), e["eventId"].encode()))
        inwin = [e for e in evs if start <= ts(e["capturedAt"]) < end]
        if not inwin:
            continue
        tot["active"] += 1
        def usage(t, key, conv=lambda v: Decimal(v)):
            vals = [conv(e.get("metrics", {})[key]) for e in evs if ts(e["capturedAt"]) < t and e.get("metrics", {}).get(key) is not None]
            return max(vals) if vals else Decimal(0)
        def u(key, conv=lambda v: Decimal(v)):
            return usage(end, key, conv) - usage(start, key, conv)
        def total_tokens(t):
            vals = []
            for e in evs:
                m = e.get("metrics", {})
                if ts(e["capturedAt"]) < t:
                    if m.get("tokenTotal") is not None:
                        vals.append(Decimal(m["tokenTotal"]))
                    elif m.get("tokenInput") is not None or m.get("tokenOutput") is not None:
                        vals.append(Decimal(m.get("tokenInput") or 0) + Decimal(m.get("tokenOutput") or 0))
            return max(vals) if vals else Decimal(0)
        tin, tout = u("tokenInput"), u("tokenOutput")
        cr, cw = u("tokenCacheRead"), u("tokenCacheWrite")
        used = any(x > 0 for x in (tin, tout, cr, cw, total_tokens(end) - total_tokens(start)))
        models = [e["session"]["model"] for e in evs if ts(e["capturedAt"]) < end and e["session"].get("model") is not None]
        model = models[-1] if models else None
        last = ts(inwin[-1]["capturedAt"])
        reports_cost = any(e.get("metrics", {}).get("estimatedCostUsd") is not None for e in evs)
        cost = Decimal(0)
        if reports_cost:
            cost = u("estimatedCostUsd", nano)
            tot["rep"] += cost
            if cost == 0 and used:
                tot["zero"] += 1
        else:
            rows = [r for (eff, r) in table.get(model, []) if eff <= last] if model else []
            if rows:
                p = {k: Decimal(str(v)) for k, v in rows[-1].items() if k != "effective"}
                p.setdefault("cachedInput", p["input"]); p.setdefault("cacheWrite", p["input"])
                raw = (max(Decimal(0), tin - cr - cw) * p["input"] + cr * p["cachedInput"]
                       + cw * p["cacheWrite"] + tout * p["output"]) / Decimal(1_000_000)
                cost = raw.quantize(Decimal("1e-9"), rounding=ROUND_HALF_UP)
                tot["comp"] += cost
            elif used:
                tot["unpriced"] += 1
        tot["cost"] += cost
        reports_credits = any(e.get("metrics", {}).get("aiCredits") is not None for e in evs)
        tot["credits"] += u("aiCredits", nano) if reports_credits else cost * 100
    print(json.dumps({k: float(v) if isinstance(v, Decimal) else v for k, v in tot.items()}))
    if len(sys.argv) > 4:
        t = json.load(open(sys.argv[4]))["totals"]
        got = dict(cost=t["estimatedCostUsd"], rep=t["costReportedUsd"], comp=t["costComputedUsd"],
                   unpriced=t["unpricedSessions"], zero=t["zeroCostSessions"], credits=t["aiCredits"], active=t["activeSessions"])
        bad = [k for k in tot if abs(Decimal(str(got[k])) - Decimal(tot[k])) > Decimal("1e-6")]
        if bad:
            print("DIFFERENT:", {k: (float(tot[k]), got[k]) for k in bad})
            sys.exit(1)
        print("same")

main()
