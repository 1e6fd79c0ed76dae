#!/usr/bin/env python3
"""Strata against restic and borg on the same data, in one run (issue 3).

Called by tests/bench/run.sh, which installs the tools and builds strata-cli first:

  bench.py --size 300M --runs 3 --out DIR --strata PATH --shared DIR [--source-tree DIR]
           [--versions-size SIZE] [--prune-size SIZE] [--only backup,versions,prune]
           [--timeout SECONDS] [--keep]

Every operation runs for the three tools back to back (A B C, the starting tool rotating with
each run), on warm caches, under /usr/bin/time and a timeout. A tool that fails is recorded with
its exit code and the end of its stderr; the harness goes on. OUT/results.json holds every raw
measurement and the medians, OUT/results.md the tables (printed at the end).

Three phases, all by default (--only picks some): "backup" (the runs of init, backups, restores
and checks, with the machine limits), "versions" (a 20-version repository per tool, then one
small file restored from it) and "prune" (issue 11: forget --keep-last 5 --prune on fresh copies
of a 20-version repository per tool, on the --prune-size data set).
"""
import argparse, hashlib, json, os, platform, re, shutil, signal, statistics, subprocess, sys, time

MiB = 1 << 20
TOOLS = ("strata", "restic", "borg")
PASSWORD = "bench-password-not-secret"
OPS = [  # (key, title) in the order of the report
    ("init", "init (empty repository)"),
    ("backup_first", "first backup"),
    ("backup_unchanged", "re-backup, nothing changed"),
    ("backup_mutated", "re-backup after mutate.sh (seed 7, 2% of files)"),
    ("restore_tmpfs", "restore everything to an empty folder on tmpfs (/dev/shm)"),
    ("restore_ext4", "restore everything to an empty folder on the out dir's file system"),
    ("check_read_data", "check reading all data"),
    ("versions_backup", "backups building the 20-version repository (each after a mutation)"),
    ("restore_one_file", "restore one small file from the 20-version repository"),
    ("prune", "forget all but the last 5 of 20 versions and give the space back"),
]
PHASES = ("backup", "versions", "prune")
KEEP_LAST = 5
PRUNE_CMD = {"strata": f"strata-cli forget --keep-last {KEEP_LAST} --prune --json",
             "restic": f"restic forget --keep-last {KEEP_LAST} --prune",
             "borg": f"borg prune --keep-last {KEEP_LAST}, then borg compact"}
# Issue 11's targets, on the medians: Strata at least 3x faster than restic, freeing at least as
# many bytes, with at most restic's peak RSS.
PRUNE_TARGETS = [("time_vs_restic", "restic / Strata wall time", ">=", 3.0),
                 ("freed_vs_restic", "bytes freed, Strata / restic", ">=", 1.0),
                 ("rss_vs_restic", "peak RSS, Strata / restic", "<=", 1.0)]
CHECK_CMD = {"strata": "strata-cli check --read-data", "restic": "restic check --read-data",
             "borg": "borg check --verify-data"}


def parse_size(s):
    t = s.strip().upper().rstrip("B")
    for suffix, mult in (("K", 1 << 10), ("M", MiB), ("G", 1 << 30), ("T", 1 << 40)):
        if t.endswith(suffix):
            return int(float(t[:-1]) * mult)
    return int(float(t))


def log(msg):
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def tree_bytes(path):
    """Apparent size, as `du -sb` counts it."""
    try:
        out = subprocess.run(["du", "-sb", path], capture_output=True, text=True, timeout=600)
        return int(out.stdout.split()[0])
    except (subprocess.SubprocessError, ValueError, IndexError):
        return None


def cpu_busy_seconds():
    """Seconds all CPUs spent busy since boot (/proc/stat), and the iowait seconds."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    hz = os.sysconf("SC_CLK_TCK")
    busy = v[0] + v[1] + v[2] + v[5] + v[6] + (v[7] if len(v) > 7 else 0)
    return busy / hz, v[4] / hz


def uptime_line():
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=10).stdout.strip()
    except subprocess.SubprocessError:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Runner:
    """Runs one command under /usr/bin/time with a timeout and returns what it cost."""

    def __init__(self, logdir):
        self.logdir = logdir
        self.seq = 0

    def run(self, cmd, *, env=None, cwd=None, timeout=600, shell=False, label="cmd", stdout=False):
        """`stdout=True` keeps the command's output in the record's "stdout" (up to 256 KiB: the
        end of it when it is longer)."""
        self.seq += 1
        base = os.path.join(self.logdir, f"{self.seq:04d}-{label}")
        tfile = base + ".time"
        argv = ["/usr/bin/time", "-f", "%e %U %S %M", "-o", tfile]
        argv += ["bash", "-o", "pipefail", "-c", cmd] if shell else list(cmd)
        rec = {"cmd": cmd if shell else " ".join(cmd), "ok": False, "rc": None}
        busy0, iow0 = cpu_busy_seconds()
        load0 = os.getloadavg()[0]
        t0 = time.monotonic()
        with open(base + ".out", "wb") as out, open(base + ".err", "wb") as err:
            try:
                p = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=cwd,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
            except OSError as e:
                rec.update(error=f"cannot start: {e}")
                return rec
            try:
                rc = p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                p.wait()
                rc = None
        wall = time.monotonic() - t0
        busy1, iow1 = cpu_busy_seconds()
        rec.update(rc=rc, wall=round(wall, 4), load1_before=round(load0, 2))
        try:
            last = [l for l in open(tfile).read().splitlines() if l.strip()][-1].split()
            rec.update(user=float(last[1]), sys=float(last[2]), maxrss_kb=int(last[3]))
            rec["cpu"] = round(rec["user"] + rec["sys"], 3)
            # CPU the rest of the machine burnt meanwhile (other builds, kernel writeback).
            rec["foreign_cpu"] = round(max(0.0, (busy1 - busy0) - rec["cpu"]), 2)
            rec["others_load"] = round(rec["foreign_cpu"] / max(wall, 0.01) / (os.cpu_count() or 1), 3)
            rec["iowait"] = round(iow1 - iow0, 2)
        except (OSError, IndexError, ValueError):
            pass
        if rc is None:
            rec["error"] = f"timed out after {timeout} s"
        elif rc != 0:
            rec["error"] = f"exit code {rc}"
        else:
            rec["ok"] = True
        if stdout:
            try:
                with open(base + ".out", "rb") as f:
                    f.seek(max(0, os.path.getsize(base + ".out") - 262144))
                    rec["stdout"] = f.read().decode("utf-8", "replace")
            except OSError:
                pass
        if not rec["ok"]:
            try:
                with open(base + ".err", "rb") as f:
                    f.seek(max(0, os.path.getsize(base + ".err") - 3000))
                    rec["stderr"] = f.read().decode("utf-8", "replace")
            except OSError:
                pass
            rec["log"] = base + ".err"
        else:
            for suffix in (".out", ".err", ".time"):
                try:
                    os.unlink(base + suffix)
                except OSError:
                    pass
        return rec


def compare_trees(src, dst):
    """Metadata a byte diff does not see: mode and mtime of files and folders, symlink targets."""
    issues = {"missing": 0, "mode": 0, "mtime": 0, "dir_mtime": 0, "type": 0, "symlink_target": 0}
    examples = []
    for root, dirs, files in os.walk(src):
        for name in dirs + files:
            s = os.path.join(root, name)
            d = os.path.join(dst, os.path.relpath(s, src))
            try:
                a, b = os.lstat(s), os.lstat(d)
            except FileNotFoundError:
                issues["missing"] += 1
                if len(examples) < 5:
                    examples.append(f"missing {os.path.relpath(s, src)}")
                continue
            kind = a.st_mode & 0o170000
            what = None
            if kind != b.st_mode & 0o170000:
                what = "type"
            elif kind == 0o120000:
                if os.readlink(s) != os.readlink(d):
                    what = "symlink_target"
            elif a.st_mode & 0o7777 != b.st_mode & 0o7777:
                what = "mode"
            elif a.st_mtime_ns != b.st_mtime_ns:
                what = "dir_mtime" if kind == 0o040000 else "mtime"
            if what:
                issues[what] += 1
                if len(examples) < 5:
                    examples.append(f"{what} {os.path.relpath(s, src)}")
    return {"meta_ok": not any(issues.values()), "meta_issues": issues, "meta_examples": examples}


class Bench:
    def __init__(self, a):
        self.a = a
        self.out = os.path.abspath(a.out)
        self.work = os.path.join(self.out, "work")
        self.logs = os.path.join(self.out, "logs")
        self.shm = f"/dev/shm/strata-bench-{os.getpid()}"
        self.runner = Runner(self.logs)
        self.records = []
        self.limits = []
        self.meta = {}
        self.timeout = a.timeout
        self.started = time.time()
        self.last_delete = 0.0
        self.settle_s = a.settle
        self.settled_total = 0.0
        self.datasets = {}      # parsed size -> (path, info) of each pristine data set
        self.data_info = None   # the main one's (--size)

    # ---------------------------------------------------------------- environment per tool

    def env(self, tool, home):
        e = {k: v for k, v in os.environ.items()
             if not k.startswith(("STRATA_", "RESTIC_", "BORG_"))}
        os.makedirs(home, exist_ok=True)
        e.update(HOME=home, XDG_CACHE_HOME=os.path.join(home, "cache"),
                 XDG_CONFIG_HOME=os.path.join(home, "config"), LC_ALL="C.UTF-8")
        if tool == "strata":
            e.update(STRATA_PASSWORD=PASSWORD, STRATA_NEW_PASSWORD=PASSWORD, STRATA_NO_KEYCHAIN="1")
        elif tool == "restic":
            e.update(RESTIC_PASSWORD=PASSWORD)
        else:
            e.update(BORG_PASSPHRASE=PASSWORD, BORG_BASE_DIR=home,
                     BORG_CACHE_DIR=os.path.join(home, "borg-cache"),
                     BORG_CONFIG_DIR=os.path.join(home, "borg-config"),
                     BORG_SECURITY_DIR=os.path.join(home, "borg-security"),
                     BORG_UNKNOWN_UNENCRYPTED_REPO_ACCESS_IS_OK="yes",
                     BORG_RELOCATED_REPO_ACCESS_IS_OK="yes",
                     BORG_DISPLAY_PASSPHRASE="no")
        return e

    def commands(self, tool, op, repo, home, *, data=None, target=None, archive=None, path=None):
        """argv and cwd of one operation; `path` restores a single file."""
        S, cache = self.a.strata, os.path.join(home, "restic-cache")
        if tool == "strata":
            c = {"init": [S, "init", "--repo", repo],
                 "backup": [S, "backup", "--repo", repo, data, "--quiet"],
                 "restore": [S, "restore", "--repo", repo, "latest", "--target", target, "--quiet"]
                 + (["--include", path] if path else []),
                 "check": [S, "check", "--repo", repo, "--read-data", "--quiet"],
                 "prune": [S, "forget", "--repo", repo, "--keep-last", str(KEEP_LAST), "--prune", "--json"],
                 "list": [S, "snapshots", "--repo", repo, "--json"]}[op]
            return c, None
        if tool == "restic":
            g = ["restic", "-r", repo, "--cache-dir", cache, "--compression", "auto", "-q"]
            c = {"init": g + ["init"],
                 "backup": g + ["backup", data],
                 "restore": g + ["restore", "latest", "--target", target]
                 + (["--include", path] if path else []),
                 "check": g + ["check", "--read-data"],
                 # Without -q: restic's prune statistics stay in the record.
                 "prune": g[:-1] + ["forget", "--keep-last", str(KEEP_LAST), "--prune"],
                 "list": g + ["snapshots", "--json"]}[op]
            return c, None
        c = {"init": ["borg", "init", "-e", "repokey-blake2", repo],
             "backup": ["borg", "create", "--compression", "zstd,3", f"{repo}::{archive}", data],
             "restore": ["borg", "extract", f"{repo}::{archive}"] + ([path.lstrip("/")] if path else []),
             "check": ["borg", "check", "--verify-data", repo],
             "prune": ["borg", "prune", "--keep-last", str(KEEP_LAST), repo],
             "compact": ["borg", "compact", repo],
             "list": ["borg", "list", "--short", repo]}[op]
        return c, (target if op == "restore" else None)

    @staticmethod
    def restored_root(tool, target, data):
        """Where a full restore of `data` lands under `target`, by each tool's layout."""
        if tool == "strata":
            return os.path.join(target, os.path.basename(data))   # below the sources' common folder
        return os.path.join(target, data.lstrip("/"))             # restic and borg keep the full path

    # ---------------------------------------------------------------- helpers

    def record(self, rec, **kw):
        rec.update(kw)
        self.records.append(rec)
        state = "ok" if rec["ok"] else f"FAILED ({rec.get('error')})"
        if "wall" not in rec:
            log(f"  {rec['op']:17s} {rec['tool']:6s} run {rec['run']}: {state}")
            return rec
        log(f"  {rec['op']:17s} {rec['tool']:6s} run {rec['run']}: {rec.get('wall', 0):7.2f} s wall, "
            f"{rec.get('cpu', 0):7.2f} s CPU, {rec.get('maxrss_kb', 0) / 1024:7.1f} MiB RSS"
            + (f", repo {rec['repo_bytes'] / MiB:.1f} MiB" if rec.get("repo_bytes") else "")
            + f"  {state}")
        return rec

    def skipped(self, tool, op, run, why):
        return self.record({"ok": False, "rc": None, "error": f"skipped: {why}"}, tool=tool, op=op, run=run)

    def sh(self, cmd, timeout=None):
        """An untimed helper command (copy, mutate, sync); raises when it fails."""
        subprocess.run(cmd, shell=isinstance(cmd, str), check=True, timeout=timeout or self.timeout,
                       stdout=subprocess.DEVNULL)

    def warm(self, path):
        """Reads every file under `path` into the page cache. Done before each timed command on
        its input (the data, or the tool's repository): borg drops what it reads and writes from
        the cache (posix_fadvise DONTNEED), which would leave the next tool reading cold."""
        self.sh(["bash", "-c", f"find {q(path)} -type f -print0 | xargs -0 -r cat > /dev/null"])

    def rm(self, *paths, small=False):
        """Removes trees. Big removals on the out dir's file system are synced and remembered:
        see settle()."""
        for p in paths:
            if not os.path.lexists(p):
                continue
            if os.path.isdir(p) and not os.path.islink(p):
                shutil.rmtree(p, ignore_errors=True)
                if not small and os.path.abspath(p).startswith(self.out + os.sep):
                    os.sync()
                    self.last_delete = time.monotonic()
            else:
                os.unlink(p)

    def settle(self, before):
        """ext4 without a journal skips inodes freed in the last 60 s (5 min while their inode
        table block is dirty) when it allocates new ones, and pays a buffer-cache lookup per
        skipped inode: creating thousands of files right after deleting thousands costs several
        times the CPU (measured: cp -a of the data set 0.5 s of sys, 4-6 s right after an
        rm -rf). So timed steps that create files wait until the last big removal is that old."""
        wait = self.last_delete + self.settle_s - time.monotonic()
        if self.settle_s > 0 and wait > 0:
            log(f"  waiting {wait:.0f} s before {before}: inodes freed in the last {self.settle_s} s "
                f"are slow to allocate on this file system")
            time.sleep(wait)
            self.settled_total += wait

    def free_bytes(self, path):
        st = os.statvfs(path)
        return st.f_bavail * st.f_frsize

    def check_space(self, data_bytes, when):
        """The out dir holds the pristine copy, the working copy, three repositories (each at most
        about the data's size) and the three ext4 restores of a run; tmpfs one restore."""
        need = 7 * data_bytes
        free = self.free_bytes(self.out)
        if free < max(need, 3 * data_bytes):
            sys.exit(f"bench: not enough disk space {when}: {free / MiB:.0f} MiB free on the file "
                     f"system of {self.out}, {need / MiB:.0f} MiB needed (7x the data set: pristine and "
                     f"working copies, three repositories, three restores). Free some space or use --out.")
        shm_free = self.free_bytes("/dev/shm") if os.path.isdir("/dev/shm") else 0
        self.tmpfs_ok = shm_free > 1.2 * data_bytes
        if not self.tmpfs_ok:
            log(f"bench: only {shm_free / MiB:.0f} MiB free in /dev/shm: tmpfs restores are skipped")

    # ---------------------------------------------------------------- data

    def make_dataset(self, dest, size, seed=42):
        self.rm(dest, dest + ".manifest.tsv")
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        t0 = time.monotonic()
        out = subprocess.run([os.path.join(self.a.shared, "make_dataset.sh"), dest, size, str(seed)],
                             capture_output=True, text=True, timeout=3600)
        if out.returncode != 0:
            sys.exit(f"bench: make_dataset.sh failed:\n{out.stderr[-3000:]}")
        files = dirs = links = 0
        for root, ds, fs in os.walk(dest):
            dirs += len(ds)
            for n in fs:
                if os.path.islink(os.path.join(root, n)):
                    links += 1
                else:
                    files += 1
        info = {"path": dest, "nominal_size": size, "seed": seed, "bytes": tree_bytes(dest),
                "files": files, "dirs": dirs, "symlinks": links,
                "generated_in_s": round(time.monotonic() - t0, 1),
                "summary": out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""}
        log(f"data set {dest}: {info['bytes'] / MiB:.1f} MiB, {files} files, {links} symlinks, "
            f"{dirs} folders ({info['generated_in_s']} s)")
        return info

    def fresh_copy(self, pristine, dest):
        self.rm(dest)
        self.sh(["cp", "-a", pristine, dest])
        os.sync()
        self.warm(dest)

    def mutate(self, data, seed):
        self.sh([os.path.join(self.a.shared, "mutate.sh"), data, str(seed)])
        os.sync()
        self.warm(data)

    # ---------------------------------------------------------------- machine limits

    def measure_limits(self, data, nbytes, run):
        """What the machine can do on this data at best: warm read, metadata walk, SHA-256,
        zstd, AES-256-GCM. Repeated once per run so the median sees the same load as the tools."""
        parent, base = os.path.dirname(data), os.path.basename(data)
        tar = f"tar -C {q(parent)} -cf - {q(base)}"
        inner = os.path.join(self.logs, "inner.time")
        jobs = [
            ("read", f"find {q(data)} -type f -print0 | xargs -0 -r cat > /dev/null", False),
            ("walk", f"find {q(data)} -printf '%y %s %T@ %m %p\\n' > /dev/null", False),
            ("tar_read", f"{tar} | cat > /dev/null", False),
            ("sha256_1core", f"{tar} | /usr/bin/time -f '%e %U %S %M' -o {q(inner)} openssl dgst -sha256 "
                             f"> /dev/null", True),
        ]
        for level in (1, 3):
            for threads in (1, 2):
                jobs.append((f"zstd-{level}_T{threads}",
                             f"{tar} | /usr/bin/time -f '%e %U %S %M' -o {q(inner)} zstd -q -T{threads} "
                             f"-{level} -c | wc -c", True))
        for key, cmd, has_inner in jobs:
            rec = self.runner.run(cmd, shell=True, timeout=self.timeout, label=f"limit-{key}", stdout=True)
            rec.update(measure=key, run=run, bytes=nbytes)
            if rec["ok"] and has_inner:
                try:
                    f = open(inner).read().split()[-4:]
                    rec["inner_cpu"] = round(float(f[1]) + float(f[2]), 3)
                    rec["inner_wall"] = float(f[0])
                except (OSError, ValueError, IndexError):
                    pass
            if rec["ok"] and key.startswith("zstd"):
                try:
                    rec["compressed_bytes"] = int(rec["stdout"].split()[0])
                except (KeyError, ValueError, IndexError):
                    pass
            rec.pop("stdout", None)
            self.limits.append(rec)
        for key, alg in (("openssl_sha256", "sha256"), ("openssl_aes256gcm", "aes-256-gcm")):
            rec = self.runner.run(["openssl", "speed", "-mr", "-evp", alg, "-seconds", "2",
                                   "-bytes", str(MiB)], timeout=120, label=f"limit-{key}", stdout=True)
            rec.update(measure=key, run=run)
            for line in rec.pop("stdout", "").splitlines():
                if line.startswith("+F:"):
                    rec["bytes_per_s"] = float(line.strip().split(":")[-1])
            if rec["ok"] and "bytes_per_s" not in rec:
                rec.update(ok=False, error="no +F: line in openssl speed's output")
            self.limits.append(rec)
        done = [r for r in self.limits if r["run"] == run]
        log("  limits: " + ", ".join(f"{r['measure']} {r.get('wall', 0):.2f}s" for r in done if r["ok"]))

    # ---------------------------------------------------------------- one run of the main ops

    def op(self, tool, op, run, argv, cwd, home, **kw):
        rec = self.runner.run(argv, env=self.env(tool, home), cwd=cwd, timeout=kw.pop("timeout", self.timeout),
                              label=f"r{run}-{op}-{tool}", stdout=kw.pop("stdout", False))
        rec.update(tool=tool, op=op, run=run)
        return rec

    def main_run(self, run, pristine, data):
        order = TOOLS[(run - 1) % 3:] + TOOLS[:(run - 1) % 3]
        log(f"run {run}: order {' '.join(order)}; {uptime_line()}")
        rundir = os.path.join(self.work, f"run{run}")
        self.rm(rundir)
        os.makedirs(rundir)
        self.fresh_copy(pristine, data)
        self.measure_limits(data, self.data_info["bytes"], run)
        self.settle("the first timed step")
        broken = {}
        repo = {t: os.path.join(rundir, f"repo-{t}") for t in TOOLS}
        home = {t: os.path.join(rundir, f"home-{t}") for t in TOOLS}
        archives = {t: 0 for t in TOOLS}

        def step(op, kind, extra_check=None):
            for t in order:
                if t in broken:
                    self.skipped(t, op, run, broken[t])
                    continue
                target = None
                if kind == "backup":
                    archives[t] += 1
                if kind == "restore":
                    base = self.shm if op == "restore_tmpfs" else os.path.join(rundir, "restore")
                    target = os.path.join(base, t)
                    self.rm(target)
                    os.makedirs(target)
                if kind == "backup":
                    self.warm(data)
                elif kind in ("restore", "check"):
                    self.warm(repo[t])
                argv, cwd = self.commands(t, kind, repo[t], home[t], data=data, target=target,
                                          archive=f"b{archives[t]}")
                rec = self.op(t, op, run, argv, cwd, home[t],
                              timeout=120 if kind == "init" else self.timeout)
                if kind in ("init", "backup"):
                    rec["repo_bytes"] = tree_bytes(repo[t])
                if kind == "restore":
                    if rec["ok"]:
                        self.verify(rec, data, self.restored_root(t, target, data))
                    if op == "restore_tmpfs":
                        self.rm(target)   # ext4 restores stay until the run ends: see settle()
                if not rec["ok"] and kind in ("init", "backup"):
                    broken[t] = f"{op} failed"
                self.record(rec)
                os.sync()   # the next tool starts without this one's dirty pages

        step("init", "init")
        step("backup_first", "backup")
        step("backup_unchanged", "backup")
        self.mutate(data, 7)
        step("backup_mutated", "backup")
        if self.tmpfs_ok:
            step("restore_tmpfs", "restore")
        self.settle("the ext4 restores")
        step("restore_ext4", "restore")
        step("check_read_data", "check")
        if not self.a.keep:
            self.rm(rundir)
        self.rm(self.shm)
        log(f"run {run} done; {uptime_line()}")

    def verify(self, rec, src, dst):
        d = subprocess.run(["diff", "-r", "--no-dereference", src, dst], capture_output=True,
                           text=True, timeout=self.timeout)
        rec["diff_ok"] = d.returncode == 0
        if not rec["diff_ok"]:
            rec["ok"] = False
            rec["error"] = "restored tree differs from the source (diff -r --no-dereference)"
            rec["stderr"] = (d.stdout + d.stderr)[-3000:]
        rec.update(compare_trees(src, dst))

    # ---------------------------------------------------------------- the 20-version repositories

    def dataset(self, size):
        """The pristine data set of `size` (make_dataset.sh seed 42), made once: the main one for
        --size, beside it one for each other size a phase asks for."""
        key = parse_size(size)
        if key not in self.datasets:
            main = key == parse_size(self.a.size)
            path = os.path.join(self.work, "pristine" if main else f"pristine-{size}", "data")
            info = self.make_dataset(path, size)
            if main:
                self.data_info = info
            self.datasets[key] = (path, info)
        return self.datasets[key]

    def need_space(self, need, when, what):
        free = self.free_bytes(self.out)
        if free < need:
            sys.exit(f"bench: not enough disk space {when}: {free / MiB:.0f} MiB free on the file system "
                     f"of {self.out}, {need / MiB:.0f} MiB needed ({what}). Free some space or use --out.")

    def build_versions(self, name, size, prefix):
        """A copy of the `size` data set and one repository per tool with 20 versions of it: for
        seeds 1 to 20, `mutate.sh DATA SEED`, then one backup by each tool (the starting tool
        rotating). The records are named PREFIX_init, PREFIX_backup_v1 (the first, full backup)
        and PREFIX_backup."""
        src, info = self.dataset(size)
        if parse_size(size) == parse_size(self.a.size):
            info = dict(info, note="the main data set")
        vdir = os.path.join(self.work, name)
        self.rm(vdir)
        self.need_space(5 * info["bytes"], f"for the 20-version repositories of {size}",
                        "5x the data set: a working copy and three repositories of 20 versions")
        os.makedirs(vdir)
        data = os.path.join(vdir, "data")
        self.fresh_copy(src, data)
        b = {"dir": vdir, "data": data, "size": size, "info": info, "prefix": prefix, "broken": {},
             "repo": {t: os.path.join(vdir, f"repo-{t}") for t in TOOLS},
             "home": {t: os.path.join(vdir, f"home-{t}") for t in TOOLS}}
        repo, home, broken = b["repo"], b["home"], b["broken"]
        self.settle("the 20-version backups")
        log(f"20 versions of {info['bytes'] / MiB:.0f} MiB ({name}); {uptime_line()}")
        for t in TOOLS:
            argv, cwd = self.commands(t, "init", repo[t], home[t])
            rec = self.record(self.op(t, f"{prefix}_init", 0, argv, cwd, home[t], timeout=120))
            if not rec["ok"]:
                broken[t] = "init of the 20-version repository failed"
        for v in range(1, 21):
            self.mutate(data, v)
            for t in TOOLS[(v - 1) % 3:] + TOOLS[:(v - 1) % 3]:
                if t in broken:
                    self.skipped(t, f"{prefix}_backup", v, broken[t])
                    continue
                self.warm(data)
                argv, cwd = self.commands(t, "backup", repo[t], home[t], data=data, archive=f"v{v}")
                # The first is a full backup into an empty repository: kept out of the medians.
                rec = self.op(t, f"{prefix}_backup" if v > 1 else f"{prefix}_backup_v1", v, argv, cwd, home[t])
                if v == 20:
                    rec["repo_bytes"] = tree_bytes(repo[t])
                if not rec["ok"]:
                    broken[t] = f"backup of version {v} failed"
                self.record(rec)
                os.sync()
        return b

    # ---------------------------------------------------------------- single-file restore

    def restore_one_file(self, b):
        """The time to restore one small file from the latest of the 20 versions, alternating
        tools, --runs times."""
        self.versions_info = b["info"]
        data, repo, home, broken = b["data"], b["repo"], b["home"], b["broken"]
        small = pick_small_file(data)
        self.meta["one_file"] = {"path": os.path.relpath(small, data) if small else None,
                                 "bytes": os.path.getsize(small) if small else None}
        log(f"single file: {small}")
        for run in range(1, self.a.runs + 1):
            for t in TOOLS[(run - 1) % 3:] + TOOLS[:(run - 1) % 3]:
                if t in broken or not small:
                    self.skipped(t, "restore_one_file", run, broken.get(t, "no small file found"))
                    continue
                target = os.path.join(b["dir"], f"one-{t}")
                self.rm(target, small=True)
                os.makedirs(target)
                self.warm(repo[t])
                argv, cwd = self.commands(t, "restore", repo[t], home[t], target=target, archive="v20",
                                          path=small)
                rec = self.op(t, "restore_one_file", run, argv, cwd, home[t])
                if rec["ok"]:
                    got = os.path.join(self.restored_root(t, target, data), os.path.relpath(small, data))
                    same = os.path.isfile(got) and filecmp(small, got)
                    n = sum(len(fs) for _, _, fs in os.walk(target))
                    rec.update(diff_ok=same, files_restored=n)
                    if not same or n != 1:
                        rec["ok"] = False
                        rec["error"] = f"restored file missing or different ({n} files restored)"
                self.rm(target, small=True)
                self.record(rec)

    # ---------------------------------------------------------------- prune (issue 11)

    def prune_phase(self, b):
        """forget --keep-last 5 --prune (restic the same; borg prune --keep-last 5, then compact)
        on a fresh copy of each tool's 20-version repository, --runs times, the starting tool
        rotating. A run's copies are made (untimed) before its first prune and kept until it ends,
        so no timed step follows a big removal (see settle()); each copy is read in full just
        before its tool starts, as every timed input is."""
        self.prune_info = b["info"]
        self.meta["prune_repositories"] = {"built_by": b["prefix"], "repo_bytes": {}}
        if not self.a.keep:
            self.rm(b["data"])   # the working copy has done its job: room for the copies
        sizes = {t: tree_bytes(b["repo"][t]) or 0 for t in TOOLS if t not in b["broken"]}
        self.meta["prune_repositories"]["repo_bytes"] = sizes
        for run in range(1, self.a.runs + 1):
            order = TOOLS[(run - 1) % 3:] + TOOLS[:(run - 1) % 3]
            rundir = os.path.join(self.work, "prune", f"run{run}")
            self.rm(rundir)
            # The copies, and what a repack writes before it deletes.
            self.need_space(int(1.3 * sum(sizes.values())), f"for the copies of prune run {run}",
                            "1.3x the three 20-version repositories")
            os.makedirs(rundir)
            log(f"prune run {run}: order {' '.join(order)}; {uptime_line()}")
            copies = {}
            for t in order:
                if t not in b["broken"]:
                    copies[t] = os.path.join(rundir, f"repo-{t}")
                    self.sh(["cp", "-a", b["repo"][t], copies[t]])
            os.sync()
            self.settle(f"prune run {run}")
            for t in order:
                if t in b["broken"]:
                    self.skipped(t, "prune", run, b["broken"][t])
                    continue
                self.prune_one(t, run, copies[t], os.path.join(rundir, f"home-{t}"))
            if not self.a.keep:
                self.rm(rundir)
            self.save()

    def prune_one(self, t, run, repo, home):
        """One measured prune of `repo` with a fresh HOME and caches, then (untimed) the versions
        left and a check: Strata's after every prune, restic's and borg's after the first run's."""
        before = tree_bytes(repo)
        parts = []
        for kind in ("prune", "compact") if t == "borg" else ("prune",):
            self.warm(repo)
            argv, cwd = self.commands(t, kind, repo, home)
            parts.append(self.op(t, f"prune_{kind}", run, argv, cwd, home, stdout=True))
            os.sync()   # not timed: the next step starts without this one's dirty pages
            if not parts[-1]["ok"]:
                break
        rec = parts[0] if len(parts) == 1 else combine(parts)
        out = "".join(p.pop("stdout", "") for p in parts)
        if t == "strata":
            rec["strata_report"] = strata_prune_report(out)
        elif t == "restic":
            rec["tool_output"] = out.strip().splitlines()[-25:]
        after = tree_bytes(repo)
        rec.update(repo_bytes_before=before, repo_bytes=after)
        if before is not None and after is not None:
            rec["bytes_freed"] = before - after
        env = self.env(t, home)
        argv, _ = self.commands(t, "list", repo, home)
        listed = self.runner.run(argv, env=env, timeout=self.timeout, label=f"prune{run}-list-{t}", stdout=True)
        rec["versions_left"] = count_versions(t, listed.get("stdout", "")) if listed["ok"] else None
        if rec["ok"] and rec["versions_left"] != KEEP_LAST:
            rec.update(ok=False, error=f"{rec['versions_left']} versions left, not {KEEP_LAST}")
        if rec["ok"] and (t == "strata" or run == 1):
            argv, _ = self.commands(t, "check", repo, home)
            c = self.runner.run(argv, env=env, timeout=self.timeout, label=f"prune{run}-check-{t}")
            rec["check_after"] = {k: c.get(k) for k in ("cmd", "ok", "rc", "wall", "error")}
            if not c["ok"]:
                err = " ".join((c.get("stderr") or "").split())[-600:]
                rec.update(ok=False, error=f"{CHECK_CMD[t]} failed after the prune ({c.get('error')})",
                           stderr=c.get("stderr"), log=c.get("log"))
                rec["check_after"]["stderr"] = err
        self.record(rec, tool=t, op="prune", run=run)
        log(f"    {t}: {mib(before)} -> {mib(after)} MiB, freed {mib(rec.get('bytes_freed'))} MiB, "
            f"{rec['versions_left']} versions left"
            + (f", {'check ok' if rec['check_after']['ok'] else 'CHECK FAILED'} "
               f"({rec['check_after']['wall']:.1f} s)" if rec.get("check_after") else ""))

    # ---------------------------------------------------------------- the whole thing

    def go(self):
        phases = self.a.only
        self.rm(self.work)   # what an interrupted or --keep run left
        self.rm(self.logs, small=True)
        os.makedirs(self.logs, exist_ok=True)
        os.makedirs(self.work, exist_ok=True)
        if "backup" in phases:
            self.check_space(parse_size(self.a.size), "before making the data set")
        self.meta.update(machine_info(self.a))
        self.meta["phases"] = [p for p in PHASES if p in phases]
        self.meta.update(versions_size=self.a.versions_size, prune_size=self.a.prune_size)
        try:
            if "backup" in phases:
                pristine, _ = self.dataset(self.a.size)
                self.check_space(self.data_info["bytes"], "for this data set")
                data = os.path.join(self.work, "data")
                for run in range(1, self.a.runs + 1):
                    try:
                        self.main_run(run, pristine, data)
                    except (subprocess.SubprocessError, OSError) as e:
                        log(f"run {run} aborted by the harness: {e}")
                        self.meta.setdefault("harness_errors", []).append(f"run {run}: {e}")
                    self.save()
            built = None
            if "versions" in phases:
                try:
                    built = self.build_versions("versions", self.a.versions_size, "versions")
                    self.restore_one_file(built)
                except (subprocess.SubprocessError, OSError) as e:
                    log(f"20-version phase aborted by the harness: {e}")
                    self.meta.setdefault("harness_errors", []).append(f"versions: {e}")
                    built = None
                self.save()
            if "prune" in phases:
                try:
                    # The versions phase's repositories serve when they are of the prune size.
                    if built is None or parse_size(built["size"]) != parse_size(self.a.prune_size):
                        if built and not self.a.keep:
                            self.rm(built["dir"])
                        built = self.build_versions("prune-versions", self.a.prune_size, "prune_build")
                    self.prune_phase(built)
                except (subprocess.SubprocessError, OSError) as e:
                    log(f"prune phase aborted by the harness: {e}")
                    self.meta.setdefault("harness_errors", []).append(f"prune: {e}")
        finally:
            self.rm(self.shm)
            if not self.a.keep:
                self.rm(self.work)
            self.meta["uptime_end"] = uptime_line()
            self.meta["settle_waited_s"] = round(self.settled_total, 1)
            self.meta["elapsed_s"] = round(time.time() - self.started, 1)
            self.save()
        md = render_markdown(self.summary(), self.meta, self.data_info,
                             getattr(self, "versions_info", None), getattr(self, "prune_info", None))
        with open(os.path.join(self.out, "results.md"), "w") as f:
            f.write(md)
        print()
        print(md)
        log(f"wrote {self.out}/results.json and results.md in {self.meta['elapsed_s'] / 60:.1f} min")

    def save(self):
        doc = {"meta": self.meta, "data_set": getattr(self, "data_info", None),
               "versions_data_set": getattr(self, "versions_info", None),
               "prune_data_set": getattr(self, "prune_info", None),
               "summary": self.summary(), "raw": self.records, "limits_raw": self.limits}
        tmp = os.path.join(self.out, "results.json.tmp")
        with open(tmp, "w") as f:
            json.dump(doc, f, indent=1)
        os.replace(tmp, os.path.join(self.out, "results.json"))

    # ---------------------------------------------------------------- medians and ratios

    def summary(self):
        med = {}
        for op, _ in OPS:
            for t in TOOLS:
                rs = [r for r in self.records if r["op"] == op and r["tool"] == t]
                ok = [r for r in rs if r["ok"]]
                m = {"runs": len(rs), "ok": len(ok)}
                for k in ("wall", "cpu", "user", "sys", "maxrss_kb", "repo_bytes", "foreign_cpu", "others_load"):
                    vals = [r[k] for r in ok if r.get(k) is not None]
                    if vals:
                        m[k] = statistics.median(vals)
                        if k == "wall":
                            m["wall_min"], m["wall_max"] = min(vals), max(vals)
                if len(ok) < len(rs):
                    m["failures"] = [{"run": r["run"], "error": r.get("error"),
                                      "stderr": (r.get("stderr") or "")[-600:]} for r in rs if not r["ok"]]
                m["noisy"] = sum(1 for r in ok if (r.get("others_load") or 0) > 0.25)
                meta_bad = [r["meta_issues"] for r in ok if r.get("meta_ok") is False]
                if meta_bad:
                    m["meta_issues"] = meta_bad[0]
                med.setdefault(op, {})[t] = m
        ratios = {}
        for op, _ in OPS:
            s = med.get(op, {}).get("strata", {})
            for other in ("restic", "borg"):
                o = med.get(op, {}).get(other, {})
                r = {}
                if s.get("wall") and o.get("wall"):
                    r["time"] = o["wall"] / s["wall"]
                if s.get("cpu") and o.get("cpu"):
                    r["cpu"] = o["cpu"] / s["cpu"]
                if s.get("maxrss_kb") and o.get("maxrss_kb"):
                    r["rss"] = s["maxrss_kb"] / o["maxrss_kb"]
                if op != "init" and s.get("repo_bytes") and o.get("repo_bytes"):
                    r["repo"] = s["repo_bytes"] / o["repo_bytes"]
                ratios.setdefault(op, {})[other] = r
        return {"medians": med, "ratios": ratios, "limits": self.limit_summary(med),
                "prune": self.prune_summary(med)}

    def prune_summary(self, med):
        """Issue 11's figures beside the generic ones: medians of the repository's size before
        and after and of the bytes freed, borg's two commands apart, Strata's ratios and targets."""
        recs = [r for r in self.records if r["op"] == "prune"]
        if not recs:
            return {}
        res = {"medians": {}, "ratios": {}, "targets": []}
        for t in TOOLS:
            ok = [r for r in recs if r["tool"] == t and r["ok"]]
            m = {}
            for k in ("repo_bytes_before", "repo_bytes", "bytes_freed"):
                vals = [r[k] for r in ok if r.get(k) is not None]
                if vals:
                    m[k] = statistics.median(vals)
            for i, part in enumerate(("prune", "compact") if t == "borg" else ()):
                for k in ("wall", "maxrss_kb"):
                    vals = [r["parts"][i][k] for r in ok
                            if len(r.get("parts", [])) > i and r["parts"][i].get(k) is not None]
                    if vals:
                        m[f"{part}_{k}"] = statistics.median(vals)
            checks = [r["check_after"] for r in recs if r["tool"] == t and r.get("check_after")]
            m.update(checks=len(checks), checks_ok=sum(1 for c in checks if c["ok"]),
                     versions_left=sorted({r.get("versions_left") for r in recs if r["tool"] == t}, key=str))
            if t == "strata" and ok:
                mid = sorted(ok, key=lambda r: r["wall"])[(len(ok) - 1) // 2]   # the median run's account
                m["median_run"] = {"run": mid["run"], "wall": mid["wall"], "report": mid.get("strata_report")}
            if t == "restic" and ok:
                # restic's own account of what was unused: what it removed and what it left.
                m["unused"] = restic_prune_account(ok[0].get("tool_output") or [])
            res["medians"][t] = m
        s, sm = med.get("prune", {}).get("strata", {}), res["medians"]["strata"]
        for other in ("restic", "borg"):
            o, om = med.get("prune", {}).get(other, {}), res["medians"][other]
            r = {}
            if s.get("wall") and o.get("wall"):
                r["time"] = o["wall"] / s["wall"]
            if sm.get("bytes_freed") is not None and om.get("bytes_freed"):
                r["freed"] = sm["bytes_freed"] / om["bytes_freed"]
            if s.get("maxrss_kb") and o.get("maxrss_kb"):
                r["rss"] = s["maxrss_kb"] / o["maxrss_kb"]
            res["ratios"][other] = r
        prefix = self.meta.get("prune_repositories", {}).get("built_by")
        if prefix:
            res["build"] = {}
            for t in TOOLS:
                walls = [r["wall"] for r in self.records if r["tool"] == t and r.get("wall") is not None
                         and r["op"] in (f"{prefix}_backup_v1", f"{prefix}_backup")]
                if walls:
                    res["build"][t] = {"backups": len(walls), "wall_total": round(sum(walls), 2)}
        rr = res["ratios"]["restic"]
        value = {"time_vs_restic": rr.get("time"), "freed_vs_restic": rr.get("freed"),
                 "rss_vs_restic": rr.get("rss")}
        for key, title, cmp, bound in PRUNE_TARGETS:
            v = value[key]
            holds = None if v is None else (v >= bound if cmp == ">=" else v <= bound)
            res["targets"].append({"key": key, "title": title, "value": v, "target": f"{cmp} {bound:g}",
                                   "holds": holds})
        return res

    def limit_summary(self, med):
        res = {}
        keys = sorted({r["measure"] for r in self.limits})
        for k in keys:
            ok = [r for r in self.limits if r["measure"] == k and r["ok"]]
            if not ok:
                continue
            m = {"n": len(ok)}
            for f in ("wall", "cpu", "inner_cpu", "inner_wall", "bytes_per_s", "compressed_bytes", "bytes"):
                vals = [r[f] for r in ok if r.get(f) is not None]
                if vals:
                    m[f] = statistics.median(vals)
            if m.get("bytes") and m.get("wall"):
                m["mb_per_s_wall"] = m["bytes"] / m["wall"] / 1e6
            if m.get("bytes") and m.get("inner_cpu"):
                m["mb_per_s_cpu"] = m["bytes"] / m["inner_cpu"] / 1e6
            res[k] = m
        nbytes = (self.data_info or {}).get("bytes")
        read, sha, z3 = res.get("read"), res.get("sha256_1core"), res.get("zstd-3_T1")
        s = med.get("backup_first", {}).get("strata", {})
        if nbytes and read and sha and z3 and read.get("cpu") and sha.get("inner_cpu") and z3.get("inner_cpu"):
            cpu_sum = read["cpu"] + sha["inner_cpu"] + z3["inner_cpu"]
            limit = max(read["wall"] / 2, cpu_sum / 2)
            lim = {"read_cpu": read["cpu"], "sha256_cpu": sha["inner_cpu"], "zstd3_cpu": z3["inner_cpu"],
                   "limit_2cores_s": limit}
            aes = res.get("openssl_aes256gcm", {}).get("bytes_per_s")
            if aes:
                lim["aes_cpu"] = nbytes / aes
                lim["limit_2cores_with_aes_s"] = max(read["wall"] / 2, (cpu_sum + nbytes / aes) / 2)
            if s.get("wall"):
                lim["strata_first_backup_s"] = s["wall"]
                lim["fraction_of_limit"] = limit / s["wall"]
                lim["times_the_limit"] = s["wall"] / limit
                if "limit_2cores_with_aes_s" in lim:
                    lim["fraction_of_limit_with_aes"] = lim["limit_2cores_with_aes_s"] / s["wall"]
            res["backup_limit"] = lim
        return res


def q(path):
    return "'" + path.replace("'", "'\\''") + "'"


def filecmp(a, b):
    with open(a, "rb") as x, open(b, "rb") as y:
        return x.read() == y.read()


def combine(parts):
    """One measurement of commands run back to back (borg's prune and compact): wall, CPU and the
    others' CPU summed, peak RSS the larger; each command's own figures in "parts"."""
    rec = {"cmd": " && ".join(p["cmd"] for p in parts), "ok": all(p["ok"] for p in parts),
           "rc": parts[-1]["rc"]}
    for k in ("wall", "user", "sys", "cpu", "foreign_cpu", "iowait"):
        vals = [p.get(k) for p in parts]
        if all(v is not None for v in vals):
            rec[k] = round(sum(vals), 4)
    rss = [p["maxrss_kb"] for p in parts if p.get("maxrss_kb") is not None]
    if rss:
        rec["maxrss_kb"] = max(rss)
    if rec.get("wall") and rec.get("foreign_cpu") is not None:
        rec["others_load"] = round(rec["foreign_cpu"] / max(rec["wall"], 0.01) / (os.cpu_count() or 1), 3)
    bad = next((p for p in parts if not p["ok"]), None)
    if bad:
        rec.update(error=f"{bad['cmd'].split()[1]}: {bad.get('error')}", stderr=bad.get("stderr"),
                   log=bad.get("log"))
    rec["parts"] = [{k: p.get(k) for k in ("cmd", "ok", "rc", "wall", "user", "sys", "cpu", "maxrss_kb",
                                           "others_load", "error")} for p in parts]
    return rec


def strata_prune_report(stdout):
    """What `strata-cli forget --prune --json` says: its prune figures from the result line, and
    the phases its progress lines went through, with their first and last elapsedMs."""
    result, phases = None, []
    for line in stdout.splitlines():
        try:
            d = json.loads(line)
        except ValueError:
            continue
        if d.get("type") == "result":
            result = d
        elif d.get("type") == "progress":
            if not phases or phases[-1]["phase"] != d.get("phase"):
                phases.append({"phase": d.get("phase"), "first_ms": d.get("elapsedMs")})
            phases[-1].update(last_ms=d.get("elapsedMs"), files_done=d.get("filesDone"),
                              files_total=d.get("filesTotal"), bytes_done=d.get("bytesDone"),
                              bytes_total=d.get("bytesTotal"))
    if result is None:
        return {"phases": phases, "error": "no result line in the --json output"}
    return {"removed": len(result.get("removed", [])), "prune": result.get("prune"), "phases": phases}


def restic_prune_account(lines):
    """From restic prune's output: the bytes it removed ("this removes") and the unused bytes it
    left ("unused size after prune"), or None where a line is missing."""
    units = {"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}

    def size(text):
        m = re.search(r"([0-9.]+) (B|KiB|MiB|GiB|TiB)", text)
        return int(float(m.group(1)) * units[m.group(2)]) if m else None
    out = {"removed": None, "left": None}
    for line in lines:
        if line.startswith("this removes:"):
            out["removed"] = size(line.split("/", 1)[-1])
        elif line.startswith("unused size after prune:"):
            out["left"] = size(line)
    return out


def count_versions(tool, stdout):
    """Versions listed by `strata-cli snapshots --json`, `restic snapshots --json`, `borg list --short`."""
    try:
        if tool == "borg":
            return len([l for l in stdout.splitlines() if l.strip()])
        return len(json.loads(stdout))
    except ValueError:
        return None


def pick_small_file(data):
    """A 2-16 KiB regular file under real/ that no mutation created, chosen by a stable hash."""
    best = None
    for root, dirs, files in os.walk(os.path.join(data, "real")):
        for n in files:
            p = os.path.join(root, n)
            if n.startswith("copy_s") or os.path.islink(p):
                continue
            if 2048 <= os.path.getsize(p) <= 16384:
                k = hashlib.sha256(os.path.relpath(p, data).encode()).hexdigest()
                if best is None or k < best[0]:
                    best = (k, p)
    return best[1] if best else None


def out_fs(path):
    """File system of `path`: type, mount options, and whether it is ext4 without a journal."""
    try:
        src, fstype, opts = subprocess.run(["findmnt", "-n", "-o", "SOURCE,FSTYPE,OPTIONS", "-T", path],
                                           capture_output=True, text=True, timeout=10).stdout.split()[:3]
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    dev = os.path.basename(src)
    journal = any(n.startswith(dev + "-") for n in os.listdir("/proc/fs/jbd2")) \
        if os.path.isdir("/proc/fs/jbd2") else None
    return {"source": src, "type": fstype, "options": opts, "journal": journal,
            "ext4_without_journal": fstype == "ext4" and journal is False}


def machine_info(a):
    def cmd(*c):
        try:
            return subprocess.run(c, capture_output=True, text=True, timeout=30).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            return None
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), None)
    info = {"started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "host": platform.node(),
            "kernel": platform.release(), "cpu": cpu, "cores": os.cpu_count(), "mem_mib": mem,
            "uptime_start": uptime_line(), "size": a.size, "runs": a.runs, "strata": a.strata,
            "versions": {"strata": cmd(a.strata, "--version"),
                         "restic": cmd("restic", "version"),
                         "borg": cmd("borg", "--version"),
                         "zstd": cmd("zstd", "--version"),
                         "openssl": cmd("openssl", "version")},
            "caches": "warm: each timed command's input (the data, or its repository) is read in full "
                      "just before it",
            "out_fs": out_fs(a.out), "settle_s": a.settle}
    if a.source_tree:
        info["git"] = cmd("git", "-C", a.source_tree, "describe", "--always", "--dirty")
        dirty = cmd("git", "-C", a.source_tree, "status", "--porcelain", "--untracked-files=no")
        info["git_modified_files"] = len(dirty.splitlines()) if dirty else 0
    return info


# -------------------------------------------------------------------- markdown


def fmt(v, digits=2):
    return "—" if v is None else f"{v:.{digits}f}"


def mib(v):
    return "—" if v is None else f"{v / MiB:.1f}"


def ratio(r, key):
    v = r.get(key)
    return "—" if v is None else f"{v:.2f}×"


def render_prune(summary, meta, pdata):
    """Lines of the prune section beyond the generic table: the sizes, the checks, Strata's own
    account and issue 11's targets."""
    pr = summary.get("prune") or {}
    pm, rat, med = pr.get("medians", {}), pr.get("ratios", {}), summary["medians"].get("prune", {})
    L = []
    L.append("| tool | repo before MiB | repo after MiB | freed MiB | versions left | checked after prune |")
    L.append("|---|---|---|---|---|---|")
    for t in TOOLS:
        m = pm.get(t, {})
        if not med.get(t, {}).get("runs"):
            continue
        left = ", ".join(str(v) for v in m.get("versions_left", []))
        checks = f"{m['checks_ok']}/{m['checks']} ok" if m.get("checks") else "—"
        L.append(f"| {t} | {mib(m.get('repo_bytes_before'))} | {mib(m.get('repo_bytes'))} | "
                 f"{mib(m.get('bytes_freed'))} | {left or '—'} | {checks} |")
    build = pr.get("build")
    if build:
        L.append("")
        L.append("Building the 20-version repositories (not part of the figures): "
                 + ", ".join(f"{t} {v['wall_total']:.0f} s for {v['backups']} backups" for t, v in build.items())
                 + ".")
    b = pm.get("borg", {})
    if b.get("prune_wall") is not None:
        L.append("")
        L.append(f"borg's figures are `prune` and `compact` together: wall and CPU summed, peak RSS the "
                 f"larger. Medians apart: prune {fmt(b.get('prune_wall'))} s, "
                 f"{fmt((b.get('prune_maxrss_kb') or 0) / 1024, 1)} MiB; compact {fmt(b.get('compact_wall'))} s, "
                 f"{fmt((b.get('compact_maxrss_kb') or 0) / 1024, 1)} MiB.")
    mr = pm.get("strata", {}).get("median_run") or {}
    rep = mr.get("report") or {}
    p = rep.get("prune") or {}
    if p:
        L.append("")
        L.append(f"Strata's own account (run {mr['run']}, {fmt(mr['wall'])} s wall): {rep.get('removed')} "
                 f"versions removed; {p.get('packsBefore')} packs before, {p.get('packsDeleted')} deleted, "
                 f"{p.get('packsRepacked')} repacked into {p.get('packsWritten')}; packs "
                 f"{mib(p.get('bytesBefore'))} → {mib(p.get('bytesAfter'))} MiB "
                 f"(freed {mib(p.get('bytesFreed'))} MiB; {mib(p.get('unusedBytesAfter'))} MiB unused left).")
    ru = pm.get("restic", {}).get("unused") or {}
    if p and ru.get("removed") is not None and ru.get("left") is not None:
        # Bytes freed depend on how much the forgotten versions held alone, which each tool's
        # chunking and compression decide: the share of the unused bytes given back is the part
        # that is prune's doing.
        s_unused = (p.get("unusedBytesBefore") or 0)
        r_unused = ru["removed"] + ru["left"]
        L.append(f"What the forgotten versions held alone (unused after the forget): Strata "
                 f"{mib(s_unused)} MiB, of which its prune gave back "
                 f"{100 * (s_unused - (p.get('unusedBytesAfter') or 0)) / max(1, s_unused):.1f}% "
                 f"({mib(p.get('unusedBytesAfter'))} MiB left); restic {mib(r_unused)} MiB by its own account, "
                 f"of which it gave back {100 * ru['removed'] / max(1, r_unused):.1f}% ({mib(ru['left'])} MiB left).")
    if rep.get("phases"):
        L.append("Its `--json` progress lines, by phase (elapsed seconds of the first and last line): "
                 + "; ".join(f"{ph['phase']} {fmt((ph.get('first_ms') or 0) / 1000)}–"
                             f"{fmt((ph.get('last_ms') or 0) / 1000)}" for ph in rep["phases"]) + ".")
    L.append("")
    L.append("### Strata's prune ratios and issue 11's targets (medians)")
    L.append("")
    L.append("| measure | vs restic | vs borg | target (vs restic) | holds |")
    L.append("|---|---|---|---|---|")
    holds = {t["key"]: t for t in pr.get("targets", [])}
    for key, title, metric in (("time_vs_restic", "wall time, other / Strata", "time"),
                               ("freed_vs_restic", "bytes freed, Strata / other", "freed"),
                               ("rss_vs_restic", "peak RSS, Strata / other", "rss")):
        t = holds.get(key, {})
        h = t.get("holds")
        L.append(f"| {title} | {ratio(rat.get('restic', {}), metric)} | {ratio(rat.get('borg', {}), metric)} | "
                 f"{t.get('target', '')} | {'—' if h is None else ('**yes**' if h else '**no**')} |")
    return L


def render_markdown(summary, meta, data, vdata, pdata=None):
    med, rat, lim = summary["medians"], summary["ratios"], summary["limits"]
    L = []
    phases = meta.get("phases") or list(PHASES)
    L.append(f"# Strata vs restic vs borg: {meta.get('size')} data set, {meta.get('runs')} runs"
             + ("" if len(phases) == len(PHASES) else f" (only: {', '.join(phases)})"))
    L.append("")
    if data:
        L.append(f"Data set: {data['bytes'] / MiB:.1f} MiB in {data['files']} files, {data['symlinks']} "
                 f"symlinks, {data['dirs']} folders (make_dataset.sh seed {data['seed']}).")
    L.append(f"Machine: {meta.get('cpu')}, {meta.get('cores')} cores, {meta.get('mem_mib')} MiB RAM, "
             f"Linux {meta.get('kernel')}.")
    v = meta.get("versions", {})
    L.append(f"Tools: {v.get('strata')} ({meta.get('git', '?')}), {(v.get('restic') or '').split(' compiled')[0]}, "
             f"{v.get('borg')}.")
    L.append(f"Load: start `{meta.get('uptime_start')}`; end `{meta.get('uptime_end')}`.")
    fs = meta.get("out_fs") or {}
    L.append(f"Out dir file system: {fs.get('type')} on {fs.get('source')}"
             + (", without a journal" if fs.get("ext4_without_journal") else "")
             + (f"; timed steps that create files waited until {meta.get('settle_s')} s after the last big "
                f"removal ({meta.get('settle_waited_s', 0):.0f} s of waiting in all)" if meta.get("settle_s") else "")
             + ".")
    L.append("Caches warm throughout: each command's input (the data, or the tool's repository) is read "
             "in full just before it, since borg drops what it reads from the page cache. "
             "Medians over the runs; wall range is min–max. `others' load` is the share of all cores "
             "that the rest of the machine (other processes, kernel writeback) kept busy while the "
             "command ran: above ~25% the figure is noisy.")
    L.append("")
    L.append("## Strata's ratios (medians)")
    L.append("")
    L.append("Time and CPU: other tool / Strata (> 1: Strata faster or cheaper). "
             "RSS and repository size: Strata / other tool (< 1: Strata smaller).")
    L.append("")
    L.append("| operation | time vs restic | time vs borg | CPU vs restic | CPU vs borg | "
             "RSS vs restic | RSS vs borg | repo vs restic | repo vs borg |")
    L.append("|---|---|---|---|---|---|---|---|---|")
    for op, title in OPS:
        r, b = rat.get(op, {}).get("restic", {}), rat.get(op, {}).get("borg", {})
        if not (r or b):
            continue
        L.append(f"| {op} | {ratio(r, 'time')} | {ratio(b, 'time')} | {ratio(r, 'cpu')} | {ratio(b, 'cpu')} | "
                 f"{ratio(r, 'rss')} | {ratio(b, 'rss')} | {ratio(r, 'repo')} | {ratio(b, 'repo')} |")
    L.append("")
    for op, title in OPS:
        if not any(med.get(op, {}).get(t, {}).get("runs") for t in TOOLS):
            continue
        L.append(f"## {op}: {title}")
        L.append("")
        if op == "prune" and pdata:
            rb = meta.get("prune_repositories", {})
            L.append(f"On {pdata['bytes'] / MiB:.1f} MiB ({pdata.get('note') or 'a data set of ' + pdata['nominal_size']}) "
                     f"with 20 versions (mutate.sh seeds 1 to 20, one backup by each tool after each"
                     + ("; the repositories of the 20-version phase" if rb.get("built_by") == "versions" else
                        "; built for this phase, records prune_build_* in results.json")
                     + f"). Every run prunes a fresh `cp -a` of each tool's repository (not timed, read in full "
                     f"just before its tool starts), with a fresh HOME and caches. Repository size by `du -sb`; "
                     f"bytes freed = before − after. Commands: "
                     + "; ".join(f"{t}: `{c}`" for t, c in PRUNE_CMD.items())
                     + f". Each uses its default threshold for repacking (Strata and restic 5% unused, "
                     f"borg compact 10%). Checks after: Strata `{CHECK_CMD['strata']}` after every prune, "
                     f"restic `{CHECK_CMD['restic']}` and borg `{CHECK_CMD['borg']}` after run 1's.")
            L.append("")
        if op in ("versions_backup", "restore_one_file") and vdata:
            L.append(f"On {vdata['bytes'] / MiB:.1f} MiB ({vdata.get('note') or 'a separate data set of ' + vdata['nominal_size']}). "
                     + ("Medians over backups 2 to 20 (the first, a full one, is in the raw data as "
                        "versions_backup_v1); repository size after the 20th."
                        if op == "versions_backup" else
                        f"The file: {meta.get('one_file', {}).get('path')} "
                        f"({meta.get('one_file', {}).get('bytes')} bytes), from the 20th version."))
            L.append("")
        L.append("| tool | ok/runs | wall s | wall range | CPU s | user s | sys s | peak RSS MiB | "
                 "repo MiB | others' load |")
        L.append("|---|---|---|---|---|---|---|---|---|---|")
        for t in TOOLS:
            m = med[op].get(t, {})
            if not m.get("runs"):
                continue
            rng = f"{fmt(m.get('wall_min'))}–{fmt(m.get('wall_max'))}" if m.get("wall") is not None else "—"
            L.append(f"| {t} | {m['ok']}/{m['runs']} | {fmt(m.get('wall'))} | {rng} | {fmt(m.get('cpu'))} | "
                     f"{fmt(m.get('user'))} | {fmt(m.get('sys'))} | "
                     f"{fmt(m['maxrss_kb'] / 1024, 1) if m.get('maxrss_kb') else '—'} | "
                     f"{mib(m.get('repo_bytes'))} | "
                     f"{'—' if m.get('others_load') is None else format(100 * m['others_load'], '.0f') + '%'} |")
        noisy = sum(med[op].get(t, {}).get("noisy", 0) for t in TOOLS)
        total = sum(med[op].get(t, {}).get("ok", 0) for t in TOOLS)
        if noisy:
            L.append(f"\nOther processes kept more than 25% of the machine busy during {noisy} of these "
                     f"{total} measurements: see the wall range and results.json.")
        for t in TOOLS:
            m = med[op].get(t, {})
            for f in m.get("failures", [])[:2]:
                err = " ".join((f.get("stderr") or "").split())[-300:]
                L.append(f"\n{t} run {f['run']} failed: {f['error']}" + (f": `{err}`" if err else ""))
            if m.get("meta_issues"):
                L.append(f"\n{t}: restored metadata differs from the source: {m['meta_issues']}")
        if op == "check_read_data":
            L.append("\nCommands: " + "; ".join(f"{t}: `{c}`" for t, c in CHECK_CMD.items()) + ".")
        if op == "prune":
            L.append("")
            L.extend(render_prune(summary, meta, pdata))
        L.append("")
    if lim:
        L.append("## Machine limits on the same data (medians)")
        L.append("")
        L.append("| measure | wall s | CPU s | MB/s of wall | MB/s of CPU | notes |")
        L.append("|---|---|---|---|---|---|")
    notes = {"read": "`find -type f -print0 | xargs -0 cat > /dev/null`, CPU of find+xargs+cat",
             "walk": "`find -printf` of type, size, mtime, mode, path, to /dev/null",
             "tar_read": "`tar cf - | cat > /dev/null`, CPU of tar+cat",
             "sha256_1core": "`tar cf - | openssl dgst -sha256`; CPU and MB/s of openssl alone",
             "openssl_sha256": "`openssl speed -evp sha256`, 1 MiB blocks, one core",
             "openssl_aes256gcm": "`openssl speed -evp aes-256-gcm`, 1 MiB blocks, one core"}
    for k, m in lim.items():
        if k == "backup_limit":
            continue
        note = notes.get(k, "")
        if k.startswith("zstd"):
            lvl, thr = k[5:].split("_T")
            note = (f"`tar cf - | zstd -T{thr} -{lvl}`; CPU of zstd alone; output "
                    f"{mib(m.get('compressed_bytes'))} MiB")
        if m.get("bytes_per_s"):
            L.append(f"| {k} | — | — | — | {m['bytes_per_s'] / 1e6:.0f} | {note} |")
        else:
            cpu = m.get("inner_cpu", m.get("cpu"))
            wall_rate = None if k == "walk" else m.get("mb_per_s_wall")
            cpu_rate = None if k == "walk" or not cpu else m["bytes"] / cpu / 1e6
            L.append(f"| {k} | {fmt(m.get('wall'))} | {fmt(cpu)} | {fmt(wall_rate, 0)} | "
                     f"{fmt(cpu_rate, 0)} | {note} |")
    bl = lim.get("backup_limit")
    if bl:
        L.append("")
        L.append("### Strata's first backup against the read + hash + compress limit on two cores")
        L.append("")
        L.append("limit = max(read wall / 2, (read CPU + SHA-256 CPU + zstd -3 CPU) / 2): the one-core "
                 "CPU cost of reading every byte warm, hashing it once and compressing it once at level 3, "
                 "spread perfectly over two cores. Strata does more than that (chunking, a second hash of "
                 "each pack, AES-256-GCM, writing and fsyncing the repository), so 100% is out of reach.")
        L.append("")
        L.append(f"- read {fmt(bl['read_cpu'])} s + SHA-256 {fmt(bl['sha256_cpu'])} s + zstd -3 "
                 f"{fmt(bl['zstd3_cpu'])} s of CPU → limit {fmt(bl['limit_2cores_s'])} s on two cores")
        if bl.get("strata_first_backup_s"):
            L.append(f"- Strata's first backup: {fmt(bl['strata_first_backup_s'])} s = "
                     f"{bl['times_the_limit']:.2f}× the limit, i.e. it runs at "
                     f"**{100 * bl['fraction_of_limit']:.0f}%** of the limit")
        if bl.get("limit_2cores_with_aes_s"):
            L.append(f"- adding AES-256-GCM ({fmt(bl['aes_cpu'])} s of CPU at openssl speed) gives "
                     f"{fmt(bl['limit_2cores_with_aes_s'])} s"
                     + (f": Strata at {100 * bl['fraction_of_limit_with_aes']:.0f}% of that"
                        if bl.get("fraction_of_limit_with_aes") else ""))
    errs = meta.get("harness_errors")
    if errs:
        L.append("")
        L.append("## Harness errors")
        L.extend(f"- {e}" for e in errs)
    L.append("")
    L.append(f"Whole run: {meta.get('elapsed_s', 0) / 60:.1f} min.")
    return "\n".join(L) + "\n"


def phase_list(text):
    phases = [p.strip() for p in text.split(",") if p.strip()]
    bad = [p for p in phases if p not in PHASES]
    if bad or not phases:
        raise argparse.ArgumentTypeError(f"phases are {', '.join(PHASES)}, not {text!r}")
    return phases


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", default="300M")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", required=True)
    ap.add_argument("--strata", required=True)
    ap.add_argument("--shared", required=True, help="folder holding make_dataset.sh and mutate.sh")
    ap.add_argument("--source-tree", help="Strata's work tree, for the git revision in the report")
    ap.add_argument("--versions-size", help="data set size of the 20-version repository "
                                            "(default: --size up to 300M, else 300M)")
    ap.add_argument("--prune-size", help="data set size of the 20-version repositories that the prune "
                                          "phase prunes (default: --size)")
    ap.add_argument("--only", type=phase_list, default=list(PHASES),
                    help="comma-separated phases to run, of " + ", ".join(PHASES) + " (default: all)")
    ap.add_argument("--timeout", type=int, help="seconds per command (default: 120 + 1 per MiB of the "
                                                "largest data set)")
    ap.add_argument("--keep", action="store_true", help="keep the data, repositories and logs")
    ap.add_argument("--settle", type=int, help="seconds between a big removal and the next timed step "
                                               "that creates files (default: 65 on ext4 without a "
                                               "journal, else 0)")
    a = ap.parse_args()
    if a.runs < 1:
        ap.error("--runs must be at least 1")
    if a.versions_size is None:
        a.versions_size = a.size if parse_size(a.size) <= 300 * MiB else "300M"
    if a.prune_size is None:
        a.prune_size = a.size
    if a.timeout is None:
        used = [a.size] + [getattr(a, f"{p}_size") for p in ("versions", "prune") if p in a.only]
        a.timeout = 120 + max(parse_size(x) for x in used) // MiB
    os.makedirs(a.out, exist_ok=True)
    if a.settle is None:
        a.settle = 65 if out_fs(a.out).get("ext4_without_journal") else 0
    Bench(a).go()


if __name__ == "__main__":
    main()
