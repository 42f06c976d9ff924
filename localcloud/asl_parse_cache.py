"""Parses each state machine definition once: moto's Step Functions backend runs ANTLR's
Python parser over a definition when the state machine is created (to validate it) and again
for every execution, and `caios test` deploys the same definitions for every test; the
parsing was a third of a test's time (docs/performance.md, "caios test"). The parse tree is
kept per definition text and only read afterwards: each call still builds fresh evaluation
components from it with moto's own preprocessor, so no execution shares state with another."""
import threading


def install():
    """Puts a cache of parse trees in front of AmazonStateLanguageParser.parse."""
    from antlr4 import CommonTokenStream, InputStream

    from moto.stepfunctions.parser.asl.antlr.runtime.ASLLexer import ASLLexer
    from moto.stepfunctions.parser.asl.antlr.runtime.ASLParser import ASLParser
    from moto.stepfunctions.parser.asl.parse import asl_parser
    from moto.stepfunctions.parser.asl.parse.preprocessor import Preprocessor

    cls = asl_parser.AmazonStateLanguageParser
    if getattr(cls, "_caios_cached", False):
        return
    trees = {}
    lock = threading.Lock()

    def parse(definition):
        with lock:
            tree = trees.get(definition)
        if tree is None:
            # moto's own steps (asl_parser.AmazonStateLanguageParser.parse): a definition with
            # syntax errors raises as before and is not kept.
            listener = asl_parser.SyntaxErrorListener()
            parser = ASLParser(CommonTokenStream(ASLLexer(InputStream(definition))))
            parser.removeErrorListeners()
            parser.addErrorListener(listener)
            tree = parser.state_machine()
            if listener.errors:
                raise asl_parser.ASLParserException(errors=listener.errors)
            with lock:
                trees[definition] = tree
        return Preprocessor().visit(tree), tree

    cls.parse = staticmethod(parse)
    cls._caios_cached = True
