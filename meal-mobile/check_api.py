#!/usr/bin/env python3
"""Checks the generated bindings against each other and against the Kotlin tests.

    python3 meal-mobile/check_api.py <bindings dir> <kotlin sources…>

The generated Kotlin file is the list of the API (uniffi writes one `XInterface` per object with
every method, a companion `fun` per named constructor, a `data class` per record, an `enum
class` or `sealed class` per enum, and one top-level `fun` per exported function). This script
checks that
  1. the Swift file declares every one of them (`XProtocol` with the same methods, `static func`
     constructors, `struct`, `enum`, top-level `func`) — Swift is generated in CI but cannot be
     compiled here without a Swift toolchain, so this is what proves it carries the whole API;
  2. the Kotlin sources given (the JVM tests and the example app) call every function,
     constructor and method at least once.
Prints what is missing and exits 1 when anything is. Standard library only.
"""

import pathlib
import re
import sys

KOTLIN_FUN = re.compile(r"\bfun `(\w+)`\(")


def blocks(text, opener, spans=None):
    """{name: body} of every block whose opening matches `opener` (a regex with one group, ending
    at the block's `{`); the blocks' (start, end) offsets are appended to `spans` if given."""
    found = {}
    for match in re.finditer(opener, text, re.M):
        depth, index = 0, match.end() - 1
        while index < len(text):
            if text[index] == "{":
                depth += 1
            elif text[index] == "}":
                depth -= 1
                if depth == 0:
                    break
            index += 1
        found[match.group(1)] = text[match.end():index]
        if spans is not None:
            spans.append((match.start(), index))
    return found


def kotlin_api(kotlin):
    spans = []
    objects = {name: set(KOTLIN_FUN.findall(body))
               for name, body in blocks(kotlin, r"^public interface (\w+)Interface \{", spans).items()}
    constructors = {}
    for name, body in blocks(kotlin, r"^open class (\w+): Disposable, AutoCloseable, \w+Interface\b[^{]*\{", spans).items():
        companion = blocks(body, r"^\s*(companion) object \{")
        named = set(KOTLIN_FUN.findall(next(iter(companion.values()), "")))
        primary = bool(re.search(r"^\s*constructor\((?!pointer: Pointer|noPointer: NoPointer)", body, re.M))
        constructors[name] = (named, primary)
    records = set(re.findall(r"^data class (\w+) ?\(", kotlin, re.M))
    enums = set(re.findall(r"^(?:enum|sealed) class (\w+)\b", kotlin, re.M))
    # Exported functions are the `fun`s outside every object's interface and class.
    functions = {m.group(1) for m in KOTLIN_FUN.finditer(kotlin)
                 if not any(start <= m.start() <= end for start, end in spans)}
    return objects, constructors, records, enums, functions


def swift_missing(swift, objects, constructors, records, enums, functions):
    missing = []
    protocols = blocks(swift, r"^public protocol (\w+)Protocol\b[^{]*\{")
    classes = blocks(swift, r"^open class (\w+)\b[^{]*\{")
    for name, methods in sorted(objects.items()):
        if name not in protocols or name not in classes:
            missing.append(f"object {name}")
            continue
        declared = set(re.findall(r"\bfunc `?(\w+)`?\(", protocols[name]))
        missing += [f"method {name}.{m}" for m in sorted(methods - declared)]
        named, primary = constructors.get(name, (set(), False))
        statics = set(re.findall(r"\bpublic static func `?(\w+)`?\(", classes[name]))
        missing += [f"constructor {name}.{c}" for c in sorted(named - statics)]
        if primary and "public convenience init(" not in classes[name]:
            missing.append(f"constructor {name}()")
    for name in sorted(records):
        if not re.search(rf"^public struct {name}\b", swift, re.M):
            missing.append(f"record {name}")
    for name in sorted(enums):
        swift_name = re.sub(r"Exception$", "Error", name)
        if not re.search(rf"^public enum {swift_name}\b", swift, re.M):
            missing.append(f"enum {name} (Swift {swift_name})")
    for name in sorted(functions):
        if not re.search(rf"^public func `?{name}`?\(", swift, re.M):
            missing.append(f"function {name}")
    return missing


def untested(sources, objects, constructors, functions):
    called = set(re.findall(r"\b(\w+)\s*\(", sources))
    missing = [f"function {f}" for f in sorted(functions - called)]
    for name, methods in sorted(objects.items()):
        named, primary = constructors.get(name, (set(), False))
        missing += [f"{name}.{m}" for m in sorted((methods | named) - called)]
        if primary and not re.search(rf"\b{name}\(", sources):
            missing.append(f"{name}(…) constructor")
    return missing


def main():
    bindings = pathlib.Path(sys.argv[1])
    kotlin = (bindings / "org/meal/mobile/meal_mobile.kt").read_text(encoding="utf-8")
    swift = (bindings / "MealMobile.swift").read_text(encoding="utf-8")
    sources = "\n".join(pathlib.Path(p).read_text(encoding="utf-8") for p in sys.argv[2:])
    objects, constructors, records, enums, functions = kotlin_api(kotlin)
    size = sum(len(m) for m in objects.values()) + len(functions)
    if not objects or not functions:
        sys.exit("check_api: no API found in the Kotlin file (did the generator's layout change?)")
    problems = [f"Swift lacks {m}" for m in swift_missing(swift, objects, constructors, records, enums, functions)]
    problems += [f"no Kotlin test calls {m}" for m in untested(sources, objects, constructors, functions)]
    for problem in problems:
        print(problem)
    print(f"check_api: {len(objects)} objects, {size} functions and methods, {len(records)} records, "
          f"{len(enums)} enums; {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
