#!/usr/bin/env python3
"""pty_roundtrip.py N CMD... — drives an interactive shell through a pseudo-terminal: waits for the
prompt, then N times types `select 1;` and waits until the result and the next prompt are back.
Exits non-zero if a round trip does not show the row or the prompt within 10 s. Used by bench.sh to
time interactive round trips of psql and tidepool side by side (the prompt must end in "=# ")."""
import fcntl, os, pty, select, struct, sys, termios, time

n = int(sys.argv[1])
argv = sys.argv[2:]
PROMPT = b"=# "

pid, fd = pty.fork()
if pid == 0:
    os.environ["TERM"] = "dumb"
    os.execvp(argv[0], argv)
# A real terminal's size (a pty starts at 0x0, which makes psql page every result).
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))

def read_until(predicate, seen=b""):
    deadline = time.monotonic() + 10
    while not predicate(seen):
        left = deadline - time.monotonic()
        if left <= 0:
            sys.stderr.write(f"pty_roundtrip: timed out; screen ends with {seen[-200:]!r}\n")
            os.kill(pid, 9)
            sys.exit(1)
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                sys.stderr.write(f"pty_roundtrip: shell exited; screen ends with {seen[-200:]!r}\n")
                sys.exit(1)
            seen += chunk
    return seen

read_until(lambda s: s.endswith(PROMPT))
for _ in range(n):
    os.write(fd, b"select 1;\r")
    read_until(lambda s: b"(1 row)" in s and s.endswith(PROMPT))
os.write(fd, b"\\q\r")
_, status = os.waitpid(pid, 0)
sys.exit(0 if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0 else 1)
