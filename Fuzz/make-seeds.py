#!/usr/bin/env python3
"""Writes the fuzzers' seed corpus (Fuzz/corpus/seeds/) from the lines in Samples/.

One file per distinct line shape (the sendmail keys a line carries), a few files holding
every line of one message (so the correlator starts from real message flows), a few
RFC 3339 lines, and a few hostile variants. Run from the package root; the output is
committed, so this only needs running again when Samples/ changes.
"""
import gzip, os, re, hashlib

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
samples = os.path.join(root, "Samples")
out = os.path.join(root, "Fuzz", "corpus", "seeds")
os.makedirs(out, exist_ok=True)

def read(name):
    path = os.path.join(samples, name)
    opener = gzip.open if name.endswith(".gz") else open
    with opener(path, "rb") as f:
        return f.read().splitlines()

lines = read("maillog.3.gz") + read("maillog.2.gz") + read("maillog.1") + read("maillog")
rfc3339 = read("rfc3339/maillog.gz")

def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)

qid = re.compile(rb"^[0-9A-Za-z]{14}(\[\d+\])?: ")
def shape(line):
    message = line.split(b": ", 1)[1] if b": " in line else line
    message = qid.sub(b"Q: ", message)
    keys = re.findall(rb"([a-z_]+)=", message)
    if keys:
        return message[:2] + b"|" + b",".join(sorted(set(keys)))
    return re.sub(rb"[0-9]+", b"0", message)[:24]

seen = set()
shapes = []
for line in lines:
    key = shape(line)
    if key not in seen:
        seen.add(key)
        shapes.append(line)
for i, line in enumerate(shapes[:28]):
    write("shape-%02d" % i, line + b"\n")

# Every line of a few messages (by queue id), including their notices.
ids = [b"6AUFnUhL001596", b"6AUFnWhK001601"]
by_id = {}
for line in lines:
    m = re.search(rb": ([0-9A-Za-z]{14}): ", line)
    if m:
        by_id.setdefault(m.group(1), []).append(line)
chosen = []
for q, group in by_id.items():
    text = b"\n".join(group)
    if b"stat=Deferred" in text and len(chosen) < 3:
        chosen.append(q)
    elif b"DSN:" in text and len(chosen) < 5:
        chosen.append(q)
    elif b"Message accepted" in text and len(chosen) < 7:
        chosen.append(q)
for i, q in enumerate(ids + chosen):
    group = by_id.get(q, [])
    if group:
        write("message-%02d" % i, b"\n".join(group[:20]) + b"\n")

for i, line in enumerate(rfc3339[100:103]):
    write("rfc3339-%02d" % i, line + b"\n")

# Hostile variants of a real delivery line.
base = next(l for l in lines if b" to=<" in l and b"stat=Sent" in l)
write("hostile-crlf", base + b"\r\n" + base + b"\r\n")
write("hostile-nul", base.replace(b"to=<", b"to=<\x00", 1) + b"\n")
write("hostile-utf8", base.replace(b"to=<", b"to=<\xff\xfe\xc3(", 1) + b"\n")
write("hostile-escape", base.replace(b"to=<", b"to=<\x1b[2J=cmd|' /C calc'!A0", 1) + b"\n")
write("hostile-split", b"Nov 30 15:50:00 vm sendmail[1]: 6AUFnUhL001596[2]: to=<a@b>, stat=Sent\n")
