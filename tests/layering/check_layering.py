#!/usr/bin/env python3
"""Checks that the build enforces the compiler's layering (docs/architecture.md, "Layering").

Reads the layers CMake configured (tests/layering/layers.json in the build folder: each
layer's folder and the include directories it compiles with) and checks, for every layer:

1. it sees exactly the layers the pipeline allows (the table below): a link added against the
   pipeline in CMakeLists.txt fails here;
2. an #include of a header of any layer it must not see fails to compile (the preprocessor
   does not find it; `__has_include`, which looks headers up as `#include` does, asks for all
   of them in one run): a wrong-way include fails the build, not only this test;
3. an #include of one of its own headers compiles.

Usage: check_layering.py LAYERS_JSON CXX
"""
import json
import os
import subprocess
import sys
import tempfile

# What each layer may see besides itself: the pipeline source <- diag, ast <- parse <- modules
# <- check <- lower -> ir; the AWS target -> ir only; the driver -> everything it runs.
BASE = {"caios_base"}
SOURCE = BASE | {"caios_source"}
DIAG = SOURCE | {"caios_diag"}
AST = SOURCE | {"caios_ast"}
TYPES = BASE | {"caios_types"}
TARGET = BASE | {"caios_target"}
PARSE = DIAG | AST | {"caios_parse"}
MODULES = PARSE | {"caios_modules"}
CHECK = MODULES | TYPES | TARGET | {"caios_check"}
IR = SOURCE | TYPES | {"caios_ir"}
LOWER = CHECK | IR | {"caios_lower"}
AWS_COMMON = IR | {"caios_aws_common"}
AWS_ASL = AWS_COMMON | DIAG | {"caios_aws_asl"}
AWS_IAM = AWS_COMMON | DIAG | {"caios_aws_iam"}
AWS_LAMBDA = AWS_COMMON | DIAG | {"caios_aws_lambda"}
AWS_CLOUDFORMATION = AWS_ASL | AWS_IAM | AWS_LAMBDA | {"caios_aws_cloudformation"}
AWS = IR | DIAG | TARGET | {"caios_aws"}
ALLOWED = {
    "caios_base": set(),
    "caios_source": BASE,
    "caios_diag": SOURCE,
    "caios_ast": SOURCE,
    "caios_types": BASE,
    "caios_aws_models": BASE,
    # A target's limits, declared by the target and consulted by the check phase.
    "caios_target": BASE,
    "caios_parse": DIAG | AST,
    "caios_modules": PARSE,
    # `caios fmt` lays out what the parser accepts: source, diagnostics, AST and parser only.
    "caios_format": PARSE,
    # The checker types `aws.*` calls with AWS's service models.
    "caios_check": MODULES | TYPES | TARGET | {"caios_aws_models"},
    "caios_ir": SOURCE | TYPES,
    "caios_lower": CHECK | IR,
    "caios_aws_common": IR,
    "caios_aws_asl": AWS_COMMON | DIAG | {"caios_aws_models"},
    "caios_aws_iam": AWS_COMMON | DIAG | {"caios_aws_models"},
    "caios_aws_lambda": AWS_COMMON | DIAG,
    "caios_aws_cloudformation": AWS_ASL | AWS_IAM | AWS_LAMBDA,
    # The target's entry point links its parts privately: the driver sees only target.h.
    "caios_aws": AWS_CLOUDFORMATION | DIAG | TARGET,
    # Diagrams are drawn from the IR alone, for any target.
    "caios_graph": IR,
    "caios_driver": LOWER | AWS | {"caios_graph", "caios_format"},
}


def preprocess(cxx, includes, text, workdir, output=os.devnull):
    probe = os.path.join(workdir, "probe.cpp")
    with open(probe, "w") as f:
        f.write(text)
    args = [cxx, "-std=c++20", "-E", "-P", "-o", output, probe]
    args += [f"-I{d}" for d in includes]
    return subprocess.run(args, capture_output=True, text=True)


def reachable(cxx, includes, candidates, workdir):
    """Which of the headers an #include would find with these include directories: one run of
    the preprocessor asks `__has_include`, which looks a header up as `#include` does."""
    text = "".join(f'#if __has_include("{h}")\nreachable {i}\n#endif\n'
                   for i, h in enumerate(candidates))
    listing = os.path.join(workdir, "reachable.txt")
    result = preprocess(cxx, includes, text, workdir, listing)
    if result.returncode != 0:
        raise RuntimeError(f"the preprocessor failed on the probe:\n{result.stderr[-2000:]}")
    with open(listing) as f:
        found = {int(line.split()[1]) for line in f if line.startswith("reachable ")}
    return [h for i, h in enumerate(candidates) if i in found]


def main():
    layers_json, cxx = sys.argv[1], sys.argv[2]
    with open(layers_json) as f:
        layers = json.load(f)
    roots = {}  # include root → layer
    headers = {}  # layer → one of its headers
    for name, layer in layers.items():
        roots[layer["root"]] = name
        folder = os.path.join(layer["root"], layer["folder"])
        own = sorted(h for h in os.listdir(folder) if h.endswith(".h"))
        if own:
            headers[name] = f'{layer["folder"]}/{own[0]}'
    failures = []
    missing = set(ALLOWED) ^ set(layers)
    if missing:
        failures.append(f"layers in CMake and in this test's table differ: {sorted(missing)}")
    with tempfile.TemporaryDirectory() as workdir:
        for name, layer in sorted(layers.items()):
            includes = [d for d in layer["includes"].split(";") if d]
            sees = {roots[d] for d in includes if d in roots} - {name}
            allowed = ALLOWED.get(name, set())
            if sees != allowed:
                extra, lacking = sorted(sees - allowed), sorted(allowed - sees)
                failures.append(f"{name} sees {extra or 'nothing'} beyond the pipeline and "
                                f"lacks {lacking or 'nothing'} (tests/layering/check_layering.py)")
            forbidden = {header: other for other, header in sorted(headers.items())
                         if other != name and other not in sees}
            # The layer's own header goes into the same probe, which must find it: a probe
            # that finds nothing would otherwise pass every layer.
            own = [headers[name]] if name in headers else []
            found = reachable(cxx, includes, own + sorted(forbidden), workdir)
            if own and own[0] not in found:
                failures.append(f"{name}: __has_include does not find its own {own[0]}")
            for header in found:
                if header in forbidden:
                    failures.append(f"{name} can include {header} of {forbidden[header]}, "
                                    "against the pipeline")
            if name in headers:
                result = preprocess(cxx, includes, f'#include "{headers[name]}"\n', workdir)
                if result.returncode != 0:
                    failures.append(f"{name} cannot include its own {headers[name]}:\n"
                                    f"{result.stderr[-2000:]}")
    for failure in failures:
        print("layering:", failure)
    print(f"layering: {len(layers)} layers checked, {len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
