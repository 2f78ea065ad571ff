#!/usr/bin/env python3
"""Splits each traced ping of ReactionBench into steps (issue 13 item 3; docs/bench/reaction.md).

Input: the directory bench/trace-reaction.sh wrote (perf trace of the bench JVM and the bot, their
thread names, the pids). Each ping is found by its shape on the wire, not by guessing:

  A  the homeserver reads the person's PUT (400-460 bytes)
  B  the homeserver writes the bot's /sync response carrying it (1000-1300 bytes)
  C  the bot reads that response
  S  the bot's one Semaphore request (a 150-260 byte write: `ping` asks /api/info alone) and its
     answer (100-400 bytes: headers and the info JSON)
  H  the bot's first WAL write (pwrite64) after the last answer: the outbox commit
  J  the bot writes the reply's PUT (>= 380 bytes)
  K  the homeserver reads it

Only bytes and timestamps are used; the sizes fit the bench's `!cd ping` and may need widening if
the bench's messages change (the script prints how many pings it recognised). A ping whose bot
asked Semaphore other than once is left out of the steps and counted apart: `ping` asking twice
again, or a size window that no longer fits, shows there.
"""
import re
import statistics
import sys

LINE = re.compile(
    r"\s*([\d.]+) \(\s*([\d.]+) ms\): (\S+)/(\d+) (\w+)\(fd: (\d+).*?\)\s+= (-?\d+)"
)


def load(directory):
    names = {}
    for file, who in (("bot-threads", "BOT"), ("bench-threads", "HS")):
        for line in open(f"{directory}/{file}"):
            tid, name = line.split(" ", 1)
            names[tid] = who
    rows = []
    for line in open(f"{directory}/trace.txt"):
        m = LINE.match(line)
        if not m:
            continue
        t, _, _, tid, call, fd, result = m.groups()
        n = int(result)
        if (n < 0 and call != "connect") or (n <= 16 and call in ("read", "write")):
            continue  # failed calls, and the selectors' 8-byte wake-ups
        if call == "connect":
            n = 0  # a new TCP connection: 0, or -1 EINPROGRESS when non-blocking
        rows.append((float(t), names.get(tid, "?"), call, int(fd), n))
    rows.sort()
    return rows


def last_before(rows, i, t, test):
    found = [r[0] for r in rows[:i] if test(r) and t - r[0] < 20]
    return found[-1] if found else None


def pings(rows):
    out = []
    for i, (t, who, call, fd, n) in enumerate(rows):
        if not (who == "BOT" and call == "read" and 1000 <= n <= 1300):
            continue
        p = {
            "A": last_before(rows, i, t, lambda r: r[1] == "HS" and r[2] == "read" and 400 <= r[4] <= 460),
            "B": last_before(rows, i, t, lambda r: r[1] == "HS" and r[2] == "write" and r[4] == n),
            "C": t,
            "S": [],
        }
        for r in rows[i + 1 :]:
            if r[0] - t > 200:
                break
            bot = r[1] == "BOT"
            if bot and r[2] == "connect" and "J" not in p:
                p["connects"] = p.get("connects", 0) + 1
            if bot and r[2] == "writev" and 150 <= r[4] <= 260:
                p["S"].append(("w", r[0]))
            elif bot and r[2] == "read" and 100 <= r[4] <= 400 and r[3] != fd and p["S"] and p["S"][-1][0] == "w":
                p["S"].append(("r", r[0]))
            elif bot and r[2] == "pwrite64" and "H" not in p:
                p["H"] = r[0]
            elif bot and r[2] == "pwrite64" and "J" not in p:
                p["I"] = r[0]
            elif bot and r[2] == "writev" and r[4] >= 380 and "J" not in p:
                p["J"] = r[0]
            elif r[1] == "HS" and r[2] == "read" and r[4] >= 600 and "J" in p:
                p["K"] = r[0]
                break
        if all(p.get(k) for k in "ABCHJK"):
            p.setdefault("I", p["H"])
            out.append(p)
    return out


def show(label, values):
    values = sorted(values)
    if not values:
        print(f"{label:<52} no samples")
        return
    p90 = values[int(0.9 * (len(values) - 1))]
    print(f"{label:<52} median {statistics.median(values):6.2f} ms  p90 {p90:6.2f} ms  (n={len(values)})")


def one_round_trip(p):
    """Whether the bot asked Semaphore once and read the answer: a request, then its answer."""
    return [kind for kind, _ in p["S"]] == ["w", "r"]


def main(directory):
    recognised = pings(load(directory))
    ps = [p for p in recognised if one_round_trip(p)]
    print(f"pings recognised: {len(recognised)}, with one Semaphore round trip: {len(ps)}")
    others = {}
    for p in recognised:
        if not one_round_trip(p):
            asked = sum(1 for kind, _ in p["S"] if kind == "w")
            others[asked] = others.get(asked, 0) + 1
    if others:
        counted = ", ".join(f"{n} with {k} request(s)" for k, n in sorted(others.items()))
        print(f"left out, not one Semaphore round trip: {counted}")
    show("homeserver: person's PUT read -> /sync answer written", [p["B"] - p["A"] for p in ps])
    show("wire + bot's selector wake-up", [p["C"] - p["B"] for p in ps])
    show("bot: /sync read -> Semaphore request", [p["S"][0][1] - p["C"] for p in ps])
    show("Semaphore round trip (/api/info)", [p["S"][1][1] - p["S"][0][1] for p in ps])
    connects = [p.get("connects", 0) for p in ps]
    print(f"{'new TCP connections before the reply':<52} median {statistics.median(connects) if connects else 0}")
    show("bot: Semaphore answer -> outbox commit starts", [p["H"] - p["S"][1][1] for p in ps])
    show("bot: /sync answer read -> outbox commit starts (all)", [p["H"] - p["C"] for p in ps])
    show("outbox commit (first to last WAL write, no fsync)", [p["I"] - p["H"] for p in ps])
    show("bot: commit -> reply PUT written (lane, HTTP)", [p["J"] - p["I"] for p in ps])
    show("wire: PUT written -> homeserver reads it", [p["K"] - p["J"] for p in ps])
    show("TOTAL person's PUT read -> reply's PUT read", [p["K"] - p["A"] for p in ps])


if __name__ == "__main__":
    main(sys.argv[1])
