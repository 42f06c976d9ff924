"""Reads a JSON template as JSON: moto hands every template body to PyYAML's pure-Python
loader first (YAML being a superset of JSON), which took a second for each deployment of a
sample's template, once per test in `caios test` (docs/performance.md, "caios test"). The
local cloud only deploys templates caios wrote as JSON; anything else still goes to YAML."""
import json


def install():
    """Puts a JSON reader in front of moto's CloudFormation template parser."""
    from moto.cloudformation import models

    stack = models.Stack
    if getattr(stack, "_caios_json", False):
        return
    parse_yaml = stack.parse_template

    def parse_template(template):
        if template.lstrip().startswith("{"):
            try:
                return json.loads(template)
            except ValueError:
                pass
        return parse_yaml(template)

    stack.parse_template = staticmethod(parse_template)
    stack._caios_json = True
