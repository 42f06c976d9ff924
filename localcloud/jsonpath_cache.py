"""Parses each JSONPath of a state machine once: moto's interpreter calls jsonpath_ng's
`parse` on every evaluation of a path (InputPath, a `.$` parameter, a Choice variable,
ResultPath), and each call builds a new PLY parser, which inspects its grammar's source
files; a JSONPath loop of a few hundred states took seconds. A parsed path is a value that
`find` only reads, so the same object serves every evaluation of the same text."""
import functools


def install():
    """Puts a cache in front of the `parse` that moto's JSONPath evaluation uses."""
    from moto.stepfunctions.parser.asl.component.common.path import result_path
    from moto.stepfunctions.parser.asl.utils import json_path

    for module in (json_path, result_path):
        if not getattr(module.parse, "_caios_cached", False):
            cached = functools.lru_cache(maxsize=4096)(module.parse)
            cached._caios_cached = True
            module.parse = cached
