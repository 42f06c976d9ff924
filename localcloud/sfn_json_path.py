"""JSONPath paths in the local cloud as Step Functions reads them. See docs/testing.md.

moto 5.2.1 gives a path that goes through an array index and on into a field
(`$.tmp.v[0].LanguageCode`) as a one-element array (`["en"]`), because the match's parent is an
array element; Step Functions gives a definite path's value itself (`"en"`), and an array only
for paths that can match several values (`[*]`, slices, filters, `..`). The local cloud unpacks
the single match of a definite path, as moto already does for a path that ends in `[n]`.

moto also gives an empty array for a path that matches nothing only when it has a wildcard or a
slice; a filter (`$.lines[?(@.ok == false)].sku`) or a recursive descent that matches nothing
failed the state with States.Runtime. Step Functions gives an empty array for every path that can
match several values (docs/language.md, section 17), and so does the local cloud.
"""
import re

# A path that can match several values: a wildcard, recursive descent, a filter, a slice or a
# union inside brackets.
_INDEFINITE = re.compile(r"\*|\.\.|\?|\[[^\]]*[:,][^\]]*\]")


def install():
    """Makes moto unpack the single value of a definite path."""
    from moto.stepfunctions.parser.asl.utils import json_path

    if getattr(json_path, "_caios_definite", False):
        return
    original = json_path._is_singleton_array_access

    def singleton(path):
        return original(path) or not _INDEFINITE.search(path)

    json_path._is_singleton_array_access = singleton
    many = json_path._contains_slice_or_wildcard_array

    def indefinite(path):
        return many(path) or bool(_INDEFINITE.search(path))

    json_path._contains_slice_or_wildcard_array = indefinite
    json_path._caios_definite = True
