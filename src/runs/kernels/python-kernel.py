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

- A line {"type": "interrupt", "id": "..."} interrupts that request if it still runs:
  a reader thread takes protocol lines while a cell runs and sends SIGINT to the
  kernel's process group (the kernel and the children it did not detach), which
  raises KeyboardInterrupt in the cell as Ctrl-C would. The session's state stays.
- Rich results: display(...) anywhere in a cell, the last expression's value
  (IPython's _repr_*_ methods) and matplotlib's open figures (PNG, at the end of the
  cell, then closed) are sent as {"type": "display", "id", "bundle", "main"?} frames
  on stdout, each bundle a MIME type -> data map, bounded in size and number.

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
import queue
import re
import signal
import sys
import threading
import traceback
import types

RESULT_LIMIT = 65536
TRACEBACK_LIMIT = 65536
CELL_NAME = "<cell>"
CELL_PREFIX = "<cell-"
NONCE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22,128}$")
COROUTINE_FLAG = 0x80  # inspect.CO_COROUTINE, without importing inspect at start-up
# Bounds on rich results, the same as the host's (kernel-protocol.ts), which checks them again:
# a value over the bundle limit is left out (and said so in text/plain); past the run's count or
# bytes a display is not sent at all, only counted.
BUNDLE_LIMIT = 2 * 1024 * 1024
RUN_RESULTS_LIMIT = 100
RUN_RESULT_BYTES_LIMIT = 10 * 1024 * 1024
TEXT_TYPES = ("text/plain", "text/html", "text/markdown", "image/svg+xml")
BINARY_TYPES = ("image/png", "image/jpeg")
JSON_TYPE = "application/json"
REPR_METHODS = (
    ("_repr_html_", "text/html"),
    ("_repr_markdown_", "text/markdown"),
    ("_repr_svg_", "image/svg+xml"),
    ("_repr_png_", "image/png"),
    ("_repr_jpeg_", "image/jpeg"),
    ("_repr_json_", JSON_TYPE),
)
MATPLOTLIB_BACKEND = "module://hangar_matplotlib_backend"


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
    def __init__(self, send_display):
        self.cell_count = 0
        self.event_loop = None
        self.stdin_is_null = False
        self.send_display = send_display
        self.request_id = None
        self.running = False
        self.displays = 0
        self.display_bytes = 0
        self.displays_dropped = 0
        self.is_over_bytes = False
        self.shown_figures = set()
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
        self.request_id = request_id
        self.displays = self.display_bytes = self.displays_dropped = 0
        self.is_over_bytes = False
        self.shown_figures = set()
        try:
            self.running = True
            self.install_stdin(stdin_text)
            value = self.execute(code, filename)
            if value is not None:
                outcome["result"] = truncate(safe_repr(value), RESULT_LIMIT)
                self.display(value, main=True)
        except SystemExit as request:
            exit_code = self.exit_code(request)
            outcome["ok"] = exit_code == 0
            outcome["exitCode"] = exit_code
        except BaseException as error:  # noqa: B902 - every failure belongs to the user's run
            outcome["ok"] = False
            outcome["exitCode"] = 1
            outcome["error"] = describe(error)
        finally:
            interrupted = "error" in outcome and outcome["error"]["name"] == "KeyboardInterrupt"
            try:
                if not interrupted:
                    self.flush_figures()  # a failed cell's figures show too, as in Jupyter
            except BaseException:  # noqa: B902 - a figure that cannot render is not the run's failure
                pass
            # From here on a late interrupt is ignored (see on_interrupt).
            self.running = False
            self.close_figures()
        if self.displays_dropped:
            outcome["displaysDropped"] = self.displays_dropped
        return outcome

    def display(self, value, main=False, raw=False):
        if not main and self.is_full():
            self.displays_dropped += 1  # counted without rendering: a flood costs no encoding
            return
        self.send_bundle(raw_bundle(value) if raw else mime_bundle(value), main)

    def is_full(self):
        # Once one display did not fit, the later ones are dropped unseen: a flood costs no encoding.
        return self.displays >= RUN_RESULTS_LIMIT or self.is_over_bytes

    def send_bundle(self, bundle, main=False):
        size = sum(len(value) if isinstance(value, str) else 64 for value in bundle.values())
        # The main result is always sent (within its own bound): it is what the cell was for.
        if not main and (self.is_full() or self.display_bytes + size > RUN_RESULT_BYTES_LIMIT):
            self.is_over_bytes = self.is_over_bytes or self.display_bytes + size > RUN_RESULT_BYTES_LIMIT
            self.displays_dropped += 1
            return
        self.displays += 1
        self.display_bytes += size
        message = {"type": "display", "id": self.request_id, "bundle": bundle}
        if main:
            message["main"] = True
        self.send_display(message)

    def flush_figures(self):
        """Like IPython's inline backend: every figure still open at the end of the cell is shown."""
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is None:
            return
        for number in pyplot.get_fignums():
            figure = pyplot.figure(number)
            if id(figure) not in self.shown_figures:
                if self.is_full():
                    self.displays_dropped += 1
                    continue
                self.show_figure(figure)

    def show_figure(self, figure):
        self.shown_figures.add(id(figure))
        self.send_bundle(figure_bundle(figure))

    def close_figures(self):
        pyplot = sys.modules.get("matplotlib.pyplot")
        if pyplot is not None:
            try:
                pyplot.close("all")
            except Exception:
                pass

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


def safe_repr(value):
    try:
        return repr(value)
    except Exception as error:
        return "<unrepresentable %s: %s>" % (type(value).__name__, type(error).__name__)


def bounded(mime, value, omitted):
    """The value as wire text, or None (noted in `omitted`) when it is over the bundle limit."""
    try:
        if mime == JSON_TYPE:
            value = json.loads(json.dumps(value, default=str))
            size = len(json.dumps(value))
        elif mime in BINARY_TYPES:
            if isinstance(value, (bytes, bytearray, memoryview)):
                if len(value) * 4 // 3 > BUNDLE_LIMIT:  # checked before encoding 1 GB
                    omitted.append("%s (%d bytes)" % (mime, len(value) * 4 // 3))
                    return None
                import base64

                value = base64.b64encode(value).decode("ascii")
            elif not isinstance(value, str):
                return None
            size = len(value)
        else:
            if isinstance(value, (bytes, bytearray)):
                value = bytes(value[: BUNDLE_LIMIT + 1]).decode("utf-8", "replace")
            elif not isinstance(value, str):
                value = str(value)
            size = len(value)
    except Exception:
        return None
    if size > BUNDLE_LIMIT:
        omitted.append("%s (%d bytes)" % (mime, size))
        return None
    return value


def finish_bundle(data, plain, omitted):
    bundle = {}
    for mime, value in data.items():
        if mime != "text/plain" and mime in TEXT_TYPES + BINARY_TYPES + (JSON_TYPE,):
            kept = bounded(mime, value, omitted)
            if kept is not None:
                bundle[mime] = kept
    text = truncate(plain if isinstance(plain, str) else str(plain), RESULT_LIMIT)
    if omitted:
        text += "\n[left out, over the %d-byte limit of one result: %s]" % (BUNDLE_LIMIT, ", ".join(omitted))
    bundle["text/plain"] = text
    return bundle


def mime_bundle(value):
    """What IPython's display formatter would make of `value`."""
    figure = matplotlib_figure(value)
    if figure is not None:
        return figure_bundle(figure)
    data = {}
    method = getattr(value, "_repr_mimebundle_", None)
    if callable(method) and not isinstance(value, type):
        try:
            found = method(include=None, exclude=None)
            if isinstance(found, tuple):
                found = found[0]
            if isinstance(found, dict):
                data.update(found)
        except Exception:
            pass
    for name, mime in REPR_METHODS:
        if mime in data or isinstance(value, type):
            continue
        method = getattr(value, name, None)
        if not callable(method):
            continue
        try:
            found = method()
        except Exception:
            continue
        if isinstance(found, tuple):
            found = found[0]
        if found is not None:
            data[mime] = found
    plain = data.pop("text/plain", None)
    return finish_bundle(data, plain if plain is not None else safe_repr(value), [])


def raw_bundle(value):
    """display(bundle, raw=True): the caller gives the MIME types itself, as in IPython."""
    if not isinstance(value, dict):
        return mime_bundle(value)
    data = dict(value)
    plain = data.pop("text/plain", None)
    return finish_bundle(data, plain if plain is not None else "<%d MIME types>" % len(data), [])


def matplotlib_figure(value):
    figure_module = sys.modules.get("matplotlib.figure")
    if figure_module is not None and isinstance(value, figure_module.Figure):
        return value
    return None


def figure_bundle(figure):
    buffer = io.BytesIO()
    try:
        figure.savefig(buffer, format="png", bbox_inches="tight")
    except Exception as error:
        return {"text/plain": "<%s: cannot render as PNG: %s>" % (safe_repr(figure), error)}
    return finish_bundle({"image/png": buffer.getvalue()}, safe_repr(figure), [])


IPYTHON_DISPLAY_SOURCE = '''
"""Hangar's stand-in for IPython.display (no IPython here): the rich objects and display()."""
import builtins

display = builtins.display


def clear_output(wait=False):
    """Outputs are not replaced in a run's answer: nothing to clear."""


class DisplayObject:
    mime = "text/plain"
    binary = False

    def __init__(self, data=None, url=None, filename=None, metadata=None, **options):
        if filename is not None:
            with open(filename, "rb" if self.binary else "r") as source:
                data = source.read()
        self.data = data
        self.url = url
        self.filename = filename

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {self.mime: self.data}

    def __repr__(self):
        return "<IPython.core.display.%s object>" % type(self).__name__


class HTML(DisplayObject):
    mime = "text/html"


class Markdown(DisplayObject):
    mime = "text/markdown"


class SVG(DisplayObject):
    mime = "image/svg+xml"


class JSON(DisplayObject):
    mime = "application/json"


class Image(DisplayObject):
    binary = True

    def __init__(self, data=None, url=None, filename=None, format=None, **options):
        if isinstance(data, str) and filename is None and url is None:
            filename, data = data, None
        super().__init__(data, url, filename, **options)
        name = (format or filename or "").lower()
        is_jpeg = name.endswith(("jpeg", "jpg")) or (isinstance(self.data, bytes) and self.data[:2] == b"\\xff\\xd8")
        self.mime = "image/jpeg" if is_jpeg else "image/png"
'''


class MatplotlibBackendFinder:
    """
    Makes Hangar's inline backend importable (and, where IPython is not installed, a
    small IPython.display whose objects and display() work here), and selects the
    backend when pyplot loads
    (unless MPLBACKEND names another than Agg): Agg rendering, and plt.show() shows the open
    figures at once and closes them, as in Jupyter. Chosen here rather than through
    MPLBACKEND so that Python programs the cell starts are not sent to a module only
    this kernel has. (A finder and loader by their methods: importlib.abc costs start-up time.)
    """

    def find_spec(self, name, path=None, target=None):
        if name == "hangar_matplotlib_backend" or (name in ("IPython", "IPython.display") and not has_ipython()):
            import importlib.machinery

            return importlib.machinery.ModuleSpec(name, self, is_package=name == "IPython")
        # The sandbox sets MPLBACKEND=Agg for programs; only another choice is the user's own.
        if name == "matplotlib.pyplot" and os.environ.get("MPLBACKEND", "agg").lower() == "agg":
            matplotlib = sys.modules.get("matplotlib")
            if matplotlib is not None:
                try:
                    matplotlib.rcParams["backend"] = MATPLOTLIB_BACKEND
                except Exception:
                    pass
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        if module.__name__ == "IPython":
            return  # a package whose one submodule is display
        if module.__name__ == "IPython.display":
            exec(compile(IPYTHON_DISPLAY_SOURCE, "<hangar IPython.display>", "exec"), module.__dict__)
            return
        from matplotlib.backends import backend_agg

        module.FigureCanvas = backend_agg.FigureCanvasAgg
        module.FigureManager = backend_agg.FigureManagerBase

        def show(*args, **kwargs):
            kernel = KERNEL[0]
            pyplot = sys.modules.get("matplotlib.pyplot")
            if kernel is None or pyplot is None:
                return
            kernel.flush_figures()
            pyplot.close("all")

        module.show = show


KERNEL = [None]


def has_ipython():
    """Whether a real IPython is installed (then it is imported, not Hangar's stand-in)."""
    import importlib.machinery

    return importlib.machinery.PathFinder.find_spec("IPython") is not None


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
    # An interrupt raises in the kernel's signal handler: that frame is the kernel's, not the cell's.
    summary.stack = traceback.StackSummary.from_list(
        [entry for entry in summary.stack if entry.filename != __file__]
    )
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
    send_lock = threading.Lock()

    def send_display(message):
        payload = prefix + json.dumps(message, separators=(",", ":")).encode("ascii") + b"\n"
        with send_lock:
            write_all(protocol_out, payload)

    kernel = Kernel(send_display)
    KERNEL[0] = kernel
    sys.meta_path.insert(0, MatplotlibBackendFinder())

    def display(*values, raw=False, **ignored):
        """Shows each value as a rich result of this cell (like IPython's display)."""
        for value in values:
            kernel.display(value, raw=raw)

    builtins.display = display

    # Our own group, so an interrupt reaches the children the cell started (as Ctrl-C
    # reaches a terminal's foreground job), and nothing outside the kernel.
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    own_group = os.getpgrp() == os.getpid()

    def on_interrupt(signum, frame):
        # Between cells (a late interrupt) there is nothing to stop.
        if kernel.running:
            raise KeyboardInterrupt

    signal.signal(signal.SIGINT, on_interrupt)
    requests = queue.Queue()
    interrupt_lock = threading.Lock()

    def read_protocol():
        for raw_line in protocol_in:
            try:
                message = json.loads(raw_line)
            except Exception:
                message = None
            if isinstance(message, dict) and message.get("type") == "interrupt":
                with interrupt_lock:
                    if kernel.running and kernel.request_id == str(message.get("id")):
                        try:
                            if own_group:
                                os.killpg(os.getpid(), signal.SIGINT)
                            else:
                                os.kill(os.getpid(), signal.SIGINT)
                        except OSError:
                            pass
                continue
            requests.put(raw_line)
        requests.put(None)

    threading.Thread(target=read_protocol, name="hangar-protocol", daemon=True).start()
    send(protocol_out, {"type": "ready", "language": "python", "version": sys.version.split()[0]})

    while True:
        try:
            line = requests.get()
        except KeyboardInterrupt:
            continue  # a user's handler raising for a late interrupt; nothing runs to stop
        if line is None:
            break
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
        try:
            flush_user_streams()
        except KeyboardInterrupt:
            pass
        if os.getpid() != kernel_pid:
            os._exit(0)  # user code forked and this is the child: it must not answer the host
        with interrupt_lock:
            kernel.request_id = None
        send(protocol_err, {"type": "end", "id": request_id})
        with send_lock:
            send(protocol_out, outcome)
    flush_user_streams()
    os._exit(0)  # do not wait for user threads: the host closed stdin, the session is over


main()
