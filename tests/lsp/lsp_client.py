#!/usr/bin/env python3
"""A scripted LSP client for `caios lsp` (docs/editors.md).

Usage:
  lsp_client.py CAIOS REPO_ROOT session     initialize, diagnostics, symbols, definition,
                                            hover, formatting on samples/checkout, shutdown/exit
  lsp_client.py CAIOS REPO_ROOT malformed   garbage headers, truncated bodies, invalid JSON
  lsp_client.py CAIOS REPO_ROOT references  references and highlights across files and scopes
  lsp_client.py CAIOS REPO_ROOT rename      rename edits (applied, then `caios check`), refusals
  lsp_client.py CAIOS REPO_ROOT code_actions
                                            quick fixes from fix-its, applied and checked
  lsp_client.py CAIOS REPO_ROOT folding_symbols
                                            folding ranges and workspace symbols
  lsp_client.py CAIOS REPO_ROOT half_typed  every navigation request on half-typed files
  lsp_client.py CAIOS REPO_ROOT nav_latency FILE [RUNS]
                                            time the navigation requests on FILE (a generated
                                            program: its first flow's type and `let total`,
                                            renames of its first flow and table)
  lsp_client.py CAIOS REPO_ROOT hover       doc comments, expression types, a flow's and a step's
                                            states and a resource's IAM, against `caios build`
  lsp_client.py CAIOS REPO_ROOT samples     every request on every file of every sample
  lsp_client.py CAIOS REPO_ROOT scheduling  a burst of changes with a request: the request first,
                                            then one set of diagnostics for the last text
  lsp_client.py CAIOS REPO_ROOT latency FILE [RUNS]
                                            time didChange -> a hover's answer and -> publishDiagnostics
  lsp_client.py CAIOS REPO_ROOT completion  completion on half-typed text of a scratch project
  lsp_client.py CAIOS REPO_ROOT signature_help
                                            signature help inside calls
  lsp_client.py CAIOS REPO_ROOT semantic_tokens
                                            the exact semantic tokens of a small file
  lsp_client.py CAIOS REPO_ROOT completion_latency FILE [RUNS]
                                            time a completion request after an edit of FILE,
                                            and semantic tokens of FILE
"""
import json
import os
import pathlib
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

TIMEOUT = 60


def uri_of(path):
    return "file://" + urllib.parse.quote(str(path))


def utf16_column(line, index):
    """The UTF-16 code units before the index-th code point of `line`."""
    return len(line[:index].encode("utf-16-le")) // 2


class Client:
    def __init__(self, caios, root):
        env = dict(os.environ, CAIOS_STDLIB=str(pathlib.Path(root) / "stdlib"))
        self.proc = subprocess.Popen([caios, "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.next_id = 0
        self.pending = []  # notifications received while waiting for a response
        self.buffer = b""

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read_exact(self, n, deadline):
        fd = self.proc.stdout.fileno()
        while len(self.buffer) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError("timed out waiting for the server")
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 1 << 16)
                if not chunk:
                    raise AssertionError("the server closed its output")
                self.buffer += chunk
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def read_message(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            header += self._read_exact(1, deadline)
        length = None
        for line in header.decode().split("\r\n"):
            if line.lower().startswith("content-length:"):
                length = int(line.split(":", 1)[1])
        assert length is not None, header
        return json.loads(self._read_exact(length, deadline))

    def request(self, method, params=None):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                   "params": params if params is not None else {}})
        while True:
            message = self.read_message()
            if message.get("id") == self.next_id and "method" not in message:
                return message
            self.pending.append(message)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics_for(self, uri, timeout=TIMEOUT):
        """The next publishDiagnostics for `uri` (earlier ones for other files are kept)."""
        for i, message in enumerate(self.pending):
            if message.get("method") == "textDocument/publishDiagnostics" and \
                    message["params"]["uri"] == uri:
                del self.pending[i]
                return message["params"]["diagnostics"]
        while True:
            message = self.read_message(timeout)
            if message.get("method") == "textDocument/publishDiagnostics" and \
                    message["params"]["uri"] == uri:
                return message["params"]["diagnostics"]
            self.pending.append(message)

    def finish(self):
        """shutdown then exit: the server must exit with 0."""
        response = self.request("shutdown")
        assert response.get("result", "missing") is None, response
        self.notify("exit", None)
        self.proc.stdin.close()
        code = self.proc.wait(timeout=TIMEOUT)
        assert code == 0, (code, self.proc.stderr.read())


def check(condition, what):
    if not condition:
        raise AssertionError(what)
    print("ok:", what)


def session(caios, root):
    sample = pathlib.Path(root, "samples", "checkout").resolve()
    main_path, types_path = sample / "main.caios", sample / "types.caios"
    # The client's spelling of a URI is kept in what the server sends back (here an escaped
    # dot, as some clients escape characters that need none).
    main_uri, types_uri = uri_of(main_path).replace(".caios", "%2Ecaios"), uri_of(types_path)
    original = main_path.read_text()
    types_text = types_path.read_text()
    c = Client(caios, root)

    init = c.request("initialize", {"processId": None, "rootUri": uri_of(sample),
                                    "capabilities": {}})
    caps = init["result"]["capabilities"]
    check(caps["textDocumentSync"]["change"] == 1 and caps["hoverProvider"] and
          caps["definitionProvider"] and caps["documentSymbolProvider"] and
          caps["documentFormattingProvider"], "initialize announces the capabilities")
    c.notify("initialized", {})

    # An unknown name on a line with non-ASCII text before it: the column is in UTF-16 units.
    old = 'fail EmptyOrder("order ${order.id} has no items")'
    new = 'fail EmptyOrder("ördér 😀 ${ordr.id} has no items")'
    assert old in original
    broken = original.replace(old, new)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": main_uri, "languageId": "caios", "version": 1, "text": broken}})
    diagnostics = c.diagnostics_for(main_uri)
    check(len(diagnostics) == 1, f"one diagnostic for the unknown name: {diagnostics}")
    d = diagnostics[0]
    lines = broken.split("\n")
    line_no = next(i for i, line in enumerate(lines) if "ordr.id" in line)
    column = utf16_column(lines[line_no], lines[line_no].index("ordr"))
    check(d["code"] == "E0211" and d["severity"] == 1 and "ordr" in d["message"],
          f"the diagnostic is E0211 about `ordr`: {d}")
    check(d["range"] == {"start": {"line": line_no, "character": column},
                         "end": {"line": line_no, "character": column + 4}},
          f"its range is line {line_no}, UTF-16 characters {column}-{column + 4}")

    # A secondary place of a diagnostic is a related location.
    twice = original.replace("table Inventory { key sku: string }\n",
                             "table Inventory { key sku: string }\n" * 2)
    c.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 2},
                                        "contentChanges": [{"text": twice}]})
    diagnostics = c.diagnostics_for(main_uri)
    first = next(i for i, line in enumerate(twice.split("\n")) if line.startswith("table Inv"))
    check(len(diagnostics) == 1 and diagnostics[0]["code"] == "E0210" and
          diagnostics[0]["range"]["start"] == {"line": first + 1, "character": 6} and
          diagnostics[0]["relatedInformation"] == [{
              "location": {"uri": main_uri, "range": {
                  "start": {"line": first, "character": 6},
                  "end": {"line": first, "character": 15}}},
              "message": "`Inventory` is first declared here"}],
          f"a duplicate declaration points at the first one: {diagnostics}")

    # The fix clears the file's diagnostics.
    c.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 2},
                                        "contentChanges": [{"text": original}]})
    check(c.diagnostics_for(main_uri) == [], "the fixed file's diagnostics are cleared")

    # An unsaved edit of an imported file is seen by its importer.
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": types_uri, "languageId": "caios", "version": 1,
        "text": types_text.replace("  email: string\n", "")}})
    check(c.diagnostics_for(types_uri) == [], "the edited module itself is clean")
    across = c.diagnostics_for(main_uri)
    check(any("email" in x["message"] for x in across),
          f"the importer reports the field the unsaved module dropped: {across}")
    c.notify("textDocument/didChange", {"textDocument": {"uri": types_uri, "version": 2},
                                        "contentChanges": [{"text": types_text}]})
    c.diagnostics_for(types_uri)
    check(c.diagnostics_for(main_uri) == [], "restoring the module clears the importer")
    # Closing an edited module without saving: its importer is checked against the disk again.
    c.notify("textDocument/didChange", {"textDocument": {"uri": types_uri, "version": 3},
                                        "contentChanges": [{"text": types_text.replace(
                                            "  email: string\n", "")}]})
    c.diagnostics_for(types_uri)
    check(c.diagnostics_for(main_uri) != [], "the importer sees the module's edit again")
    c.notify("textDocument/didClose", {"textDocument": {"uri": types_uri}})
    check(c.diagnostics_for(types_uri) == [], "the closed module's diagnostics are cleared")
    check(c.diagnostics_for(main_uri) == [],
          "closing the unsaved module checks its importer against the file on disk")

    symbols = c.request("textDocument/documentSymbol",
                        {"textDocument": {"uri": main_uri}})["result"]
    names = {(s["name"], s["detail"]) for s in symbols}
    for expected in [("checkout", "app"), ("Orders", "table"), ("Fulfilment", "queue"),
                     ("PaymentsApi", "policy"), ("reserveInventory", "function"),
                     ("checkout", "flow"), ("Storefront", "api")]:
        check(expected in names, f"the outline has {expected}")
    flow = next(s for s in symbols if s["detail"] == "flow")
    flow_line = next(i for i, line in enumerate(original.split("\n"))
                     if line.startswith("flow checkout"))
    check(flow["selectionRange"]["start"] == {"line": flow_line, "character": 5} and
          flow["range"]["end"]["line"] > flow_line + 50, "the flow's ranges")

    lines = original.split("\n")

    def position_of(text, nth_in_line=0, path_lines=lines):
        line_no = next(i for i, line in enumerate(path_lines) if text in line)
        return {"line": line_no, "character": path_lines[line_no].index(text) + nth_in_line}

    def definition(position):
        return c.request("textDocument/definition", {"textDocument": {"uri": main_uri},
                                                     "position": position})["result"]

    use = position_of("reserveInventory(order) retry", 3)
    target = definition(use)
    decl = position_of("function reserveInventory", len("function "))
    check(target["uri"] == main_uri and target["range"]["start"] == decl,
          f"definition of a function call: {target}")
    target = definition(position_of("checkout(order: Order)", len("checkout(order: O")))
    types_lines = types_text.split("\n")
    check(target["uri"] == types_uri and
          target["range"]["start"] == position_of("type Order {", 5, types_lines),
          f"definition of a type across files: {target}")
    target = definition(position_of("len(order.items)", 5))
    check(target["uri"] == main_uri and
          target["range"]["start"] == position_of("checkout(order: Order)", len("checkout(")),
          f"definition of a parameter use: {target}")
    check(definition({"line": 0, "character": 3}) is None, "no definition in a comment")

    def hover(position):
        result = c.request("textDocument/hover", {"textDocument": {"uri": main_uri},
                                                  "position": position})["result"]
        return result and result["contents"]["value"]

    text = hover(position_of("flow checkout", 6))
    check(text and "flow checkout(order: Order) -> { id: string, status: string, trackingId: "
          "string } tracing" in text and "if len" not in text,
          f"hover on a flow's name is its signature: {text}")
    text = hover(position_of("table Inventory", 7))
    check(text and "table Inventory { key sku: string }" in text,
          f"hover on a table: {text}")
    text = hover(position_of("reservation.reservationId", 2))
    check(text and "(let) reservation: " in text, f"hover on a variable use: {text}")

    def formatting(text):
        c.notify("textDocument/didChange", {"textDocument": {"uri": main_uri, "version": 9},
                                            "contentChanges": [{"text": text}]})
        c.diagnostics_for(main_uri)
        return c.request("textDocument/formatting", {
            "textDocument": {"uri": main_uri},
            "options": {"tabSize": 2, "insertSpaces": True}})["result"]

    check(formatting(original) == [], "a formatted file needs no edit")
    messy = original.replace("table Inventory { key sku: string }",
                             "table   Inventory {key sku:string\n\n\n}")
    edits = formatting(messy)
    messy_lines = messy.split("\n")
    check(len(edits) == 1 and edits[0]["newText"] == original and
          edits[0]["range"] == {"start": {"line": 0, "character": 0},
                                "end": {"line": len(messy_lines) - 1,
                                        "character": len(messy_lines[-1])}},
          "formatting is one whole-document edit giving the canonical layout")
    check(formatting(original.replace("table Inventory {", "table Inventory {{")) == [],
          "a file with syntax errors is not formatted")

    unknown = c.request("textDocument/codeLens", {"textDocument": {"uri": main_uri},
                                                  "position": {"line": 0, "character": 0}})
    check(unknown.get("error", {}).get("code") == -32601, "an unknown request is MethodNotFound")
    c.notify("$/someNotification", {})
    c.notify("textDocument/didClose", {"textDocument": {"uri": main_uri}})
    check(c.diagnostics_for(main_uri) == [], "closing a file clears its diagnostics")
    c.finish()
    check(True, "shutdown then exit exits with 0")


def malformed(caios, root):
    c = Client(caios, root)
    # Garbage header blocks are dropped; the stream resynchronises on the next header block.
    c.send_raw(b"hello world\r\n\r\n")
    c.send_raw(b"Content-Length: abc\r\n\r\n")
    c.send_raw(b"Content-Length: -5\r\n\r\n")
    c.send_raw(b"X" * 100000 + b"\r\n\r\n")
    # A request before initialize.
    c.send({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}})
    check(c.read_message()["error"]["code"] == -32002, "a request before initialize is refused")
    # Invalid JSON with a valid frame: a ParseError response.
    body = b"{not json"
    c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    response = c.read_message()
    check(response["error"]["code"] == -32700 and response["id"] is None, "invalid JSON")
    body = b"[1, 2]"
    c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    check(c.read_message()["error"]["code"] == -32600, "a JSON array is an invalid request")
    # Nesting deeper than the limit is refused before parsing (copying it would recurse).
    body = b'{"jsonrpc":"2.0","id":3,"method":"x","params":' + b"[" * 300000 + \
        b"]" * 300000 + b"}"
    c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    check(c.read_message()["error"]["code"] == -32600, "deeply nested JSON is refused")
    body = b'{"jsonrpc":"2.0","id":4,"method":"x","params":{"s":"' + b"[" * 1000 + b'"}}'
    c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    check(c.read_message()["error"]["code"] == -32002, "brackets inside strings do not count")
    body = "{\"jsonrpc\": \"2.0\", \"id\": 7, \"method\": \"initialize\", \"params\": {}} ".encode()
    c.send_raw(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n"
               b"content-length: %d\r\n\r\n" % len(body) + body)
    check("capabilities" in c.read_message()["result"], "initialize after garbage")
    # Params of the wrong shapes are InvalidParams or ignored, never a crash.
    c.notify("textDocument/didOpen", {"textDocument": {"uri": 5, "text": []}})
    c.notify("textDocument/didOpen", {"textDocument": {"uri": "http://x/y.caios", "text": "x"}})
    c.notify("textDocument/didChange", [1, 2, 3])
    c.notify("textDocument/didOpen", "nonsense")
    response = c.request("textDocument/hover", {"textDocument": {"uri": "file:///nope.caios"},
                                                "position": {"line": -1, "character": "a"}})
    check(response["error"]["code"] == -32602, "hover on a document not open")
    bad_id = c.request("textDocument/definition", [])
    check(bad_id["error"]["code"] == -32602, "params of the wrong type")
    for method in NAVIGATION:
        for params in ([], "x", {"textDocument": {"uri": "file:///nope.caios"}},
                       {"textDocument": 7, "position": {"line": "a"}, "newName": 3,
                        "range": [], "query": 5, "context": "x"}):
            response = c.request(method, params)
            check("result" in response or response["error"]["code"] == -32602,
                  f"{method} with params {json.dumps(params)[:40]}")
    for method in ["textDocument/completion", "textDocument/signatureHelp",
                   "textDocument/semanticTokens/full"]:
        response = c.request(method, {"textDocument": {"uri": "file:///nope.caios"},
                                      "position": {"line": 0, "character": 0}})
        check(response["error"]["code"] == -32602, f"{method} on a document not open")
        response = c.request(method, "nonsense")
        check(response["error"]["code"] == -32602, f"{method} with params of the wrong type")
    # Every request on half-typed text answers (a result, never a crash).
    with tempfile.TemporaryDirectory() as folder:
        uri = uri_of(pathlib.Path(folder, "main.caios"))
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "caios", "version": 1,
            "text": "app a\nflow f(x: {a: [int]}) {\n  let y = x.\n"}})
        c.diagnostics_for(uri)
        for text in ["", "flow", "flow f(", "flow f() {\n  g(1, {a: ", "}}}))).(", "\"abc",
                     "/* open", "let x = aws.s3.", "flow f() { retry {", "type T = [",
                     "\u00e9\U0001F600.", "x" * 1000 + "." * 1000]:
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                                "contentChanges": [{"text": text}]})
            c.diagnostics_for(uri)
            lines = text.split("\n")
            for position in [{"line": 0, "character": 0},
                             {"line": len(lines) - 1, "character": len(lines[-1])},
                             {"line": 99, "character": 99}]:
                for method in ["textDocument/completion", "textDocument/signatureHelp"]:
                    response = c.request(method, {"textDocument": {"uri": uri},
                                                  "position": position})
                    assert "result" in response, (method, text, response)
            response = c.request("textDocument/semanticTokens/full",
                                 {"textDocument": {"uri": uri}})
            assert len(response["result"]["data"]) % 5 == 0, (text, response)
        check(True, "completion, signature help and semantic tokens answer on half-typed text")
    c.finish()
    check(True, "the server still shuts down cleanly")

    # A truncated body at the end of the stream: exit 1 (no `exit`), no crash, no hang.
    c = Client(caios, root)
    c.send_raw(b"Content-Length: 100\r\n\r\n{\"jsonrpc\":")
    c.proc.stdin.close()
    code = c.proc.wait(timeout=TIMEOUT)
    check(code == 1, f"a truncated body ends the session with exit code 1 (got {code})")

    # A message over the size limit is read past, not held.
    c = Client(caios, root)
    c.send_raw(b"Content-Length: 999999999999\r\n\r\n" + b"x" * 1000)
    c.proc.stdin.close()
    code = c.proc.wait(timeout=TIMEOUT)
    check(code == 1, f"an oversized message is dropped (exit code {code})")

    # `exit` without `shutdown` exits with 1.
    c = Client(caios, root)
    c.request("initialize", {"capabilities": {}})
    c.notify("exit", None)
    code = c.proc.wait(timeout=TIMEOUT)
    check(code == 1, "exit without shutdown exits with 1")


# ---- navigation and edits: references, highlights, rename, code actions, folding, symbols

def scratch_checkout(tmp, main_edit=None):
    """A copy of samples/checkout in `tmp` (optionally with main.caios edited), without its
    test file: the fixture is the application."""
    root = pathlib.Path(__file__).resolve().parents[2]
    project = pathlib.Path(tmp, "checkout").resolve()
    shutil.copytree(root / "samples" / "checkout", project,
                    ignore=shutil.ignore_patterns("*.test.caios"))
    if main_edit:
        main = project / "main.caios"
        main.write_text(main_edit(main.read_text()))
    return project


def open_files(c, *paths):
    for path in paths:
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri_of(path), "languageId": "caios", "version": 1,
            "text": path.read_text()}})
        c.diagnostics_for(uri_of(path))


def start(caios, root, *paths):
    c = Client(caios, root)
    caps = c.request("initialize", {"processId": None, "capabilities": {}})["result"]["capabilities"]
    assert caps["referencesProvider"] and caps["documentHighlightProvider"] and \
        caps["renameProvider"] == {"prepareProvider": True} and \
        caps["codeActionProvider"] == {"codeActionKinds": ["quickfix"]} and \
        caps["foldingRangeProvider"] and caps["workspaceSymbolProvider"], caps
    c.notify("initialized", {})
    open_files(c, *paths)
    return c


def word_ranges(text, word):
    """Ranges of `word` as a whole name (not after `.`), outside `//` comments."""
    ranges = []
    for line_no, line in enumerate(text.split("\n")):
        code = line.split("//")[0]
        for m in re.finditer(r"(?<![\w.])" + re.escape(word) + r"(?!\w)", code):
            ranges.append({"start": {"line": line_no, "character": utf16_column(line, m.start())},
                           "end": {"line": line_no, "character": utf16_column(line, m.end())}})
    return ranges


def nth_position(text, needle, nth=0, offset=0):
    """The position of the nth occurrence of `needle` in `text`, plus `offset` characters."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += offset
    line_no = text.count("\n", 0, at)
    line = text.split("\n")[line_no]
    column = at - (text.rfind("\n", 0, at) + 1)
    return {"line": line_no, "character": utf16_column(line, column)}


def locations(result):
    return sorted((x["uri"], x["range"]["start"]["line"], x["range"]["start"]["character"],
                   x["range"]["end"]["line"], x["range"]["end"]["character"]) for x in result)


def as_locations(uri, ranges):
    return sorted((uri, r["start"]["line"], r["start"]["character"], r["end"]["line"],
                   r["end"]["character"]) for r in ranges)


def references(caios, root):
    with tempfile.TemporaryDirectory() as tmp:
        project = scratch_checkout(tmp)
        main, types = project / "main.caios", project / "types.caios"
        main_text, types_text = main.read_text(), types.read_text()
        main_uri, types_uri = uri_of(main), uri_of(types)
        c = start(caios, root, main, types)

        def refs(uri, position, declaration=True):
            response = c.request("textDocument/references", {
                "textDocument": {"uri": uri}, "position": position,
                "context": {"includeDeclaration": declaration}})
            assert "result" in response, response
            return response["result"]

        # A type used in main.caios, declared in types.caios.
        at = nth_position(main_text, "order: Order", 0, len("order: Or"))
        expected = as_locations(main_uri, word_ranges(main_text, "Order"))
        declaration = as_locations(types_uri, word_ranges(types_text, "Order"))
        check(len(declaration) == 1 and len(expected) >= 5, "the fixture names Order often")
        got = locations(refs(main_uri, at))
        check(got == sorted(expected + declaration),
              f"references of a type across files, with its declaration: {got}")
        got = locations(refs(main_uri, at, declaration=False))
        check(got == expected, "without includeDeclaration the declaration is left out")
        got = locations(refs(types_uri, nth_position(types_text, "type Order", 0, 6)))
        check(got == sorted(expected + declaration), "the same from the declaration")

        # Two `catch as e` bindings are two variables: each finds only its own uses.
        inner = nth_position(main_text, "catch as e", 0, len("catch as "))
        got = locations(refs(main_uri, inner))
        check(got == sorted([
            (main_uri, inner["line"], inner["character"], inner["line"], inner["character"] + 1),
            as_locations(main_uri, [{"start": nth_position(main_text, "${e.error}", 0, 2),
                                     "end": nth_position(main_text, "${e.error}", 0, 3)}])[0],
            as_locations(main_uri, [{"start": nth_position(main_text, "ShipmentFailed(e", 0, 15),
                                     "end": nth_position(main_text, "ShipmentFailed(e", 0, 16)}
                                    ])[0]]),
              f"references of the inner catch binding only: {got}")
        outer = nth_position(main_text, "catch as e", 1, len("catch as "))
        got = locations(refs(main_uri, outer))
        check(len(got) > 3 and (main_uri, inner["line"], inner["character"], inner["line"],
                                inner["character"] + 1) not in got,
              f"the outer binding's references do not include the inner one: {len(got)}")

        # A stdlib policy: its declaration and uses in the stdlib file are reported.
        stdlib_file = (pathlib.Path(root) / "stdlib" / "retry.caios").resolve()
        stdlib_text = stdlib_file.read_text()
        got = locations(refs(main_uri, nth_position(main_text, "retry LambdaTransient", 0, 8)))
        expected = sorted(as_locations(main_uri, word_ranges(main_text, "LambdaTransient")) +
                          as_locations(uri_of(stdlib_file),
                                       word_ranges(stdlib_text, "LambdaTransient")))
        check(len(expected) >= 4 and got == expected,
              f"references of a stdlib policy, into the stdlib: {got}")

        # A resource named in `uses`, in calls and as a value.
        got = locations(refs(main_uri, nth_position(main_text, "table Inventory", 0, 7)))
        check(got == as_locations(main_uri, word_ranges(main_text, "Inventory")),
              f"references of a table, its `uses` entries included: {got}")

        # documentHighlight: the uses in this file; the declaration is a write.
        response = c.request("textDocument/documentHighlight", {
            "textDocument": {"uri": main_uri},
            "position": nth_position(main_text, "let reservationId", 0, 6)})
        got = sorted((h["range"]["start"]["line"], h["range"]["start"]["character"],
                      h["range"]["end"]["character"], h["kind"]) for h in response["result"])
        body = main_text[main_text.index("flow checkout"):]
        offset_line = main_text.count("\n", 0, main_text.index("flow checkout"))
        expected = []
        for r in word_ranges(body, "reservationId"):
            line = r["start"]["line"] + offset_line
            text_line = main_text.split("\n")[line]
            if text_line[r["end"]["character"]:].startswith(":"):
                continue  # an object key, not the variable
            kind = 3 if "let reservationId" in text_line else 2
            expected.append((line, r["start"]["character"], r["end"]["character"], kind))
        check(len(expected) == 4 and got == sorted(expected),
              f"highlights of a variable in its flow: {got}")
        response = c.request("textDocument/documentHighlight", {
            "textDocument": {"uri": main_uri}, "position": {"line": 0, "character": 4}})
        check(response["result"] is None, "no highlight in a comment")

        # `for` variables: the loop's own name and its uses; a key of the same name is not one.
        renewals = (pathlib.Path(root) / "samples" / "renewals" / "main.caios").resolve()
        renewals_text, renewals_uri = renewals.read_text(), uri_of(renewals)
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": renewals_uri, "languageId": "caios", "version": 1, "text": renewals_text}})

        def spans(needle, skip, length, nth=0):
            begin = nth_position(renewals_text, needle, nth, skip)
            return (renewals_uri, begin["line"], begin["character"], begin["line"],
                    begin["character"] + length)

        got = locations(refs(renewals_uri, nth_position(renewals_text, "for shard", 0, 5)))
        check(got == sorted([spans("for shard", 4, 5), spans("shard: shard", 7, 5)]),
              f"references of a `for` variable, not the key of the same name: {got}")
        got = locations(refs(renewals_uri, nth_position(renewals_text, "sub.status", 0, 1)))
        check(got == sorted([spans("for sub", 4, 3), spans("sub.status", 0, 3),
                             spans("sub.id", 0, 3), spans("sub.customer", 0, 3),
                             spans("sub.plan", 0, 3)]),
              f"references of a `for` variable from a use: {got}")
        edit = c.request("textDocument/rename", {
            "textDocument": {"uri": renewals_uri}, "newName": "part",
            "position": nth_position(renewals_text, "for shard", 0, 5)})["result"]
        check(sorted(e["newText"] for e in edit["changes"][renewals_uri]) == ["part", "part"],
              f"renaming the loop variable leaves the key `shard:` alone: {edit}")
        c.notify("textDocument/didClose", {"textDocument": {"uri": renewals_uri}})

        # A record field: every access the checker resolved to `total` of Order, and the field
        # in `type Order`; `total` of OrderRecord (the keys of `Orders.put`) is another field.
        def ranges_of(text, needle, skip, length):
            found, at = [], text.find(needle)
            while at >= 0:
                start = nth_position(text[:at + skip] + "\0", "\0")
                found.append({"start": start, "end": {"line": start["line"],
                                                      "character": start["character"] + length}})
                at = text.find(needle, at + 1)
            return found

        uses = ranges_of(main_text, "order.total", len("order."), 5)
        declared = ranges_of(types_text, "  total: number", 2, 5)[:1]  # Order's, not OrderRecord's
        got = locations(refs(main_uri, nth_position(main_text, "order.total", 0, 7)))
        check(len(uses) == 4 and got == sorted(as_locations(main_uri, uses) +
                                              as_locations(types_uri, declared)),
              f"references of a record field: its accesses and its declaration: {got}")
        got = locations(refs(types_uri, declared[0]["start"], declaration=False))
        check(got == as_locations(main_uri, uses), "the same from the field's declaration")
        put_total = nth_position(main_text, "total: order.total", 0, 1)
        got = locations(refs(main_uri, put_total))
        record_total = ranges_of(types_text, "  total: number", 2, 5)[1]
        check(got == sorted([(main_uri, put_total["line"], put_total["character"] - 1,
                              put_total["line"], put_total["character"] + 4)] +
                            as_locations(types_uri, [record_total])),
              f"a key of the table's item record is OrderRecord's field: {got}")
        c.finish()


def apply_edit(c, edit, opened):
    """Applies a WorkspaceEdit to the files on disk and to the open buffers (didChange)."""
    for uri, edits in edit["changes"].items():
        path = pathlib.Path(urllib.parse.unquote(uri[len("file://"):]))
        text = path.read_text()
        lines = text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)

        def offset(p):
            line = lines[p["line"]]
            units, index = 0, 0
            while units < p["character"]:
                units += len(line[index].encode("utf-16-le")) // 2
                index += 1
            return starts[p["line"]] + index

        for e in sorted(edits, key=lambda e: offset(e["range"]["start"]), reverse=True):
            text = text[:offset(e["range"]["start"])] + e["newText"] + \
                text[offset(e["range"]["end"]):]
        path.write_text(text)
        if uri in opened:
            opened[uri] += 1
            c.notify("textDocument/didChange", {"textDocument": {"uri": uri,
                                                                 "version": opened[uri]},
                                                "contentChanges": [{"text": text}]})


def becomes_clean(c, uri, version, text, timeout=10):
    """Whether the server publishes no diagnostics for `uri` once the edits sent so far are
    checked. Diagnostics wait until the input is quiet, and the states between the edits of one
    WorkspaceEdit have errors: so an empty list can only describe the final state. The text of
    `uri` is sent once more so that its diagnostics are published even if they do not change."""
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                        "contentChanges": [{"text": text}]})
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if c.diagnostics_for(uri, timeout=max(0.1, deadline - time.monotonic())) == []:
                return True
        except AssertionError:
            return False
    return False


def caios_check(caios, root, project):
    env = dict(os.environ, CAIOS_STDLIB=str(pathlib.Path(root) / "stdlib"))
    run = subprocess.run([caios, "check", str(project)], capture_output=True, text=True, env=env)
    return run.returncode, run.stdout + run.stderr


def rename(caios, root):
    def shorthand(text):
        old = '{ status: "FAILED", reason: e.error }'
        assert old in text
        charge = "let payment = chargePayment(order)"
        assert charge in text
        return text.replace(old, '{ status: "FAILED", reason }').replace(
            "releaseInventory(order, reservationId) retry Aggressive",
            "let reason = e.error\n    releaseInventory(order, reservationId) retry Aggressive"
        ).replace(charge, "let total = order.total\n    let payment = chargePayment({ id: order.id, "
                          "customer: order.customer, email: order.email, items: order.items, "
                          "total, currency: order.currency })")

    with tempfile.TemporaryDirectory() as tmp:
        project = scratch_checkout(tmp, shorthand)
        code, output = caios_check(caios, root, project)
        check(code == 0, f"the fixture checks clean: {output}")
        main, types = project / "main.caios", project / "types.caios"
        main_uri, types_uri = uri_of(main), uri_of(types)
        c = start(caios, root, main, types)
        opened = {main_uri: 1, types_uri: 1}

        def request(method, uri, position, **extra):
            return c.request(method, dict({"textDocument": {"uri": uri},
                                           "position": position}, **extra))

        def refused(position, new_name, words, uri=main_uri):
            response = request("textDocument/rename", uri, position, newName=new_name)
            error = response.get("error")
            check(error is not None and error["code"] == -32803 and
                  all(w in error["message"] for w in words),
                  f"renaming to {new_name!r} is refused ({words}): {response}")

        text = main.read_text()
        at = nth_position(text, "order: Order", 0, len("order: Ord"))
        prepared = request("textDocument/prepareRename", main_uri, at)["result"]
        start_at = nth_position(text, "order: Order", 0, len("order: "))
        check(prepared == {"range": {"start": start_at, "end": {
            "line": start_at["line"], "character": start_at["character"] + 5}},
            "placeholder": "Order"}, f"prepareRename gives the name's range: {prepared}")

        # Refusals: not a name, a keyword, a clash, the stdlib, a builtin.
        refused(at, "9lives", ["not a name"])
        refused(at, "flow", ["keyword"])
        refused(at, "string", ["built-in type"])
        refused(at, "Item", ["already the name of type `Item`", "types.caios"])
        refused(at, "Orders", ["already the name of table `Orders`"])
        refused(at, "aws", ["reserved", "builtin service integrations"])
        refused(at, "O" * 81, ["longer than the 80 characters a declaration's name may have"])
        payment = nth_position(text, "let payment", 0, 4)
        refused(payment, "shipment", ["already has a variable `shipment`"])
        refused(payment, "order", ["already has a variable `order`"])
        policy = nth_position(text, "retry LambdaTransient", 0, 8)
        refused(policy, "Quick", ["declared in the stdlib"])
        response = request("textDocument/prepareRename", main_uri, policy)
        check(response.get("error", {}).get("code") == -32803,
              f"prepareRename refuses a stdlib name: {response}")
        response = request("textDocument/prepareRename", main_uri,
                           nth_position(text, "len(order", 0, 1))
        check("builtin" in response.get("error", {}).get("message", ""),
              f"a builtin function is not renamed: {response}")

        # A type across two files; the project checks clean afterwards.
        response = request("textDocument/rename", main_uri, at, newName="Purchase")
        edit = response["result"]
        expected_main = word_ranges(text, "Order")
        check(sorted(edit["changes"]) == sorted([main_uri, types_uri]) and
              sorted((e["range"]["start"]["line"], e["range"]["start"]["character"])
                     for e in edit["changes"][main_uri]) ==
              sorted((r["start"]["line"], r["start"]["character"]) for r in expected_main) and
              len(edit["changes"][types_uri]) == 1 and
              all(e["newText"] == "Purchase" for es in edit["changes"].values() for e in es),
              "renaming a type edits every use and the declaration")
        apply_edit(c, edit, opened)
        opened[main_uri] += 1
        check(becomes_clean(c, main_uri, opened[main_uri], main.read_text()),
              "no diagnostics after the rename (server)")
        code, output = caios_check(caios, root, project)
        check(code == 0 and "type Purchase {" in types.read_text(),
              f"the renamed project checks clean: {output}")

        # A variable written as a shorthand field keeps its key.
        text = main.read_text()
        at = nth_position(text, "let reason", 0, 5)
        edit = request("textDocument/rename", main_uri, at, newName="why")["result"]
        check(sorted(e["newText"] for e in edit["changes"][main_uri]) == ["reason: why", "why"],
              f"a shorthand field becomes `reason: why`: {edit}")
        apply_edit(c, edit, opened)
        code, output = caios_check(caios, root, project)
        check(code == 0 and '{ status: "FAILED", reason: why }' in main.read_text(),
              f"the shorthand rename checks clean: {output}")

        # The inner of two `catch as e`: only its own three names change.
        text = main.read_text()
        at = nth_position(text, "catch as e", 0, len("catch as "))
        edit = request("textDocument/rename", main_uri, at, newName="failure")["result"]
        check(len(edit["changes"][main_uri]) == 3, f"three edits for the inner binding: {edit}")
        apply_edit(c, edit, opened)
        code, output = caios_check(caios, root, project)
        text = main.read_text()
        check(code == 0 and "${failure.error}" in text and "ShipmentFailed(failure.cause)" in text
              and text.count("catch as e {") == 1,
              f"the inner binding is renamed, the outer one kept: {output}")

        # A flow parameter, renamed from a use.
        at = nth_position(text, "len(order.items)", 0, 5)
        edit = request("textDocument/rename", main_uri, at, newName="purchase")["result"]
        apply_edit(c, edit, opened)
        code, output = caios_check(caios, root, project)
        check(code == 0 and "len(purchase.items)" in main.read_text() and
              "checkout(purchase: Purchase)" in main.read_text(),
              f"the parameter rename checks clean: {output}")

        # A record field, from an access: its declaration, every access and a shorthand key of
        # an object given where the record is expected (`{ total }` becomes `{ amount: total }`).
        text = main.read_text()
        at = nth_position(text, "purchase.total", 0, len("purchase.to"))
        edit = request("textDocument/rename", main_uri, at, newName="amount")["result"]
        check(sorted(e["newText"] for e in edit["changes"][main_uri]) ==
              ["amount"] * 5 + ["amount: total"] and
              [e["newText"] for e in edit["changes"][types_uri]] == ["amount"],
              f"a field rename edits its accesses, a shorthand key and the declaration: {edit}")
        apply_edit(c, edit, opened)
        code, output = caios_check(caios, root, project)
        text = main.read_text()
        check(code == 0 and "  amount: number" in types.read_text() and
              "items: purchase.items, amount: total," in text and "total: number" in
              types.read_text() and "total: purchase.amount" in text,
              f"the field rename checks clean; OrderRecord's `total` is kept: {output}")
        refused(nth_position(text, "purchase.amount", 0, 10), "email", ["already has a field"])
        refused(nth_position(text, "purchase.amount", 0, 10), "flow", ["keyword"])
        at = nth_position(text, "trackingId: shipment", 0, 1)
        refused(at, "tracking", ["no declaration of the project writes"])
        # OrderRecord's `status` is also a key of `Orders.update`'s partial record, which the
        # edit would not change: the server's check of the renamed project refuses it.
        refused(nth_position(types.read_text(), "  status: string", 0, 3), "state",
                ["the program would then report E0303", "has no field `status`"], types_uri)

        # With a syntax error the project is not renamed.
        broken = main.read_text().replace("table Inventory {", "table Inventory {{")
        opened[main_uri] += 1
        c.notify("textDocument/didChange", {"textDocument": {"uri": main_uri,
                                                             "version": opened[main_uri]},
                                            "contentChanges": [{"text": broken}]})
        c.diagnostics_for(main_uri)
        refused(nth_position(broken, "purchase: Purchase", 0, 12), "Deal", ["syntax errors"])
        c.finish()


def code_actions(caios, root):
    with tempfile.TemporaryDirectory() as tmp:
        project = scratch_checkout(tmp, lambda t: t.replace(
            "let payment = chargePayment(order)", "let payment = chargePayment(ordr)"))
        main = project / "main.caios"
        main_uri = uri_of(main)
        c = Client(caios, root)
        c.request("initialize", {"processId": None, "capabilities": {}})
        c.notify("initialized", {})
        text = main.read_text()
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": main_uri, "languageId": "caios", "version": 1, "text": text}})
        diagnostics = c.diagnostics_for(main_uri)
        check(len(diagnostics) == 1 and diagnostics[0]["code"] == "E0211",
              f"the misspelt name is E0211: {diagnostics}")
        at = nth_position(text, "chargePayment(ordr)", 0, len("chargePayment("))
        response = c.request("textDocument/codeAction", {
            "textDocument": {"uri": main_uri},
            "range": {"start": at, "end": at},
            "context": {"diagnostics": diagnostics}})
        actions = response["result"]
        end = {"line": at["line"], "character": at["character"] + 4}
        check(len(actions) >= 1 and all(a["kind"] == "quickfix" for a in actions) and
              all(a["diagnostics"] == diagnostics for a in actions) and
              actions[0].get("isPreferred") is True and
              all("isPreferred" not in a for a in actions[1:]),
              f"one quick fix per fix-it, the first preferred: {actions}")
        first = actions[0]
        check(first["title"] == "Replace `ordr` with `order`" and
              first["edit"] == {"changes": {main_uri: [{"range": {"start": at, "end": end},
                                                        "newText": "order"}]}},
              f"the first fix replaces the name by the closest candidate: {first}")
        apply_edit(c, first["edit"], {main_uri: 1})
        check(c.diagnostics_for(main_uri) == [], "the fixed buffer has no diagnostics")
        code, output = caios_check(caios, root, project)
        check(code == 0, f"the fixed project checks clean: {output}")
        response = c.request("textDocument/codeAction", {
            "textDocument": {"uri": main_uri},
            "range": {"start": at, "end": at}, "context": {"diagnostics": []}})
        check(response["result"] == [], "no quick fix once it is fixed")
        c.finish()


def folding_symbols(caios, root):
    with tempfile.TemporaryDirectory() as tmp:
        project = scratch_checkout(tmp)
        main, types = project / "main.caios", project / "types.caios"
        main_uri, types_uri = uri_of(main), uri_of(types)
        text = main.read_text()
        lines = text.split("\n")
        c = start(caios, root, main)
        ranges = c.request("textDocument/foldingRange",
                           {"textDocument": {"uri": main_uri}})["result"]
        queue = next(i for i, line in enumerate(lines) if line.startswith("queue Fulfilment"))
        flow = next(i for i, line in enumerate(lines) if line.startswith("flow checkout"))
        flow_end = next(i for i in range(flow, len(lines)) if lines[i] == "}")
        imports = next(i for i, line in enumerate(lines) if line.startswith("import"))
        for expected in [{"startLine": 0, "endLine": 1, "kind": "comment"},
                         {"startLine": imports, "endLine": imports + 1, "kind": "imports"},
                         {"startLine": queue, "endLine": queue + 3},
                         {"startLine": flow, "endLine": flow_end - 1}]:
            check(expected in ranges, f"folding range {expected}")
        check(not any(r["startLine"] == next(i for i, line in enumerate(lines)
                                             if line.startswith("table Inventory"))
                      for r in ranges), "a one-line block does not fold")

        def symbols(query):
            return c.request("workspace/symbol", {"query": query})["result"]

        got = symbols("rsvinv")
        decl = next(i for i, line in enumerate(lines) if line.startswith("function reserveInv"))
        decl_end = next(i for i in range(decl, len(lines)) if lines[i] == "}")
        check(got == [{"name": "reserveInventory", "kind": 12, "location": {
            "uri": main_uri, "range": {"start": {"line": decl, "character": 0},
                                       "end": {"line": decl_end, "character": 1}}}}],
              f"a subsequence query finds one function: {got}")
        got = symbols("COUPON")
        types_lines = types.read_text().split("\n")
        coupon = next(i for i, line in enumerate(types_lines) if "coupon?" in line)
        check(got == [{"name": "coupon", "kind": 8, "containerName": "Order", "location": {
            "uri": uri_of(types), "range": {
                "start": {"line": coupon, "character": 2},
                "end": {"line": coupon, "character": len(types_lines[coupon])}}}}],
              f"fields of a type from another file of the project, any case: {got}")
        names = {s["name"] for s in symbols("")}
        check({"checkout", "Orders", "Order", "PaymentsApi", "Storefront"} <= names and
              "LambdaTransient" not in names, "an empty query lists the project, not the stdlib")
        check(symbols("zzzz") == [], "a query that matches nothing")
        c.finish()


NAVIGATION = ["textDocument/references", "textDocument/documentHighlight",
              "textDocument/prepareRename", "textDocument/rename", "textDocument/codeAction",
              "textDocument/foldingRange", "workspace/symbol"]


def half_typed(caios, root):
    """Every navigation request on prefixes of a sample answers (result or error)."""
    with tempfile.TemporaryDirectory() as tmp:
        project = scratch_checkout(tmp)
        main = project / "main.caios"
        main_uri = uri_of(main)
        text = main.read_text()
        c = start(caios, root)
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": main_uri, "languageId": "caios", "version": 1, "text": ""}})
        c.diagnostics_for(main_uri)
        version = 1
        for cut in range(0, len(text), max(1, len(text) // 25)):
            prefix = text[:cut] + "let x = {\n  if ("
            version += 1
            c.notify("textDocument/didChange", {"textDocument": {"uri": main_uri,
                                                                 "version": version},
                                                "contentChanges": [{"text": prefix}]})
            c.diagnostics_for(main_uri)
            last = prefix.count("\n")
            for line in (0, last // 2, last):
                position = {"line": line, "character": 3}
                for method in NAVIGATION:
                    response = c.request(method, {
                        "textDocument": {"uri": main_uri}, "position": position,
                        "newName": "renamed", "query": "o",
                        "range": {"start": position, "end": position},
                        "context": {"includeDeclaration": True, "diagnostics": []}})
                    assert "result" in response or "error" in response, response
        check(True, "every navigation request answers on half-typed files")
        c.finish()


def scheduling(caios, root):
    """Diagnostics wait while messages are waiting: a burst of changes is checked once, and a
    request sent with the changes is answered first, from the latest text."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp, "main.caios")
        good = ("app sched\n\nflow greet(name: string) -> string {\n"
                "  return \"hello ${name}\"\n}\n")
        path.write_text(good)
        uri = uri_of(path.resolve())
        c = Client(caios, root)
        c.request("initialize", {"capabilities": {}})
        c.notify("initialized", {})
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "caios", "version": 1, "text": good}})
        check(c.diagnostics_for(uri) == [], "the clean file has no diagnostics")

        first = good.replace("${name}", "${nmae}")
        second = good.replace("name: string", "person: string").replace("${name}", "${persn}")
        frames = b""
        for version, text in ((2, first), (3, second)):
            body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}]}}).encode()
            frames += b"Content-Length: %d\r\n\r\n" % len(body) + body
        c.next_id += 1
        body = json.dumps({"jsonrpc": "2.0", "id": c.next_id, "method": "textDocument/hover",
                           "params": {"textDocument": {"uri": uri},
                                      "position": {"line": 2, "character": 6}}}).encode()
        frames += b"Content-Length: %d\r\n\r\n" % len(body) + body
        # One write below PIPE_BUF: the server finds all three messages waiting together.
        assert len(frames) < 4096
        c.send_raw(frames)
        messages = [c.read_message(), c.read_message()]
        check(messages[0].get("id") == c.next_id and
              "person: string" in messages[0]["result"]["contents"]["value"],
              f"the hover sent with two changes is answered first, from the second: {messages[0]}")
        published = messages[1]
        check(published.get("method") == "textDocument/publishDiagnostics" and
              [d["code"] for d in published["params"]["diagnostics"]] == ["E0211"] and
              "persn" in published["params"]["diagnostics"][0]["message"],
              f"then one set of diagnostics, for the last text only: {published}")
        symbols = c.request("textDocument/documentSymbol", {"textDocument": {"uri": uri}})
        check(symbols.get("result") is not None and not any(
            m.get("method") == "textDocument/publishDiagnostics" for m in c.pending),
            "the first change's diagnostics were never published")
        c.finish()


def hover_output(caios, root):
    """Hover shows doc comments, expression types, the states a flow and a step compile to (as
    `caios build` writes them) and the IAM roles that reach a resource."""
    import re
    import tempfile
    sample = pathlib.Path(root, "samples", "checkout").resolve()
    main_path = sample / "main.caios"
    text = main_path.read_text()
    lines = text.split("\n")
    uri = uri_of(main_path)

    def position_of(needle, delta=0):
        for i, line in enumerate(lines):
            if needle in line:
                return {"line": i, "character": utf16_column(line, line.index(needle) + delta)}
        raise AssertionError(needle)

    with tempfile.TemporaryDirectory() as out:
        env = dict(os.environ, CAIOS_STDLIB=str(pathlib.Path(root) / "stdlib"))
        subprocess.run([caios, "build", str(sample), "-o", out, "--format", "json"], env=env,
                       check=True, capture_output=True)
        definition = json.loads(pathlib.Path(out, "statemachines", "checkout.asl.json")
                                .read_text())
        stack = json.loads(pathlib.Path(out, "template.json").read_text())

    c = Client(caios, root)
    c.request("initialize", {"capabilities": {}})
    c.notify("initialized", {})
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "caios", "version": 1, "text": text}})
    check(c.diagnostics_for(uri) == [], "the sample checks clean")

    def hover(position):
        result = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                  "position": position})["result"]
        return result and result["contents"]["value"]

    # A flow's name: its states, in the order and with the types of the built definition.
    shown = hover(position_of("flow checkout", 6))
    rows = re.findall(r"^\| `([^`]+)` \| ([^|]+) \|$", shown, re.M)
    built = [(name, state["Type"]) for name, state in definition["States"].items()]
    check([(name, kind.split(" ")[0]) for name, kind in rows] == built,
          f"hover on a flow lists the states of the built definition: {rows}")
    check("| `Orders.put` | Task `dynamodb:putItem` |" in shown,
          "a task's integration is shown")

    # A resource's name: the roles of the built template whose policies name it.
    shown = hover(position_of("table Orders", 7))
    expected = set()
    for role, resource in stack["Resources"].items():
        if resource["Type"] != "AWS::IAM::Role":
            continue
        for policy in resource["Properties"].get("Policies", []):
            for statement in policy["PolicyDocument"]["Statement"]:
                if "OrdersTable" in json.dumps(statement["Resource"]):
                    actions = statement["Action"]
                    for action in [actions] if isinstance(actions, str) else actions:
                        expected.add((role, action))
    listed = set()
    for role, actions in re.findall(r"^- `([^`]+)`: (.*)$", shown, re.M):
        for action in re.findall(r"`([^`]+)`", actions):
            listed.add((role, action))
    check(expected and listed == expected,
          f"hover on a table lists the roles and actions of the template on it: {listed}")

    # An expression: its type; the step around it: its states.
    shown = hover(position_of("order.total <= 0", 7))
    check("order.total: number" in shown and "`If len(order.items) == 0`: Choice" in shown,
          f"hover on a field access gives its type and the state of its `if`: {shown}")
    shown = hover(position_of("let reservationId", 1))
    check("`Set reservationId`: Pass" in shown,
          f"hover on a statement's keyword gives the state it compiles to: {shown}")
    shown = hover(position_of("Orders.put(", 8))
    check("- `Orders.put`: Task `dynamodb:putItem`" in shown,
          f"hover on a call that is a task: {shown}")

    # Doc comments: the comment right above a declaration, not one a blank line away.
    documented = text.replace(
        "table Inventory { key sku: string }",
        "// Stock per SKU.\n// Reserved by reserveInventory.\ntable Inventory { key sku: string }")
    documented = documented.replace("topic Alerts", "/* Pages the\n * on-call. */\ntopic Alerts")
    documented = documented.replace("queue Fulfilment", "// unrelated\n\nqueue Fulfilment")
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                        "contentChanges": [{"text": documented}]})
    lines = documented.split("\n")
    check(c.diagnostics_for(uri) == [], "the documented sample checks clean")
    shown = hover(position_of("table Inventory", 7))
    check("Stock per SKU.\nReserved by reserveInventory." in shown,
          f"line comments above a table are its documentation: {shown}")
    shown = hover(position_of("topic Alerts", 7))
    check("Pages the\non-call." in shown, f"a block comment is documentation: {shown}")
    shown = hover(position_of("queue Fulfilment", 7))
    check("unrelated" not in shown, f"a comment a blank line away is not: {shown}")
    c.finish()


def every_sample(caios, root):
    """Every request on every file of every sample: no diagnostics, an outline, hover and
    definition on each declared name (a flow's hover shows its states), no formatting edit."""
    base = pathlib.Path(root).resolve()
    samples = sorted(p for p in (base / "samples").iterdir() if p.is_dir())
    check(len(samples) >= 7, f"{len(samples)} samples")
    env = dict(os.environ, CAIOS_STDLIB=str(base / "stdlib"))
    for sample in samples:
        # What `caios check` reports for the sample, by file: (code, line, column), 1-based.
        run = subprocess.run([caios, "check", str(sample), "--diagnostics", "json"], env=env,
                             capture_output=True, text=True, cwd=base)
        reported = {}
        for d in json.loads(run.stdout)["diagnostics"]:
            reported.setdefault(str(base / d["file"]), []).append(
                (d["code"], d["range"]["start"]["line"], d["range"]["start"]["column"]))
        c = Client(caios, root)
        c.request("initialize", {"capabilities": {}})
        c.notify("initialized", {})
        for path in sorted(sample.glob("*.caios")):
            uri = uri_of(path)
            text = path.read_text()
            c.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "caios", "version": 1, "text": text}})
            lines = text.split("\n")
            shown = sorted((d["code"], d["range"]["start"]["line"] + 1,
                            len(lines[d["range"]["start"]["line"]].encode("utf-16-le")[
                                :2 * d["range"]["start"]["character"]].decode("utf-16-le")
                                .encode()) + 1)
                           for d in c.diagnostics_for(uri))
            check(shown == sorted(reported.get(str(path), [])),
                  f"{path.relative_to(base)}: the diagnostics of caios check: {shown}")
            doc = {"textDocument": {"uri": uri}}
            symbols = c.request("textDocument/documentSymbol", doc)["result"]
            check(symbols, f"{path.relative_to(base)}: an outline of {len(symbols)} declarations")
            for symbol in symbols:
                where = symbol["selectionRange"]["start"]
                what = f"{path.relative_to(base)}: {symbol['detail']} {symbol['name']}"
                hover = c.request("textDocument/hover", dict(doc, position=where))["result"]
                assert hover and hover["contents"]["value"], (what, hover)
                # A test (a flow of a test file) is compiled only by `caios test`.
                is_test = hover["contents"]["value"].startswith("```caios\ntest ")
                if symbol["detail"] == "flow" and not is_test:
                    assert "**Compiles to**" in hover["contents"]["value"], (what, hover)
                if symbol["detail"] in ("app", "schedule", "trigger"):
                    continue  # not a name that other code refers to
                target = c.request("textDocument/definition", dict(doc, position=where))["result"]
                assert target and target["uri"] == uri and \
                    target["range"] == symbol["selectionRange"], (what, target)
                # Its references include the declaration itself; highlights mark it as written.
                places = c.request("textDocument/references", dict(
                    doc, position=where, context={"includeDeclaration": True}))["result"]
                assert {"uri": uri, "range": symbol["selectionRange"]} in places, (what, places)
                marks = c.request("textDocument/documentHighlight",
                                  dict(doc, position=where))["result"]
                assert {"range": symbol["selectionRange"], "kind": 3} in marks, (what, marks)
                ready = c.request("textDocument/prepareRename", dict(doc, position=where))
                assert "result" in ready or "error" in ready, (what, ready)
            print(f"ok: {path.relative_to(base)}: hover, definition, references and highlights "
                  "on every declaration")
            tokens = c.request("textDocument/semanticTokens/full", doc)["result"]["data"]
            check(tokens and len(tokens) % 5 == 0,
                  f"{path.relative_to(base)}: {len(tokens) // 5} semantic tokens")
            folds = c.request("textDocument/foldingRange", doc)["result"]
            check(any(f.get("kind") != "comment" for f in folds),
                  f"{path.relative_to(base)}: {len(folds)} folding ranges")
            end = {"line": len(text.split("\n")) - 1, "character": 0}
            items = c.request("textDocument/completion", dict(doc, position=end))["result"]
            items = items["items"] if isinstance(items, dict) else items
            check(any(i["label"] == "flow" for i in items),
                  f"{path.relative_to(base)}: completion at the end offers declarations")
            edits = c.request("textDocument/formatting",
                              dict(doc, options={"tabSize": 2, "insertSpaces": True}))["result"]
            check(edits == [], f"{path.relative_to(base)}: formatted already")
        c.finish()


def server_cpu_ms(client):
    """The CPU time the server process has used so far (all threads), from /proc; None elsewhere."""
    try:
        fields = pathlib.Path(f"/proc/{client.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def nav_latency(caios, root, path, runs):
    path = pathlib.Path(path).resolve()
    text, uri = path.read_text(), uri_of(path)
    c = start(caios, root, path)
    flow = re.search(r"flow \w+\(\w+: (\w+)", text)
    at = nth_position(text, flow.group(0), 0, len(flow.group(0)) - 1)
    var = nth_position(text, "let total", 0, 5)
    flow_name = re.search(r"flow (\w+)\(", text).group(1)
    flow_at = nth_position(text, f"flow {flow_name}(", 0, len("flow "))
    table_name = re.search(r"table (\w+)", text).group(1)
    table_at = nth_position(text, f"table {table_name}", 0, len("table "))
    doc = {"uri": uri}
    version = 1
    for name, method, params in [
            (f"references of type {flow.group(1)}", "textDocument/references",
             {"textDocument": doc, "position": at, "context": {"includeDeclaration": True}}),
            ("documentHighlight of a variable", "textDocument/documentHighlight",
             {"textDocument": doc, "position": var}),
            (f"rename of type {flow.group(1)}", "textDocument/rename",
             {"textDocument": doc, "position": at, "newName": "Renamed0"}),
            # No longer than the old names, with logical IDs of their own: decided by the rules.
            (f"rename of flow {flow_name}", "textDocument/rename",
             {"textDocument": doc, "position": flow_at, "newName": "settle0"}),
            (f"rename of table {table_name}", "textDocument/rename",
             {"textDocument": doc, "position": table_at, "newName": "Sales0"}),
            # A longer name: measured against the limits by the rules (its flow's definition).
            (f"rename of flow {flow_name} to a longer name", "textDocument/rename",
             {"textDocument": doc, "position": flow_at, "newName": flow_name + "_settled"}),
            ("foldingRange", "textDocument/foldingRange", {"textDocument": doc}),
            ("workspace/symbol", "workspace/symbol", {"query": "chk"})]:
        for after_edit in (True, False):
            times, cpu = [], []
            for i in range(runs):
                if not after_edit:  # the edit's diagnostics are published: the server is idle
                    time.sleep(0.3)
                cpu_before = server_cpu_ms(c)
                if after_edit:  # an edit first: the request waits for the project's check
                    version += 1
                    c.notify("textDocument/didChange", {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [{"text": text + f"\n// edit {version}\n"}]})
                start_time = time.monotonic()
                response = c.request(method, params)
                times.append((time.monotonic() - start_time) * 1000)
                if cpu_before is not None:
                    cpu.append(server_cpu_ms(c) - cpu_before)
                assert "result" in response, response
            times.sort()
            cpu.sort()
            # The server's CPU time for the change and the request (10 ms ticks): what a busy
            # machine inflates less than the wall-clock time.
            cpu_text = f", server CPU median {cpu[len(cpu) // 2]:.0f} ms" if cpu else ""
            print(f"{name}, {'after an edit' if after_edit else 'no edit since'}: median "
                  f"{times[len(times) // 2]:.0f} ms ({times[0]:.0f}-{times[-1]:.0f} ms)"
                  f"{cpu_text}")
    c.finish()


def latency(caios, root, path, runs):
    """After each edit (a comment line appended), the time to the answer of a hover request
    sent with the change, and to the change's diagnostics."""
    import re
    path = pathlib.Path(path).resolve()
    uri = uri_of(path)
    text = path.read_text()
    lines = text.split("\n")
    line = next(i for i, l in enumerate(lines) if re.match(r"flow \w", l))
    position = {"line": line, "character": len("flow ")}
    c = Client(caios, root)
    c.request("initialize", {"capabilities": {}})
    c.notify("initialized", {})
    start = time.monotonic()
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "caios", "version": 1, "text": text}})
    c.diagnostics_for(uri, timeout=600)
    print(f"didOpen -> publishDiagnostics: {(time.monotonic() - start) * 1000:.0f} ms")
    answers, published = [], []
    for i in range(runs):
        edited = text + f"\n// edit {i}\n"
        start = time.monotonic()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2},
                                            "contentChanges": [{"text": edited}]})
        hover = c.request("textDocument/hover", {"textDocument": {"uri": uri},
                                                 "position": position})
        answers.append((time.monotonic() - start) * 1000)
        assert hover.get("result"), hover
        c.diagnostics_for(uri, timeout=600)
        published.append((time.monotonic() - start) * 1000)

    def summary(times):
        times = sorted(times)
        return (f"median {times[len(times) // 2]:.0f} ms, min {times[0]:.0f} ms, "
                f"max {times[-1]:.0f} ms")
    print(f"{path.name}: {len(lines)} lines, {runs} edits")
    print(f"  didChange -> hover answered:      {summary(answers)}")
    print(f"  didChange -> publishDiagnostics:  {summary(published)}")
    c.finish()


# A scratch project for completion and signature help: it checks clean (asserted), so its
# analysis is the last good state the half-typed edits below are completed from.
ASSIST_PROJECT = """app shop

type Customer { name: string, email: string }
type Order { id: string, total: number, customer: Customer? }

table Orders: Order { key id: string }

policy Quick retry { on States.ALL attempts 2 }

flow price(order: Order, discount?: number) -> number {
  return order.total
}

flow place(order: Order) -> Order {
  let total = run price(order)
  let copy = order
  Orders.put(order)
  return copy
}
"""


class Buffer:
    """An open scratch file whose text is edited by inserting a line after another one."""

    def __init__(self, client, folder, text=ASSIST_PROJECT):
        self.c = client
        path = pathlib.Path(folder, "main.caios")
        path.write_text(text)  # a project folder holds its files; the buffer is read instead
        self.uri = uri_of(path)
        self.version = 1
        self.text = text
        client.notify("textDocument/didOpen", {"textDocument": {
            "uri": self.uri, "languageId": "caios", "version": 1, "text": text}})
        self.diagnostics = client.diagnostics_for(self.uri)

    def edit(self, after, line):
        """The original text with `line` inserted after the line holding `after`; the
        position at the end of the inserted line (where the user's cursor is)."""
        lines = self.text.split("\n")
        at = next(i for i, l in enumerate(lines) if after in l) + 1
        edited = "\n".join(lines[:at] + [line] + lines[at:])
        self.version += 1
        self.c.notify("textDocument/didChange", {"textDocument": {"uri": self.uri,
                                                                  "version": self.version},
                                                 "contentChanges": [{"text": edited}]})
        self.c.diagnostics_for(self.uri)
        last = line.split("\n")[-1]
        return {"line": at + line.count("\n"), "character": utf16_column(last, len(last))}

    def request(self, method, position):
        return self.c.request(method, {"textDocument": {"uri": self.uri},
                                       "position": position})["result"]


def start_assist(caios, root):
    c = Client(caios, root)
    init = c.request("initialize", {"capabilities": {}})
    c.notify("initialized", {})
    return c, init["result"]["capabilities"]


def completion(caios, root):
    c, caps = start_assist(caios, root)
    check(caps["completionProvider"] == {"triggerCharacters": ["."]},
          "initialize announces completion with the trigger character `.`")
    with tempfile.TemporaryDirectory() as folder:
        b = Buffer(c, folder)
        check(b.diagnostics == [], f"the scratch project checks clean: {b.diagnostics}")

        def items(after, line):
            result = b.request("textDocument/completion", b.edit(after, line))
            check(result["isIncomplete"] is False, "a complete list")
            return {i["label"]: i for i in result["items"]}

        # Half-typed `Orders.` at the end of a statement: the buffer does not parse.
        got = items("Orders.put(order)", "  Orders.")
        check(got.get("put", {}).get("kind") == 2 and
              got["put"].get("detail") == "put(item: Order, if?: json, returns?: json) -> json",
              f"`Orders.` offers `put` with its signature: {got.get('put')}")
        check({"get", "put", "update", "delete", "query", "scan", "name", "arn"} <= set(got)
              and got["name"]["kind"] == 10 and "order" not in got and "let" not in got,
              f"a table's operations and attributes, nothing else: {sorted(got)}")
        check(got["get"]["detail"] == "get(key: { id: string }, fields?: json) -> Order?",
              f"an operation's parameter typed by the table's key: {got['get']}")
        got = items("Orders.put(order)", "  Orders.ge")
        check("get" in got, "a half-typed operation name completes too")
        got = items("Orders.put(order)", "  let r = Orders.")
        check("put" in got and "scan" in got, "`Orders.` at the end of a `let` statement")

        # After `let x = `: the variables declared before, not those after or itself.
        got = items("let total = ", "  let x = ")
        check(got.get("total", {}).get("kind") == 6 and
              got["total"].get("detail") == "(let) total: number",
              f"a local variable of the flow with its type: {got.get('total')}")
        check(got.get("order", {}).get("detail") == "(parameter) order: Order",
              f"the flow's parameter: {got.get('order')}")
        check("copy" not in got and "x" not in got,
              "variables declared after the cursor are not in scope")
        check(got.get("Orders", {}).get("kind") == 7 and
              got["Orders"].get("detail") == "table Orders: Order",
              f"a resource: {got.get('Orders')}")
        check(got.get("price", {}).get("kind") == 3 and
              got["price"].get("detail") ==
              "flow price(order: Order, discount?: number) -> number",
              f"a flow with its signature: {got.get('price')}")
        check(got.get("len", {}).get("detail") == "len(string | array | json) -> int",
              "builtins with their signatures")
        check({"true", "false", "null", "parallel", "for", "not", "run"} <= set(got) and
              "return" not in got and "flow" not in got and "Order" not in got and
              "Quick" not in got,
              f"the keywords a right-hand side starts with, no types or policies: {sorted(got)}")
        check(all(i["kind"] == 14 for k, i in got.items() if k in {"true", "parallel"}),
              "keywords have the kind Keyword")
        # The variables of the last good state, and `let`s typed since.
        got = items("let copy = ", "  let fresh = 1\n  let y = fr")
        check("fresh" in got and "copy" in got and "y" not in got,
              f"a `let` typed since the analysis, not the one being typed: {sorted(got)}")

        # Fields of a record type, through an optional field.
        got = items("let copy = ", "  copy.")
        check(set(got) == {"id", "total", "customer"} and got["id"]["kind"] == 5 and
              got["customer"]["detail"] == "Customer?",
              f"`copy.` offers the fields of Order: {got}")
        got = items("let copy = ", "  copy.customer.")
        check(set(got) == {"name", "email"}, f"fields through an optional record: {got}")

        # A statement's start: statement keywords and names, no declarations' keywords.
        got = items("let copy = ", "  ")
        check({"let", "if", "for", "while", "parallel", "try", "wait", "return", "fail",
               "switch", "break", "continue", "yield"} <= set(got) and "flow" not in got and
              "table" not in got and "copy" in got and "total" in got,
              f"statement keywords inside a flow body: {sorted(got)}")
        # After a block: what may continue its statement.
        got = items("let copy = ", "  if total > 1 {\n  }\n  ")
        check("else" in got and "catch" not in got and "let" in got,
              f"after an `if` block: `else` too: {sorted(got)}")
        got = items("let copy = ", "  try {\n  } catch E {\n  }\n  ")
        check("catch" in got and "else" not in got, "after a `catch` block: `catch` too")
        got = items("let copy = ", "  while total > 1 {\n  }\n  ")
        check("else" not in got and "catch" not in got, "after a `while` block: neither")
        check("else" not in items("let copy = ", "  "), "no `else` without an `if` before")

        # The top level: the declarations' keywords only.
        got = items("return copy", "}\n")
        check({"app", "import", "type", "table", "bucket", "queue", "topic", "stream",
               "events", "connection", "function", "flow", "api", "schedule", "on",
               "policy"} == set(got), f"top-level keywords: {sorted(got)}")

        # Retry position: the declared policies (the stdlib's when imported).
        got = items("Orders.put(order)", "  Orders.put(order) retry ")
        check(got.get("Quick", {}).get("kind") == 21 and set(got) == {"Quick"},
              f"after `retry`: the policies: {got}")
        # Type positions.
        got = items("let copy = ", "  let y: ")
        check({"Order", "Customer", "string", "int", "number", "bool", "json"} <= set(got) and
              "copy" not in got and "Orders" not in got and got["Order"]["kind"] == 22,
              f"after `let y:` the types: {sorted(got)}")
        got = items("type Customer", "type Pair { left: Cus")
        check("Customer" in got and "Orders" not in got, "a record field's type")
        got = items("type Customer", "flow g(a: ")
        check("Order" in got and "len" not in got, "a parameter's type")
        got = items("type Customer", "flow g() -> ")
        check("Order" in got, "a flow's result type")
        got = items("let copy = ", "  let o = { id: ")
        check("copy" in got and "total" in got and "Order" not in got,
              "`:` in an object literal is followed by a value, not a type")

        # AWS services and actions from the service models.
        got = items("let copy = ", "  let r = aws.")
        check({"s3", "dynamodb", "sfn", "sqs"} <= set(got) and got["s3"]["kind"] == 9,
              f"`aws.` offers the services: {len(got)}")
        got = items("let copy = ", "  let r = aws.s3.")
        check({"getObject", "putObject", "listObjectsV2"} <= set(got) and
              got["getObject"]["kind"] == 2, f"`aws.s3.` offers its actions: {len(got)}")
        got = items("let copy = ", "  let r = aws.s3.getObject({ ")
        check(got.get("Bucket", {}).get("detail") == "string (required)" and
              got["Bucket"]["kind"] == 5 and got["Bucket"]["sortText"] < got["Range"]["sortText"]
              and "copy" in got, f"the input members of an AWS action, required first: {got.get('Bucket')}")
        got = items("let copy = ", "  let r = aws.s3.getObject({ Bucket: \"b\", ")
        check("Key" in got, "the next member after a comma")
        got = items("table Orders", "table Audit { ")
        check({"key", "stream", "ttl"} <= set(got) and got["key"]["kind"] == 10 and
              "let" not in got and "len" not in got, f"a table's options: {sorted(got)}")
        got = items("table Orders", "queue Jobs {\n  fifo\n  ")
        check({"visibility", "dead_letter"} <= set(got) and "key" not in got,
              f"a queue's options: {sorted(got)}")
        got = items("let copy = ", "  let r = execution.")
        check({"id", "name", "start_time"} <= set(got), f"the run's context: {sorted(got)}")

        # Nothing inside a comment or a string.
        got = items("let copy = ", "  // Orders.")
        check(got == {}, "no completion in a comment")
        got = items("let copy = ", '  let s = "Orders.')
        check(got == {}, "no completion in a string")
        got = items("let copy = ", '  let s = "a ${copy.id} b ${copy.customer.')
        check(set(got) == {"name", "email"}, f"members inside `${{…}}` of a string: {got}")
        got = items("let copy = ", '  let s = "a \\"${x}\\" ${co')
        check("copy" in got and "let" not in got and "s" not in got,
              f"names inside `${{…}}`: {sorted(got)}")
        got = items("let copy = ", '  let s = "a ${copy.id} b.')
        check(got == {}, "no completion after a closed interpolation")

    # A sample with imports: names and policies of the imported modules and the stdlib.
    sample = pathlib.Path(root, "samples", "checkout", "main.caios").resolve()
    b = Buffer.__new__(Buffer)
    b.c, b.uri, b.version, b.text = c, uri_of(sample), 1, sample.read_text()
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": b.uri, "languageId": "caios", "version": 1, "text": b.text}})
    check(c.diagnostics_for(b.uri) == [], "the sample checks clean")

    def sample_items(after, line):
        result = b.request("textDocument/completion", b.edit(after, line))
        return {i["label"]: i for i in result["items"]}

    got = sample_items("let payment = chargePayment(order)", "    Orders.")
    check(got.get("put", {}).get("detail", "").startswith("put(item: OrderRecord"),
          f"the item type from an imported module: {got.get('put')}")
    got = sample_items("let payment = chargePayment(order)", "    let p = chargePayment(order) retry ")
    check({"PaymentsApi", "DynamoThrottling", "LambdaTransient"} <= set(got),
          f"the policies declared and those of `import std.retry`: {sorted(got)}")
    got = sample_items("let payment = chargePayment(order)", "    let x = ")
    check({"payment", "reservationId", "order", "reserveInventory", "Fulfilment"} <= set(got) and
          "reservation" not in got and "shipment" not in got,
          f"the variables of the enclosing blocks before the cursor: {sorted(got)}")
    got = sample_items("let payment = chargePayment(order)", "    let x = payment.")
    check(set(got) == {"chargeId", "amount"}, f"a function result's record fields: {got}")
    c.finish()


def signature_help(caios, root):
    c, caps = start_assist(caios, root)
    check(caps["signatureHelpProvider"] == {"triggerCharacters": ["(", ","]},
          "initialize announces signature help with `(` and `,`")
    with tempfile.TemporaryDirectory() as folder:
        b = Buffer(c, folder)

        def help(line):
            return b.request("textDocument/signatureHelp", b.edit("let copy = ", line))

        def label_parts(result):
            signature = result["signatures"][0]
            label = signature["label"]
            return label, [label[p["label"][0]:p["label"][1]] for p in signature["parameters"]]

        result = help("  let p = run price(order, ")
        label, params = label_parts(result)
        check(label == "price(order: Order, discount?: number) -> number" and
              params == ["order: Order", "discount?: number"] and
              result["activeParameter"] == 1,
              f"a flow's parameters, the second active after a comma: {result}")
        result = help("  let p = run price(")
        check(result["activeParameter"] == 0, "the first parameter right after `(`")
        result = help("  Orders.put(order, returns: ")
        check(result["activeParameter"] == 2, f"a named clause of an operation: {result}")
        result = help("  let p = run price(discount: ")
        check(result["activeParameter"] == 1, "a named argument activates its parameter")
        result = help("  Orders.put(")
        check(label_parts(result) == ("put(item: Order, if?: json, returns?: json) -> json",
                                      ["item: Order", "if?: json", "returns?: json"]),
              f"a resource operation's signature: {result}")
        result = help("  let n = len(")
        check(label_parts(result) == ("len(string | array | json) -> int",
                                      ["string | array | json"]),
              f"a builtin's signature: {result}")
        result = help("  let n = len(upper(\"a\"), ")
        check(label_parts(result)[0].startswith("len(") and result["activeParameter"] == 0,
              f"commas of a nested call do not count; the last parameter stays active: {result}")
        result = help("  let n = upper(\"a\") + len(copy.id) + ")
        check(result is None, f"no signature outside the parentheses of a call: {result}")
        result = help("  let r = aws.s3.getObject({ Bucket: ")
        label, params = label_parts(result)
        check(label.startswith("getObject(input: { ") and "Bucket: string" in params[0] and
              "Key: string" in params[0], f"an AWS action's input: {label}")
        result = help("  let q = (1 + ")
        check(result is None, "a parenthesised expression is no call")
    c.finish()


SEMANTIC_FILE = """app tokens
import std.retry
/* two
   lines */
type Box { size: int }
flow f(b: Box) -> int {
  let n = b.size
  return n + 1 // one
}
"""

# The expected tokens as (line, character, length, type, modifiers) in absolute positions.
# Types: keyword 0, type 1, function 2, method 3, variable 4, parameter 5, property 6,
# string 7, number 8, comment 9, operator 10, namespace 11. Modifiers: declaration 1, readonly 2.
SEMANTIC_EXPECTED = [
    (0, 0, 3, 0, 0),     # app
    (0, 4, 6, 11, 1),    # tokens (the app's name: a namespace, declared)
    (1, 0, 6, 0, 0),     # import
    (1, 7, 3, 11, 0),    # std
    (1, 11, 5, 11, 0),   # retry (a keyword, here a module's name)
    (2, 0, 6, 9, 0),     # /* two
    (3, 0, 11, 9, 0),    #    lines */
    (4, 0, 4, 0, 0),     # type
    (4, 5, 3, 1, 1),     # Box (declaration)
    (4, 11, 4, 6, 1),    # size (field declaration)
    (4, 17, 3, 1, 0),    # int
    (5, 0, 4, 0, 0),     # flow
    (5, 5, 1, 2, 1),     # f (declaration)
    (5, 7, 1, 5, 1),     # b (parameter declaration)
    (5, 10, 3, 1, 0),    # Box
    (5, 15, 2, 10, 0),   # ->
    (5, 18, 3, 1, 0),    # int
    (6, 2, 3, 0, 0),     # let
    (6, 6, 1, 4, 1),     # n (declaration)
    (6, 8, 1, 10, 0),    # =
    (6, 10, 1, 5, 0),    # b
    (6, 12, 4, 6, 0),    # size
    (7, 2, 6, 0, 0),     # return
    (7, 9, 1, 4, 0),     # n
    (7, 11, 1, 10, 0),   # +
    (7, 13, 1, 8, 0),    # 1
    (7, 15, 6, 9, 0),    # // one
]


def relative(tokens):
    data, line, character = [], 0, 0
    for l, ch, length, kind, mods in tokens:
        data += [l - line, ch - character if l == line else ch, length, kind, mods]
        line, character = l, ch
    return data


def semantic_tokens(caios, root):
    c, caps = start_assist(caios, root)
    provider = caps["semanticTokensProvider"]
    check(provider["full"] is True and provider["legend"]["tokenTypes"] == [
        "keyword", "type", "function", "method", "variable", "parameter", "property", "string",
        "number", "comment", "operator", "namespace"] and
        provider["legend"]["tokenModifiers"] == ["declaration", "readonly"],
        "initialize announces full semantic tokens and the legend")
    with tempfile.TemporaryDirectory() as folder:
        b = Buffer(c, folder, SEMANTIC_FILE)
        check(b.diagnostics == [], f"the file checks clean: {b.diagnostics}")
        data = c.request("textDocument/semanticTokens/full",
                         {"textDocument": {"uri": b.uri}})["result"]["data"]
        check(data == relative(SEMANTIC_EXPECTED),
              f"the exact tokens of a small file: {data}")
        # Half-typed: the lines after the edit keep the checker's classes, shifted.
        b.edit("let n = b.size", "  let broken = (")
        data = c.request("textDocument/semanticTokens/full",
                         {"textDocument": {"uri": b.uri}})["result"]["data"]
        expected = [t for t in SEMANTIC_EXPECTED if t[0] <= 6] + \
            [(7, 2, 3, 0, 0), (7, 13, 1, 10, 0)] + \
            [(line + 1, ch, length, kind, mods) for line, ch, length, kind, mods
             in SEMANTIC_EXPECTED if line >= 7]
        check(data == relative(expected),
              f"a buffer that does not parse keeps the last good classes: {data}")
        # Strings: the names inside `${…}` are classified, UTF-16 lengths.
        b.edit("let n = b.size", '  let s = "é${n}😀"')
        data = c.request("textDocument/semanticTokens/full",
                         {"textDocument": {"uri": b.uri}})["result"]["data"]
        line7 = [(7, 2, 3, 0, 0), (7, 6, 1, 4, 1), (7, 8, 1, 10, 0), (7, 10, 4, 7, 0),
                 (7, 14, 1, 4, 0), (7, 15, 4, 7, 0)]
        expected = [t for t in SEMANTIC_EXPECTED if t[0] <= 6] + line7 + \
            [(line + 1, ch, length, kind, mods) for line, ch, length, kind, mods
             in SEMANTIC_EXPECTED if line >= 7]
        check(data == relative(expected),
              f"a string's interpolated names are classified; lengths in UTF-16: {data}")
    c.finish()


def completion_latency(caios, root, path, runs):
    """As an editor sends them: a didChange that types `let vN = TABLE.` into the last flow
    (the buffer then does not parse) with a completion request there; the time to the answer,
    and that of a second completion request alone (the request's own cost)."""
    path = pathlib.Path(path).resolve()
    uri = uri_of(path)
    text = path.read_text()
    c, _ = start_assist(caios, root)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "caios", "version": 1, "text": text}})
    c.diagnostics_for(uri, timeout=600)
    lines = text.split("\n")
    # Inside the last flow's body (before its closing brace), a table's name and `.` typed.
    flow = max(i for i, line in enumerate(lines) if line.startswith("flow "))
    close = next(i for i in range(flow, len(lines)) if lines[i].startswith("}"))
    table = next((line.split()[1].rstrip(":{") for line in lines if line.startswith("table ")),
                 "aws")
    with_change, alone = [], []
    for i in range(runs):
        typed = f"  let v{i} = {table}."
        edited = "\n".join(lines[:close] + [typed] + lines[close:])
        position = {"line": close, "character": len(typed)}
        start_time = time.monotonic()
        c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": i + 2},
                                            "contentChanges": [{"text": edited}]})
        result = c.request("textDocument/completion", {"textDocument": {"uri": uri},
                                                       "position": position})
        with_change.append((time.monotonic() - start_time) * 1000)
        assert result["result"]["items"], result
        start_time = time.monotonic()
        c.request("textDocument/completion", {"textDocument": {"uri": uri},
                                              "position": position})
        alone.append((time.monotonic() - start_time) * 1000)
        c.diagnostics_for(uri, timeout=600)

    def summary(times):
        times = sorted(times)
        return f"median {times[len(times) // 2]:.1f} ms, max {times[-1]:.1f} ms"
    print(f"{path.name}: {len(lines)} lines, {runs} edits typing `{table}.`; "
          f"{len(result['result']['items'])} items")
    print(f"  didChange -> completion answered: {summary(with_change)}")
    print(f"  a completion request alone:       {summary(alone)}")
    # Semantic tokens of the whole file (unedited, so every name is resolved).
    c.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": runs + 2},
                                        "contentChanges": [{"text": text}]})
    c.diagnostics_for(uri, timeout=600)
    tokens = []
    for _ in range(runs):
        start_time = time.monotonic()
        data = c.request("textDocument/semanticTokens/full",
                         {"textDocument": {"uri": uri}})["result"]["data"]
        tokens.append((time.monotonic() - start_time) * 1000)
    tokens.sort()
    print(f"semanticTokens/full: median {tokens[len(tokens) // 2]:.0f} ms, max {tokens[-1]:.0f} ms "
          f"({len(data) // 5} tokens)")
    c.finish()


def main():
    caios, root, mode = sys.argv[1], sys.argv[2], sys.argv[3]
    if mode == "session":
        session(caios, root)
    elif mode == "malformed":
        malformed(caios, root)
    elif mode in ("references", "rename", "code_actions", "folding_symbols", "half_typed"):
        globals()[mode](caios, root)
    elif mode == "completion":
        completion(caios, root)
    elif mode == "signature_help":
        signature_help(caios, root)
    elif mode == "semantic_tokens":
        semantic_tokens(caios, root)
    elif mode == "completion_latency":
        completion_latency(caios, root, sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 10)
    elif mode == "samples":
        every_sample(caios, root)
    elif mode == "hover":
        hover_output(caios, root)
    elif mode == "scheduling":
        scheduling(caios, root)
    elif mode == "nav_latency":
        nav_latency(caios, root, sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 5)
    elif mode == "latency":
        latency(caios, root, sys.argv[4], int(sys.argv[5]) if len(sys.argv) > 5 else 10)
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
