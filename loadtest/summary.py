"""Print requests, failures and p50/p95 per request name from Locust's CSV, and the p50 and p95
ratios of the main pages to the trivial view measured in the same run. Under saturation the trivial
view's p95 is time spent queueing for a worker (behind password checks at log in), so the p50 ratio
is the one that says how much work a page is."""
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
