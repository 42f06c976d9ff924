"""JSONata's `$uuid()` in the local cloud. See docs/testing.md.

Step Functions adds `$uuid()` to JSONata: a random version 4 UUID. moto 5.2.1 declares it as a
function that gives the text "Function $uuid is currently not supported", so a flow that names
a run with `uuid()` (samples/etl's `runId`) got that text. The local cloud declares it, in
JSONata, as a version 4 UUID of random hexadecimal digits (JSONata's `$random()`).
"""
_UUID = ("$uuid:=function(){("
         "$h:=function($n){$join($map([1..$n],function(){"
         "$substring('0123456789abcdef',$floor($random()*16),1)}))};"
         "$h(8)&'-'&$h(4)&'-4'&$h(3)&'-'&$substring('89ab',$floor($random()*4),1)&$h(3)"
         "&'-'&$h(12))};")


def install():
    """Replaces moto's declaration of `$uuid` with one that makes a UUID."""
    from moto.stepfunctions.parser.asl.component.intrinsic import jsonata

    jsonata._DECLARATION_BY_VARIABLE_REFERENCE["$uuid"] = _UUID
