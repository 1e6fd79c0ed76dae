#!/usr/bin/env python3
"""A loopback TCP proxy that a test can stall, resume and cut, for the remote backends'
timeout, retry and reconnect tests (tests/servers/README.md).

    stallproxy.py [--state-file FILE] PORT_FILE TARGET_HOST TARGET_PORT

Listens on 127.0.0.1 on a free port and forwards every connection to TARGET_HOST:TARGET_PORT,
both ways. Once listening it writes the port (digits and a newline) to PORT_FILE, atomically:
the file appears complete or not at all.

Controlled by signals, sent to the pid of this process:
    SIGUSR1  stall: forward nothing more in either direction, keep every connection open
             (new connections are accepted and held too; the senders' buffers fill up)
    SIGUSR2  resume: forward again, the held bytes first
    SIGHUP   drop: reset every connection now (RST, not FIN); the proxy keeps listening
    SIGTERM, SIGINT  reset every connection and exit

After each signal has taken effect, the state file (when given) holds one line:
"forwarding N" or "stalled N", N the open connections, and a counter of the signals handled
so far: "forwarding 2 3". A test that must know the stall is in place waits for the counter.
"""

import argparse
import os
import selectors
import signal
import socket
import struct
import sys

BUFFER = 65536
READ, WRITE = selectors.EVENT_READ, selectors.EVENT_WRITE


class Direction:
    """The bytes read from src and not yet written to dst."""

    def __init__(self, src, dst):
        self.src, self.dst = src, dst
        self.pending = bytearray()
        self.eof = False  # src has ended; dst is shut for writing once pending is empty
        self.shut = False


class Connection:
    def __init__(self, client, upstream):
        self.ways = (Direction(client, upstream), Direction(upstream, client))
        self.sockets = (client, upstream)

    def done(self):
        return all(w.shut for w in self.ways)


class Proxy:
    """One thread, non-blocking sockets. Signal handlers only record what was asked and wake
    the loop, which acts at the top of its next turn: nothing moves once a stall is seen."""

    def __init__(self, listener, target, state_file):
        self.listener = listener
        self.target = target
        self.state_file = state_file
        self.forwarding = True
        self.requests = []
        self.handled = 0
        self.connections = []
        self.selector = selectors.DefaultSelector()
        self.wake_r, wake_w = os.pipe()
        os.set_blocking(self.wake_r, False)
        os.set_blocking(wake_w, False)
        signal.set_wakeup_fd(wake_w, warn_on_full_buffer=False)

    def on_signal(self, signum, _frame):
        self.requests.append(signum)

    def write_state(self):
        if not self.state_file:
            return
        word = "forwarding" if self.forwarding else "stalled"
        tmp = self.state_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(f"{word} {len(self.connections)} {self.handled}\n")
        os.replace(tmp, self.state_file)

    def handle_requests(self):
        while self.requests:
            signum = self.requests.pop(0)
            if signum == signal.SIGUSR1:
                self.forwarding = False
            elif signum == signal.SIGUSR2:
                self.forwarding = True
            elif signum == signal.SIGHUP:
                self.drop_all()
            else:
                self.drop_all()
                sys.exit(0)
            self.handled += 1
            self.write_state()

    def drop_all(self):
        for c in self.connections:
            self.close(c, hard=True)
        self.connections.clear()

    def close(self, c, hard):
        """Closes both sockets of c, with a RST when hard. They leave the selector first: a new
        socket may get the same descriptor."""
        for s in c.sockets:
            try:
                self.selector.unregister(s)
            except (KeyError, ValueError):
                pass
            if hard:
                reset(s)
            else:
                s.close()

    def accept(self):
        try:
            client, _ = self.listener.accept()
        except BlockingIOError:
            return
        try:
            upstream = socket.create_connection(self.target, timeout=10)
        except OSError as e:
            print(f"stallproxy: cannot reach {self.target[0]}:{self.target[1]}: {e}", file=sys.stderr)
            reset(client)
            return
        for s in (client, upstream):
            s.setblocking(False)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.connections.append(Connection(client, upstream))

    def interests(self):
        """What each socket waits for now; nothing at all while stalled."""
        wanted = {self.listener: READ, self.wake_r: READ}
        if not self.forwarding:
            return wanted
        for c in self.connections:
            for w in c.ways:
                if not w.eof and len(w.pending) < BUFFER:
                    wanted[w.src] = wanted.get(w.src, 0) | READ
                if w.pending:
                    wanted[w.dst] = wanted.get(w.dst, 0) | WRITE
        return wanted

    def pump(self, c, ready):
        """Moves what can move for connection c; False when it failed and was reset."""
        try:
            for w in c.ways:
                if READ & ready.get(w.src, 0) and not w.eof and len(w.pending) < BUFFER:
                    data = w.src.recv(BUFFER)
                    if data:
                        w.pending += data
                    else:
                        w.eof = True
                if WRITE & ready.get(w.dst, 0) and w.pending:
                    sent = w.dst.send(w.pending)
                    del w.pending[:sent]
                if w.eof and not w.pending and not w.shut:
                    w.dst.shutdown(socket.SHUT_WR)
                    w.shut = True
        except (BlockingIOError, InterruptedError):
            return True
        except OSError:
            # One side failed or was reset: the other learns it the same way.
            self.close(c, hard=True)
            return False
        return True

    def run(self):
        while True:
            self.handle_requests()
            wanted = self.interests()
            for key in list(self.selector.get_map().values()):
                if key.fileobj not in wanted:
                    self.selector.unregister(key.fileobj)
            for obj, events in wanted.items():
                if obj in self.selector.get_map():
                    self.selector.modify(obj, events)
                else:
                    self.selector.register(obj, events)
            ready = {}
            for key, events in self.selector.select():
                ready[key.fileobj] = events
            if self.wake_r in ready:
                try:
                    os.read(self.wake_r, 4096)
                except BlockingIOError:
                    pass
            if self.requests:
                continue  # a stall asked for while waiting wins over what became ready
            if self.listener in ready:
                self.accept()
            if not self.forwarding:
                continue
            kept = []
            for c in self.connections:
                if self.pump(c, ready) and not c.done():
                    kept.append(c)
                elif c.done():
                    self.close(c, hard=False)
            self.connections = kept


def reset(s):
    """Closes s with a RST: a zero linger timeout drops what was unsent."""
    try:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    s.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--state-file")
    parser.add_argument("port_file")
    parser.add_argument("target_host")
    parser.add_argument("target_port", type=int)
    args = parser.parse_args()

    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.setblocking(False)
    proxy = Proxy(listener, (args.target_host, args.target_port), args.state_file)
    for signum in (signal.SIGUSR1, signal.SIGUSR2, signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, proxy.on_signal)
    proxy.write_state()
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(f"{listener.getsockname()[1]}\n")
    os.replace(tmp, args.port_file)
    proxy.run()


if __name__ == "__main__":
    main()
