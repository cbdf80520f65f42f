"""Print requests, failures and p50/p95 per request name from Locust's CSV, and the p50 and p95
ratios of the main pages to the trivial view measured in the same run. Under saturation the trivial
view's p95 is time spent queueing for a worker (behind password checks at log in), so the p50 ratio
is the one that says how much work a page is.

With the run's history (second argument), also: the log-in rush (log-ins per second, and per core
of this machine, which Locust shares) and what the server sustains once everyone is logged in
(requests per second, and the worst 10-second p95 from then on)."""
import os
import csv
import sys

rows = {row["Name"]: row for row in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
print(f"{'request':<28} {'count':>7} {'failures':>8} {'p50 ms':>8} {'p95 ms':>8}")
for name, row in rows.items():
    print(f"{name:<28} {row['Request Count']:>7} {row['Failure Count']:>8} {row['50%']:>8} {row['95%']:>8}")
base = rows.get("trivial view (/healthz)")
for name in ("dashboard", "save draft", "submit", "my district", "log in"):
    if base and name in rows and float(base["50%"]) and float(base["95%"]):
        p50 = float(rows[name]["50%"]) / float(base["50%"])
        p95 = float(rows[name]["95%"]) / float(base["95%"])
        print(f"{name} / trivial view: p50 {p50:.1f}x, p95 {p95:.1f}x")

if len(sys.argv) > 2:
    history = list(csv.DictReader(open(sys.argv[2], encoding="utf-8")))
    logins = [row for row in history if row["Name"] == "log in" and row["Total Request Count"] not in ("", "0")]
    if logins:
        start = int(history[0]["Timestamp"])
        total = int(logins[-1]["Total Request Count"])
        done = next(int(row["Timestamp"]) for row in logins if int(row["Total Request Count"]) == total)
        seconds = max(done - start, 1)
        cores = os.cpu_count() or 1
        print(f"log-in rush: {total} log-ins done {seconds} s after the start: {total / seconds:.1f} per second, "
              f"{total / seconds / cores:.1f} per second per core ({cores} cores, shared with Locust)")
        after = [row for row in history if row["Name"] == "Aggregated" and int(row["Timestamp"]) >= done + 10]
        if len(after) > 1:
            first, last = after[0], after[-1]
            rate = ((int(last["Total Request Count"]) - int(first["Total Request Count"]))
                    / max(int(last["Timestamp"]) - int(first["Timestamp"]), 1))
            worst = max(float(row["95%"]) for row in after if row["95%"] not in ("", "N/A"))
            print(f"after the rush ({int(last['Timestamp']) - int(first['Timestamp'])} s, from 10 s after the last "
                  f"log-in): {rate:.0f} requests per second, worst 10-second p95 {worst:.0f} ms")
