"""Starts bubblewrap instances for Hangar with posix_spawn (vfork), not fork.

Why a separate process: Node's child_process forks the whole server. On a
virtual machine where page faults are expensive (Firecracker, nested
virtualisation), every fork write-protects the server's memory, and the
server then pays a copy-on-write fault for each page it writes afterwards,
tens of microseconds each: a 200 MB heap costs seconds of CPU per spawn,
spread over the next steps of every session. glibc's posix_spawn shares the
address space with the child until it executes (CLONE_VM | CLONE_VFORK), so
it copies and write-protects nothing; this small process does it instead.

Protocol, one JSON object per line; requests on stdin, answers on stdout:
  first line  {"socket": PATH, "token": HEX}   where to hand the stdio over
  {"op": "spawn", "id": N, "file": F, "args": [...], "env": {...}, "cwd": D,
   "uid": U?, "gid": G?, "setsid": bool, "niceness": N?,
   "fds": [{"fd": 0}, ..., {"fd": 6, "data": BASE64}]}
      -> {"op": "spawned", "id": N, "pid": P} | {"op": "failed", "id": N, "error": "..."}
  {"op": "kill", "id": N, "signal": S}
  later -> {"op": "exited", "id": N, "code": C | null, "signal": S | null}
A descriptor with "data" is a pipe this process fills and closes (bubblewrap
reads its options and seccomp program to the end). Every other one is a Unix
socket connected to Hangar's listener at PATH; its first bytes are the token,
the spawn id (4 bytes, big-endian) and the descriptor number (1 byte), so
Hangar can tell the connections apart. The child gets the same kind of
descriptor Node gives its children (a connected Unix stream socket).
A uid or gid runs the command through setpriv: posix_spawn cannot change ids.
This process dies with Hangar (parent-death signal, and EOF on stdin).
"""

import base64
import ctypes
import fcntl
import json
import os
import selectors
import signal
import socket
import struct
import sys

PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36
F_SETPIPE_SZ = 1031
SETPRIV = "/usr/bin/setpriv"
DEFAULT_SIGNALS = signal.valid_signals() - {signal.SIGKILL, signal.SIGSTOP}


def die_with_parent():
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    # bubblewrap's monitor exits as soon as its sandbox's pid 1 reports the command's
    # status, without waiting for that pid 1: orphaned, it goes to the nearest subreaper.
    # Here that is this process, which reaps it at once; otherwise the host's init would,
    # whenever it gets to it, and until then the zombie holds a pid in the sandbox's cgroup
    # (so the group could never be reused, and a persistent sandbox's pids.max shrinks).
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1)
    if os.getppid() == 1:
        sys.exit(0)


class SpawnServer:
    def __init__(self):
        self.socket_path = None
        self.token = b""
        self.selector = selectors.DefaultSelector()
        self.children = {}  # pid -> id
        self.pidfds = {}  # id -> pidfd, to signal a child without racing a reused pid
        self.input = b""

    def send(self, message):
        os.write(1, (json.dumps(message, separators=(",", ":")) + "\n").encode())

    def connect(self, spawn_id, fd):
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(self.socket_path)
        connection.sendall(self.token + struct.pack(">IB", spawn_id, fd))
        return connection

    def spawn(self, request):
        spawn_id = request["id"]
        opened = []
        actions = []
        try:
            for entry in request["fds"]:
                fd = entry["fd"]
                if "data" in entry:
                    read_end, write_end = os.pipe()
                    opened.append(read_end)
                    data = base64.b64decode(entry["data"])
                    # Written whole before the child runs: the pipe must hold it all, or this
                    # process would block forever (the kernel refuses sizes past pipe-max-size).
                    if len(data) > 65_536:
                        fcntl.fcntl(write_end, F_SETPIPE_SZ, len(data))
                    os.write(write_end, data)
                    os.close(write_end)
                    actions.append((os.POSIX_SPAWN_DUP2, read_end, fd))
                else:
                    connection = self.connect(spawn_id, fd)
                    opened.append(connection.detach())
                    actions.append((os.POSIX_SPAWN_DUP2, opened[-1], fd))
            argv = [request["file"], *request["args"]]
            if request.get("uid") is not None:
                gid = request.get("gid", request["uid"])
                argv = [SETPRIV, f"--reuid={request['uid']}", f"--regid={gid}", "--clear-groups", "--", *argv]
            os.chdir(request.get("cwd") or "/")
            pid = os.posix_spawn(
                argv[0],
                argv,
                request.get("env", {}),
                file_actions=actions,
                setsid=bool(request.get("setsid")),
                # This process ignores SIGPIPE (Python) and SIGINT; the child starts with defaults.
                setsigdef=DEFAULT_SIGNALS,
            )
        except Exception as error:  # noqa: BLE001 - reported to Hangar, which fails the spawn
            self.send({"op": "failed", "id": spawn_id, "error": f"{type(error).__name__}: {error}"})
            return
        finally:
            for fd in opened:
                os.close(fd)
        if request.get("niceness") is not None:
            # Right after the exec, before bubblewrap creates its namespaces (the costly
            # part of its start) or forks anything: all of it runs at this priority.
            try:
                os.setpriority(os.PRIO_PROCESS, pid, request["niceness"])
            except ProcessLookupError:
                pass
        self.children[pid] = spawn_id
        self.pidfds[spawn_id] = os.pidfd_open(pid)
        self.send({"op": "spawned", "id": spawn_id, "pid": pid})

    def kill(self, request):
        pidfd = self.pidfds.get(request["id"])
        if pidfd is None:
            return
        try:
            signal.pidfd_send_signal(pidfd, request.get("signal", signal.SIGKILL))
        except ProcessLookupError:
            pass

    def reap(self):
        """Reaps every child that ended: the ones it spawned (reported) and orphans (not)."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            spawn_id = self.children.pop(pid, None)
            if spawn_id is None:
                continue  # an orphaned descendant (a sandbox's pid 1)
            os.close(self.pidfds.pop(spawn_id))
            if os.WIFSIGNALED(status):
                code, name = None, signal.Signals(os.WTERMSIG(status)).name
            else:
                code, name = os.waitstatus_to_exitcode(status), None
            self.send({"op": "exited", "id": spawn_id, "code": code, "signal": name})

    def serve(self):
        # SIGCHLD wakes the loop through a pipe (the handler itself does nothing).
        wakeup_read, wakeup_write = os.pipe2(os.O_NONBLOCK | os.O_CLOEXEC)
        signal.set_wakeup_fd(wakeup_write, warn_on_full_buffer=False)
        signal.signal(signal.SIGCHLD, lambda *_: None)
        self.selector.register(wakeup_read, selectors.EVENT_READ, "child")
        self.selector.register(0, selectors.EVENT_READ, "input")
        while True:
            for key, _ in self.selector.select():
                if key.data == "child":
                    try:
                        os.read(wakeup_read, 4096)
                    except BlockingIOError:
                        pass
                    self.reap()
                    continue
                chunk = os.read(0, 1 << 16)
                if chunk == b"":
                    return
                self.input += chunk
                while b"\n" in self.input:
                    line, self.input = self.input.split(b"\n", 1)
                    if line.strip():
                        self.handle(line)

    def handle(self, line):
        request = json.loads(line)
        if "socket" in request:
            self.socket_path = request["socket"]
            self.token = bytes.fromhex(request["token"])
        elif request["op"] == "spawn":
            self.spawn(request)
        elif request["op"] == "kill":
            self.kill(request)


# Sandboxes run below Hangar's own priority (every child inherits it): when a core is
# contended, the server's event loop (streams, API, the agent loop) goes first, and a
# sandbox being parked for a next command waits instead of slowing the current step.
SANDBOX_NICENESS = 5


def main():
    die_with_parent()
    os.nice(SANDBOX_NICENESS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    SpawnServer().serve()


if __name__ == "__main__":
    main()
