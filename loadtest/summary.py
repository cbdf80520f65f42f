"""Print requests, failures and p50/p95 per request name from Locust's CSV, and the p95 ratio of
the dashboard to the trivial view measured in the same run."""
import csv
import sys

rows = {row["Name"]: row for row in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
print(f"{'request':<28} {'count':>7} {'failures':>8} {'p50 ms':>8} {'p95 ms':>8}")
for name, row in rows.items():
    print(f"{name:<28} {row['Request Count']:>7} {row['Failure Count']:>8} {row['50%']:>8} {row['95%']:>8}")
base = rows.get("trivial view (/healthz)")
for name in ("dashboard", "save draft", "submit", "my district"):
    if base and name in rows and float(base["95%"]):
        print(f"p95 ratio {name} / trivial view: {float(rows[name]['95%']) / float(base['95%']):.1f}x")
