"""Hangar's Python notebook kernel: one long-lived interpreter per session.

Wire protocol (the host side is src/runs/kernel-client.ts, shapes in kernel-protocol.ts):

- stdin carries one JSON object per line. The first is the handshake
  {"type": "hello", "nonce": "..."}; every later line is a request
  {"id": "...", "code": "...", "stdin": "..."}. The nonce travels on stdin, never in
  argv or the environment, so user code cannot pick it up from /proc/self/cmdline.
- stdout and stderr carry user output at the file-descriptor level (subprocesses
  write straight into them). Protocol frames are "\\x1eHANGAR:<nonce>:<json>\\n";
  any other byte is user output.
- After a request the kernel flushes Python's buffers, writes {"type": "end"} to
  stderr, then {"type": "done", ...} to stdout, so the host knows both streams hold
  everything that request produced.

The kernel talks through private duplicates of fds 0, 1 and 2, so user code that
closes or redirects the standard descriptors cannot break the protocol, and fd 0 is
replaced by the request's stdin (or /dev/null) so subprocesses never read requests.
"""

import ast
import builtins
import io
import json
import linecache
import os
import re
import sys
import traceback
import types

RESULT_LIMIT = 65536
TRACEBACK_LIMIT = 65536
CELL_NAME = "<cell>"
CELL_PREFIX = "<cell-"
NONCE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22,128}$")
COROUTINE_FLAG = 0x80  # inspect.CO_COROUTINE, without importing inspect at start-up


def write_all(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def truncate(text, limit):
    if len(text) <= limit:
        return text
    return text[:limit] + "\n... [truncated %d characters]" % (len(text) - limit)


class Kernel:
    def __init__(self):
        self.cell_count = 0
        self.event_loop = None
        self.stdin_is_null = False
        # A fresh __main__ module so pickle, dataclasses and `import __main__` see the
        # user's namespace rather than the kernel's own globals.
        module = types.ModuleType("__main__")
        module.__dict__["__builtins__"] = builtins
        sys.modules["__main__"] = module
        self.namespace = module.__dict__

    def run(self, request_id, code, stdin_text):
        self.cell_count += 1
        filename = "%s%d>" % (CELL_PREFIX, self.cell_count)
        # Registering the source lets tracebacks and inspect.getsource show cell lines.
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        outcome = {"type": "done", "id": request_id, "ok": True, "exitCode": 0}
        try:
            self.install_stdin(stdin_text)
            value = self.execute(code, filename)
            if value is not None:
                outcome["result"] = truncate(repr(value), RESULT_LIMIT)
        except SystemExit as request:
            exit_code = self.exit_code(request)
            outcome["ok"] = exit_code == 0
            outcome["exitCode"] = exit_code
        except BaseException as error:  # noqa: B902 - every failure belongs to the user's run
            outcome["ok"] = False
            outcome["exitCode"] = 1
            outcome["error"] = describe(error)
        return outcome

    def execute(self, code, filename):
        flags = getattr(ast, "PyCF_ALLOW_TOP_LEVEL_AWAIT", 0)
        tree = ast.parse(code, filename, "exec")
        last = None
        # Like IPython: a trailing expression is evaluated separately so its value is the result.
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        body = compile(tree, filename, "exec", flags=flags, dont_inherit=True)
        self.run_code(body)
        if last is None:
            return None
        return self.run_code(compile(last, filename, "eval", flags=flags, dont_inherit=True))

    def run_code(self, code):
        if code.co_flags & COROUTINE_FLAG:
            return self.loop().run_until_complete(eval(code, self.namespace))
        return eval(code, self.namespace)

    def loop(self):
        # One persistent loop (created on first top-level await) so tasks and futures
        # created in one cell stay usable in the next.
        if self.event_loop is None:
            import asyncio

            self.event_loop = asyncio.new_event_loop()
            asyncio.set_event_loop(self.event_loop)
        return self.event_loop

    def install_stdin(self, text):
        data = text.encode("utf-8", "replace")
        if data or not self.stdin_is_null:
            fd = open_stdin_file(data)
            os.dup2(fd, 0)
            os.close(fd)
            self.stdin_is_null = not data
        # A wrapper over fd 0 (not a StringIO) keeps sys.stdin.buffer and fileno() working.
        sys.stdin = io.open(0, "r", encoding="utf-8", errors="replace", closefd=False)

    @staticmethod
    def exit_code(request):
        code = request.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code & 0xFF  # what the operating system would report for a script
        # sys.exit("message") prints the message and exits with 1, as Python itself does.
        try:
            sys.stderr.write(str(code) + "\n")
        except Exception:
            pass
        return 1


def open_stdin_file(data):
    if not data:
        return os.open(os.devnull, os.O_RDONLY)
    try:
        fd = os.memfd_create("stdin", os.MFD_CLOEXEC)
    except (AttributeError, OSError):
        fd = os.open("/tmp", os.O_TMPFILE | os.O_RDWR, 0o600)
    write_all(fd, data)
    os.lseek(fd, 0, os.SEEK_SET)
    return fd


def describe(error):
    # Start at the first cell frame: the kernel's (and asyncio's) frames above it are noise.
    # With no cell frame at all (a SyntaxError from compiling the cell) no frame is shown.
    frame = error.__traceback__
    while frame is not None and not frame.tb_frame.f_code.co_filename.startswith(CELL_PREFIX):
        frame = frame.tb_next
    summary = traceback.TracebackException(type(error), error, frame, compact=True)
    rename_cells(summary, set())
    try:
        message = str(error)
    except Exception:
        message = "<unprintable %s>" % type(error).__name__
    text = "".join(summary.format())
    return {
        "name": type(error).__name__,
        "message": truncate(message, TRACEBACK_LIMIT),
        "traceback": truncate(text, TRACEBACK_LIMIT),
    }


def rename_cells(summary, seen):
    """Shows every cell as <cell>; lines were already looked up under the unique name."""
    if summary is None or id(summary) in seen:
        return
    seen.add(id(summary))
    for frame in summary.stack:
        if frame.filename.startswith(CELL_PREFIX):
            frame.filename = CELL_NAME
    if getattr(summary, "filename", None) and summary.filename.startswith(CELL_PREFIX):
        summary.filename = CELL_NAME
    rename_cells(summary.__cause__, seen)
    rename_cells(summary.__context__, seen)
    for nested in getattr(summary, "exceptions", None) or ():
        rename_cells(nested, seen)


def flush_user_streams():
    for stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
        try:
            if stream is not None:
                stream.flush()
        except Exception:
            pass
    # C code loaded through ctypes may printf into libc's buffer; flush it too.
    ctypes = sys.modules.get("ctypes")
    if ctypes is not None:
        try:
            ctypes.CDLL(None).fflush(None)
        except Exception:
            pass


def main():
    protocol_in = os.fdopen(os.dup(0), "rb")  # os.dup returns non-inheritable fds
    protocol_out = os.dup(1)
    protocol_err = os.dup(2)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)

    hello_line = protocol_in.readline()
    if not hello_line:
        os._exit(0)
    try:
        nonce = json.loads(hello_line)["nonce"]
        if not NONCE_PATTERN.match(nonce):
            raise ValueError("bad nonce")
    except Exception:
        write_all(protocol_err, b"hangar kernel: invalid handshake\n")
        os._exit(2)
    prefix = b"\x1eHANGAR:" + nonce.encode("ascii") + b":"

    def send(fd, message):
        write_all(fd, prefix + json.dumps(message, separators=(",", ":")).encode("ascii") + b"\n")

    for stream in (sys.stdout, sys.stderr):
        if stream.encoding.lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8")
    sys.argv = [""]
    if sys.path and sys.path[0] == os.path.dirname(os.path.abspath(__file__)):
        sys.path[0] = ""  # like the interactive interpreter: import from the working directory
    kernel_pid = os.getpid()
    kernel = Kernel()
    send(protocol_out, {"type": "ready", "language": "python", "version": sys.version.split()[0]})

    for line in protocol_in:
        try:
            request = json.loads(line)
            request_id = str(request["id"])
            code = request["code"]
            stdin_text = request.get("stdin") or ""
            if not isinstance(code, str) or not isinstance(stdin_text, str):
                raise TypeError("code and stdin must be strings")
        except Exception as error:
            send(protocol_out, {"type": "protocol_error", "message": "bad request: %s" % error})
            continue
        try:
            outcome = kernel.run(request_id, code, stdin_text)
        except BaseException as error:  # a kernel bug must not kill the session
            outcome = {"type": "done", "id": request_id, "ok": False, "exitCode": 1, "error": describe(error)}
        flush_user_streams()
        if os.getpid() != kernel_pid:
            os._exit(0)  # user code forked and this is the child: it must not answer the host
        send(protocol_err, {"type": "end", "id": request_id})
        send(protocol_out, outcome)
    flush_user_streams()
    os._exit(0)  # do not wait for user threads: the host closed stdin, the session is over


main()
