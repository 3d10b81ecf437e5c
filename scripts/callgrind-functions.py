#!/usr/bin/env python3
"""callgrind-functions.py BINARY OUT... — the functions of BINARY that ran in callgrind profiles OUT...

One symbol name per line: those that ran in every profile first, then in fewer and fewer; within a group,
the most instructions first. scripts/startup-order.sh feeds this to lld as the start-up order.
"""
import collections
import re
import sys

LINE = re.compile(r"^(ob|cob|fn|cfn)=\((\d+)\)(?: (.*))?$")


def functions_of(binary, path):
    """{symbol: instructions} for the functions of `binary` that ran in one callgrind profile."""
    objects, names = {}, {}
    current_object = current_function = None
    after_calls = False
    cost = collections.Counter()
    with open(path, errors="replace") as profile:
        for line in profile:
            match = LINE.match(line.rstrip("\n"))
            if match:
                kind, ident, name = match.groups()
                if kind in ("ob", "cob"):
                    if name is not None:
                        objects[ident] = name
                    if kind == "ob":
                        current_object = objects.get(ident)
                else:
                    if name is not None:
                        names[ident] = name
                    if kind == "fn":
                        current_function = names[ident]
                        if current_object == binary:
                            cost[current_function] += 0
                continue
            if line.startswith("calls="):
                after_calls = True  # the next cost line is the call's inclusive cost, not this function's
                continue
            if line[:1].isdigit() or line[:1] in "+-*":
                if after_calls:
                    after_calls = False
                elif current_object == binary and current_function:
                    fields = line.split()
                    if len(fields) > 1:
                        cost[current_function] += int(fields[1])
    return cost


def main():
    binary, paths = sys.argv[1], sys.argv[2:]
    runs = collections.Counter()
    total = collections.Counter()
    for path in paths:
        for name, instructions in functions_of(binary, path).items():
            runs[name] += 1
            total[name] += instructions
    for name in sorted(total, key=lambda n: (-runs[n], -total[n], n)):
        print(name)


if __name__ == "__main__":
    main()
