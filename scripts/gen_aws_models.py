#!/usr/bin/env python3
"""Generates compiler/aws_models/aws_models.txt, the AWS service table the compiler embeds.

Reads botocore's service models (data/<service>/<version>/service-2.json.gz, the newest version
of each service) and writes, per service, the operations with their input and output shapes and
only the shapes those reach. Usage (docs/architecture.md, "AWS service models"):

    python3 scripts/gen_aws_models.py compiler/aws_models/aws_models.txt

The format (read by compiler/aws_models/aws_models.cpp):

    caios-aws-models 1 botocore <version>
    S <name> <aliases> <iam prefix> <body bytes>   one line per service, sorted by name
    <bodies, in the same order>

`name` is how Step Functions' `aws-sdk:` integration spells the service (the model's serviceId
in lower case, without spaces, hyphens and a trailing "Service", as the AWS SDK for Java 2.x
names its clients); `aliases` are other names that mean the service, comma-separated (`-` for
none): botocore's name without hyphens when it differs, and EXTRA_ALIASES.
A body has one line per operation, then one per shape (shape i is the i-th shape line):

    O<Operation> <input ref> <output ref>
    R<ShapeName> <Member>:<ref>[!] ...            a structure; `!` marks a required member;
                                                   the name is `-` for one no output reaches
    L<ref>                                         a list
    M<ref>                                         a map from strings to <ref>

A ref is a shape index, or a letter for a scalar: s string, i integer, n number, b boolean,
t timestamp, x blob, j any JSON (documents, event streams), `-` for none.
"""

import gzip
import json
import os
import sys

try:
    import botocore
except ImportError:  # the CTest test skips (exit 77) without botocore
    sys.stderr.write("botocore is not installed (pip install botocore)\n")
    sys.exit(77)

# IAM prefixes that the models cannot give: the signing name differs from the prefix the IAM
# service authorization reference uses for the actions (docs/iam.md).
IAM_PREFIX_EXCEPTIONS = {
    "iotdataplane": "iot",  # signs as iotdata
    "resourcegroupstaggingapi": "tag",  # signs as tagging
}

# Names Step Functions still accepts for a service whose model botocore now ships under
# another serviceId: CloudWatch Events is EventBridge's former name (same API).
EXTRA_ALIASES = {"eventbridge": ["cloudwatchevents"]}

SCALARS = {
    "string": "s",
    "character": "s",
    "integer": "i",
    "long": "i",
    "short": "i",
    "byte": "i",
    "bigInteger": "i",
    "float": "n",
    "double": "n",
    "bigDecimal": "n",
    "boolean": "b",
    "timestamp": "t",
    "blob": "x",
}


def sfn_name(service_id):
    """The Step Functions `aws-sdk:` spelling of a serviceId."""
    name = service_id
    if name.endswith(" Service"):
        name = name[: -len(" Service")]
    return name.lower().replace(" ", "").replace("-", "")


def member_name(name):
    """Step Functions spells parameters in PascalCase, and `Equals` as `EqualsValue`."""
    name = name[:1].upper() + name[1:]
    return "EqualsValue" if name == "Equals" else name


def newest_model(service_dir):
    versions = sorted(
        v for v in os.listdir(service_dir) if os.path.isdir(os.path.join(service_dir, v))
    )
    for version in reversed(versions):
        path = os.path.join(service_dir, version, "service-2.json.gz")
        if os.path.exists(path):
            return path
    return None


def service_body(model):
    shapes = model["shapes"]
    index = {}  # shape name -> index
    order = []  # shape names, in index order
    lines = []

    def ref(name):
        shape = shapes[name]
        kind = shape["type"]
        if shape.get("document") or shape.get("eventstream") or shape.get("streaming") and kind != "blob":
            return "j"
        if kind in SCALARS:
            return SCALARS[kind]
        if name not in index:
            index[name] = len(order)
            order.append(name)
        return str(index[name])

    # Structure names become the names of result types; input-only ones are never shown.
    named = set()
    stack = [op["output"]["shape"] for op in model["operations"].values() if "output" in op]
    while stack:
        name = stack.pop()
        if name in named:
            continue
        named.add(name)
        shape = shapes[name]
        if shape["type"] == "structure":
            stack.extend(m["shape"] for m in shape.get("members", {}).values())
        elif shape["type"] == "list":
            stack.append(shape["member"]["shape"])
        elif shape["type"] == "map":
            stack.append(shape["value"]["shape"])

    op_lines = []
    for op_name in sorted(model["operations"]):
        op = model["operations"][op_name]
        in_ref = ref(op["input"]["shape"]) if "input" in op else "-"
        out_ref = ref(op["output"]["shape"]) if "output" in op else "-"
        op_lines.append(f"O{op_name} {in_ref} {out_ref}")
    # Shapes are numbered as they are first reached, so the loop sees new ones appended.
    i = 0
    while i < len(order):
        name = order[i]
        shape = shapes[name]
        kind = shape["type"]
        if kind == "structure":
            required = set(shape.get("required", []))
            parts = [f"R{name if name in named else '-'}"]
            for m, spec in shape.get("members", {}).items():
                parts.append(f"{member_name(m)}:{ref(spec['shape'])}{'!' if m in required else ''}")
            lines.append(" ".join(parts))
        elif kind == "list":
            lines.append(f"L{ref(shape['member']['shape'])}")
        elif kind == "map":
            lines.append(f"M{ref(shape['value']['shape'])}")
        else:
            raise SystemExit(f"unexpected shape type {kind} of {name}")
        i += 1
    return "\n".join(op_lines + lines) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: gen_aws_models.py OUTPUT\n")
        return 2
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    services = {}
    for dir_name in sorted(os.listdir(data)):
        path = os.path.join(data, dir_name)
        if not os.path.isdir(path):
            continue
        model_path = newest_model(path)
        if model_path is None:
            continue
        with gzip.open(model_path, "rt", encoding="utf-8") as f:
            model = json.load(f)
        meta = model["metadata"]
        name = sfn_name(meta["serviceId"])
        alias = dir_name.replace("-", "")
        if name in services:
            # Two models for one serviceId (a legacy copy): keep the one botocore names alike.
            if alias != name:
                continue
        signing = meta.get("signingName", meta["endpointPrefix"])
        prefix = IAM_PREFIX_EXCEPTIONS.get(name, signing)
        services[name] = (alias if alias != name else "-", prefix, service_body(model))
    names = set(services)
    header = [f"caios-aws-models 1 botocore {botocore.__version__}"]
    bodies = []
    for name in sorted(services):
        alias, prefix, body = services[name]
        aliases = [a for a in [alias] + EXTRA_ALIASES.get(name, []) if a != "-"]
        # An alias may never hide another service's name.
        aliases = ",".join(a for a in aliases if a not in names) or "-"
        header.append(f"S {name} {aliases} {prefix} {len(body.encode())}")
        bodies.append(body)
    with open(sys.argv[1], "w", encoding="utf-8", newline="\n") as out:
        out.write("\n".join(header) + "\n" + "".join(bodies))
    return 0


if __name__ == "__main__":
    sys.exit(main())
