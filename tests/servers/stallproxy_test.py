#!/usr/bin/env python3
"""Proves stallproxy.py does what its header promises, against an echo server of its own:
bytes forwarded both ways, nothing through a stall, everything after the resume, a RST for
every connection on a drop while new connections still work, and a clean exit on SIGTERM.

    stallproxy_test.py     exits non-zero on the first failure
"""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def echo_server():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)

    def serve(conn):
        with conn:
            try:
                while data := conn.recv(65536):
                    conn.sendall(data)
            except ConnectionResetError:
                pass  # the drop, on the proxy's side of the connection

    def accept():
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def wait_for(what, predicate, seconds=5):
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            sys.exit(f"stallproxy_test: {what}: not after {seconds} s")
        time.sleep(0.01)


def read_file(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""


def main():
    target = echo_server()
    with tempfile.TemporaryDirectory() as tmp:
        port_file, state_file = os.path.join(tmp, "port"), os.path.join(tmp, "state")
        proxy = subprocess.Popen([sys.executable, os.path.join(HERE, "stallproxy.py"),
                                  "--state-file", state_file, port_file, "127.0.0.1", str(target)])
        try:
            run(proxy, port_file, state_file)
        finally:
            proxy.kill()
            proxy.wait()
    print("stallproxy_test: ok")


def run(proxy, port_file, state_file):
    wait_for("the port file", lambda: read_file(port_file).endswith("\n"))
    port = int(read_file(port_file))
    handled = 0

    def send(signum):
        nonlocal handled
        proxy.send_signal(signum)
        handled += 1
        wait_for(f"signal {signum} handled",
                 lambda: read_file(state_file).split()[-1:] == [str(handled)])
        return read_file(state_file).split()

    a = socket.create_connection(("127.0.0.1", port), timeout=5)
    a.sendall(b"hello")
    check("echo through the proxy", a.recv(100) == b"hello")

    check("stalled", send(signal.SIGUSR1)[:2] == ["stalled", "1"])
    a.sendall(b"held")
    a.settimeout(0.5)
    try:
        got = a.recv(100)
        check(f"nothing through a stall, got {got!r}", False)
    except socket.timeout:
        pass
    b = socket.create_connection(("127.0.0.1", port), timeout=5)  # accepted, held
    b.sendall(b"second")

    check("forwarding again", send(signal.SIGUSR2)[0] == "forwarding")
    a.settimeout(5)
    b.settimeout(5)
    check("the held bytes after the resume", recv_exactly(a, 4) == b"held")
    check("the held connection after the resume", recv_exactly(b, 6) == b"second")

    check("dropped", send(signal.SIGHUP)[:2] == ["forwarding", "0"])
    for s in (a, b):
        try:
            got = s.recv(100)
            check(f"a RST after the drop, got {got!r}", False)
        except ConnectionResetError:
            pass
    c = socket.create_connection(("127.0.0.1", port), timeout=5)
    c.sendall(b"after")
    check("a new connection after the drop", recv_exactly(c, 5) == b"after")

    proxy.send_signal(signal.SIGTERM)
    check("exit 0 on SIGTERM", proxy.wait(timeout=5) == 0)


def recv_exactly(s, n):
    data = b""
    while len(data) < n:
        chunk = s.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def check(what, ok):
    if not ok:
        sys.exit(f"stallproxy_test: {what}: failed")
    print(f"ok: {what}")


if __name__ == "__main__":
    main()
