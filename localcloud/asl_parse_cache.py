"""Parses each state machine definition once: moto's Step Functions backend runs ANTLR's
Python parser over a definition when the state machine is created (to validate it) and again
for every execution, and `caios test` deploys the same definitions for every test; the
parsing was a third of a test's time (docs/performance.md, "caios test"). The parse tree is
kept per definition text and only read afterwards: each call still builds fresh evaluation
components from it with moto's own preprocessor, so no execution shares state with another."""
import threading


def install():
    """Puts a cache of parse trees in front of AmazonStateLanguageParser.parse."""
    from moto.stepfunctions.parser.asl.parse import asl_parser
    from moto.stepfunctions.parser.asl.parse.preprocessor import Preprocessor

    cls = asl_parser.AmazonStateLanguageParser
    if getattr(cls, "_caios_cached", False):
        return
    original_parse = cls.parse
    trees = {}
    lock = threading.Lock()

    def parse(definition):
        with lock:
            tree = trees.get(definition)
        if tree is not None:
            return Preprocessor().visit(tree), tree  # the per-execution components
        # moto's own parse: a definition with syntax errors raises as before and is not kept.
        program, tree = original_parse(definition)
        with lock:
            trees[definition] = tree
        return program, tree

    cls.parse = staticmethod(parse)
    cls._caios_cached = True
