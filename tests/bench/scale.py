#!/usr/bin/env python3
"""Scale: a tree of many small files, Strata against restic and borg in one run (issue 10).

Called by tests/bench/run.sh --scale, which installs the tools and builds strata-cli first:

  scale.py --out DIR --strata PATH [--files 1000000] [--folders 10000] [--timeout SECONDS]
           [--tools strata,restic,borg] [--keep]

The tree: FILES files of 0 to 4 KiB (random bytes, seeded, so every run makes the same tree) in
FOLDERS folders, themselves in 100 top folders. Operation by operation, the tools back to
back on a warm page cache: init, first backup, no-change backup, restore of everything into an
empty folder on the out dir's file system (checked against the source with diff -r, not timed). Each command runs under
/usr/bin/time for wall time, CPU and peak RSS, through bench.py's Runner and with its command
lines, so the figures compare with the main benchmark's. OUT/scale.json holds the records,
OUT/scale.md the table with the ratios against restic and borg.
"""
import argparse, json, os, random, shutil, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the Runner, the tools' environments and command lines)

OPS = [("init", "init"), ("backup_first", "first backup"),
       ("backup_unchanged", "no-change backup"), ("restore", "restore everything (ext4)")]


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def make_tree(root, files, folders, seed=10):
    """FILES files spread evenly over FOLDERS folders (a00/b00 ... a99/bNN)."""
    rng = random.Random(seed)
    per_top = max(1, folders // 100)
    made = total = 0
    for f in range(folders):
        d = os.path.join(root, f"a{f // per_top:02d}", f"b{f % per_top:03d}")
        os.makedirs(d, exist_ok=True)
        count = files // folders + (1 if f < files % folders else 0)
        for i in range(count):
            size = rng.randrange(0, 4097)
            with open(os.path.join(d, f"f{i:04d}.dat"), "wb") as out:
                out.write(rng.randbytes(size))
            made += 1
            total += size
        if f % 1000 == 999:
            log(f"  {made:,} files, {total / bench.MiB:.0f} MiB")
    return made, total


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", required=True)
    p.add_argument("--strata", required=True)
    p.add_argument("--files", type=int, default=1_000_000)
    p.add_argument("--folders", type=int, default=10_000)
    p.add_argument("--timeout", type=int, default=4 * 3600)
    p.add_argument("--tools", default=",".join(bench.TOOLS))
    p.add_argument("--keep", action="store_true")
    a = p.parse_args()
    if a.files < 1 or a.folders < 1 or a.folders > a.files:
        sys.exit("scale.py: --files and --folders must be positive, and no more folders than files")
    tools = [t for t in a.tools.split(",") if t]
    if any(t not in bench.TOOLS for t in tools):
        sys.exit(f"scale.py: --tools takes {','.join(bench.TOOLS)}")

    out = os.path.abspath(a.out)
    work, logs = os.path.join(out, "work"), os.path.join(out, "logs")
    os.makedirs(logs, exist_ok=True)
    # Bench gives the tools' environments and command lines; it reads only these settings.
    b = bench.Bench(argparse.Namespace(out=out, timeout=a.timeout, settle=0, strata=a.strata))
    runner = bench.Runner(logs)

    data = os.path.join(work, "data")
    marker = os.path.join(work, f"tree-{a.files}-{a.folders}.done")
    if not os.path.exists(marker):
        shutil.rmtree(data, ignore_errors=True)
        log(f"making {a.files:,} files in {a.folders:,} folders under {data}")
        t0 = time.monotonic()
        made, total = make_tree(data, a.files, a.folders)
        with open(marker, "w") as f:
            json.dump({"files": made, "bytes": total}, f)
        log(f"tree made in {time.monotonic() - t0:.0f} s")
    with open(marker) as f:
        tree = json.load(f)

    # Operation by operation, the three tools back to back, so that whatever else the machine
    # does falls on all of them alike (each record also says how busy the rest was).
    records = []
    places = {}
    for tool in tools:
        home, repo, target = (os.path.join(work, f"{what}-{tool}") for what in ("home", "repo", "restore"))
        for path in (home, repo, target):
            shutil.rmtree(path, ignore_errors=True)
        places[tool] = (home, repo, target, b.env(tool, home))
    for op, _ in OPS:
        for tool in tools:
            home, repo, target, env = places[tool]
            kind = "backup" if op.startswith("backup") else op
            archive = {"backup_first": "first", "backup_unchanged": "unchanged", "restore": "unchanged"}.get(op)
            argv, cwd = b.commands(tool, kind, repo, home, data=data, target=target, archive=archive)
            if op == "restore":
                os.makedirs(target, exist_ok=True)
            if op != "init":
                b.warm(data if kind == "backup" else repo)
            log(f"{tool} {op}: {' '.join(argv)}")
            rec = runner.run(argv, env=env, cwd=cwd, timeout=a.timeout, label=f"{tool}-{op}")
            rec.update(tool=tool, op=op)
            if op == "restore" and rec["ok"]:
                restored = b.restored_root(tool, target, data)
                d = subprocess.run(["diff", "-rq", "--no-dereference", data, restored],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
                rec["identical"] = d.returncode == 0
                if d.returncode != 0:
                    rec["ok"] = False
                    rec["error"] = "restore differs: " + d.stdout.decode(errors="replace")[:500]
                # Kept until the end: on ext4 without a journal, creating files right after
                # deleting many costs several times the CPU (README, "File system").
            if kind == "backup" or op == "init":
                rec["repo_bytes"] = bench.tree_bytes(repo)
            log(f"  {'ok' if rec['ok'] else 'FAILED ' + rec.get('error', '')}: {rec.get('wall', 0):.1f} s, "
                f"{rec.get('cpu', 0):.1f} s CPU, {rec.get('maxrss_kb', 0) / 1024:.0f} MiB RSS, "
                f"others' load {rec.get('others_load', 0):.2f}")
            records.append(rec)
    if not a.keep:
        for home, repo, target, _ in places.values():
            for path in (repo, target, home):
                shutil.rmtree(path, ignore_errors=True)

    by = {(r["tool"], r["op"]): r for r in records}
    lines = [f"# Scale: {tree['files']:,} files ({tree['bytes'] / bench.MiB:.0f} MiB) in {a.folders:,} folders",
             "", f"Machine: {os.cpu_count()} cores; {bench.uptime_line()}.", "",
             "| operation | tool | wall s | CPU s | peak RSS MiB | repo MiB | others' load | time vs restic "
             "| time vs borg | RSS vs restic | RSS vs borg |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    for op, title in OPS:
        for tool in tools:
            r = by.get((tool, op), {})
            def ratio(other, key):
                o = by.get((other, op), {})
                if tool != "strata" or not r.get("ok") or not o.get("ok") or not o.get(key):
                    return ""
                return f"{r[key] / o[key]:.2f}x"
            lines.append(f"| {title} | {tool} | {r.get('wall', 0):.1f} | {r.get('cpu', 0):.1f} | "
                         f"{r.get('maxrss_kb', 0) / 1024:.0f} | {r.get('repo_bytes', 0) / bench.MiB:.0f} | "
                         f"{r.get('others_load', 0):.2f} | "
                         f"{ratio('restic', 'wall')} | {ratio('borg', 'wall')} | "
                         f"{ratio('restic', 'maxrss_kb')} | {ratio('borg', 'maxrss_kb')} |"
                         + ("" if r.get("ok", False) else f" FAILED: {r.get('error', 'not run')}"))
    lines += ["", "Ratios are Strata's figure divided by the other tool's: below 1 is better. "
              "\"others' load\" is the share of the machine's CPU that other processes used meanwhile."]
    with open(os.path.join(out, "scale.json"), "w") as f:
        json.dump({"tree": tree, "folders": a.folders, "records": records}, f, indent=1)
    with open(os.path.join(out, "scale.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if all(r["ok"] for r in records) else 1


if __name__ == "__main__":
    sys.exit(main())
