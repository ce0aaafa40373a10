#!/usr/bin/env python3
"""Checks that Package.swift says what the code uses: every module a target imports is the
toolchain's, one of the target's declared dependencies (a target of this package or a product
of a declared package), or a module reached through a declared product on purpose (listed below
with the reason). Run from the package root; prints each undeclared import and exits 1."""
import json
import pathlib
import re
import subprocess
import sys

TOOLCHAIN = {"Foundation", "FoundationEssentials", "Dispatch", "Glibc", "Musl", "Darwin", "Testing", "XCTest",
             "Synchronization", "_Concurrency", "PackageDescription"}
# Modules that are not products of their package, reached through a declared product.
THROUGH = {
    # sqlite-nio's bundled SQLite (C). TandemSQLite calls its API directly; it is reached through
    # the SQLiteNIO product, pinned to a minor version in Package.swift (it was named CSQLite before).
    "VaporCSQLite": "SQLiteNIO",
}

package = json.loads(subprocess.run(["swift", "package", "dump-package"], check=True, capture_output=True, text=True).stdout)
problems = []
for target in package["targets"]:
    declared = set()
    for dependency in target["dependencies"]:
        for kind in ("byName", "target", "product"):
            if kind in dependency:
                declared.add(dependency[kind][0])
    folder = pathlib.Path(target.get("path") or ("Tests" if target["type"] == "test" else "Sources") + "/" + target["name"])
    imported = {}
    for file in sorted(folder.rglob("*.swift")):
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            match = re.match(r"^\s*(?:@testable\s+|@_exported\s+)?(?:public\s+|package\s+|internal\s+)?import\s+(?:struct\s+|class\s+|enum\s+|func\s+)?(\w+)", line)
            if match:
                imported.setdefault(match.group(1), f"{file}:{number}")
    for module, where in sorted(imported.items()):
        if module in TOOLCHAIN or module in declared or THROUGH.get(module) in declared:
            continue
        problems.append(f"{where}: {target['name']} imports {module}, which Package.swift does not declare for it")
    unused = sorted(name for name in declared if name not in imported and name not in THROUGH.values())
    for name in unused:
        problems.append(f"{folder}: {target['name']} declares {name} but imports it nowhere")

print("\n".join(problems) if problems else f"imports: every target's imports are declared ({len(package['targets'])} targets)")
sys.exit(1 if problems else 0)
