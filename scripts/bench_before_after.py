#!/usr/bin/env python3
"""Interleaved before/after timing of `weekly --input` for two agentviz-report binaries.

Usage: bench_before_after.py RUNS [extra flags...]
Edit `before`/`after` and the data paths below (the before binary: a release build of an
earlier commit in a git worktree). Prints wall and CPU (user+sys) medians and peak RSS;
runs alternate before/after so host load hits both alike.
"""
import subprocess, time, statistics, os, sys
def run(binary, args):
    t=time.perf_counter()
    p=subprocess.Popen([binary]+args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _,_,ru=os.wait4(p.pid,0)
    return time.perf_counter()-t, ru.ru_utime+ru.ru_stime, ru.ru_maxrss/1024
before="/tmp/before/.build/release/agentviz-report"
after="/work/main/.build/release/agentviz-report"
n=int(sys.argv[1])
for name,f in [("v10-1m","/work/main/bench-out/data/events-1m.ndjson"),("v11-1m","/tmp/bench/v11-1m.ndjson")]:
    args=["weekly","--input",f,"--week","2026-W48","--format","json","--now","2027-02-01T00:00:00Z"]+sys.argv[2:]
    res={"before":[], "after":[]}
    for i in range(n):
        for k,b in ((("before",before),("after",after)) if i%2==0 else (("after",after),("before",before))):
            res[k].append(run(b,args))
    def med(k,j): return statistics.median(x[j] for x in res[k])
    print(f"{name}: wall median before {med('before',0):.3f} s, after {med('after',0):.3f} s (x{med('after',0)/med('before',0):.3f}); CPU median before {med('before',1):.3f} s, after {med('after',1):.3f} s (x{med('after',1)/med('before',1):.3f}); peak RSS before {max(x[2] for x in res['before']):.0f} MiB, after {max(x[2] for x in res['after']):.0f} MiB")
