"""`caios run --seed FILE`: what the application's buckets and tables hold before the execution
starts (docs/cli.md#caios-run). The local cloud starts empty; a flow that reads what others
wrote (a customer's drop bucket, a table of prices) needs it filled first.

The file is a JSON object, resource name as the program names it -> its contents:
  a bucket: {"key": body, ...}, a string body as is, any other JSON value as its JSON text;
  a table:  [item, ...], plain JSON objects (numbers become DynamoDB numbers).
Declared and `existing` buckets and tables alike.
  an existing secret: its value, a string as is, any other JSON value as its JSON text;
  an existing parameter (of the parameter store): its value, a string (`String`) or an array
  of strings (`StringList`).
"""
import json
from decimal import Decimal

_KINDS = {"AWS::S3::Bucket": ("bucket", "Bucket"), "AWS::DynamoDB::Table": ("table", "Table")}


class SeedError(Exception):
    pass


def load(path):
    """The seed file's object, or SeedError saying what is wrong with it."""
    try:
        with open(path, encoding="utf-8") as f:
            seeds = json.load(f, parse_float=Decimal)
    except OSError as error:
        raise SeedError(f"--seed {path}: {error.strerror or error}") from None
    except ValueError as error:
        raise SeedError(f"--seed {path}: not JSON: {error}") from None
    if not isinstance(seeds, dict):
        raise SeedError(f"--seed {path}: a JSON object of bucket and table names is expected")
    return seeds


def resources(template, physical, parameters):
    """Program name -> (kind, physical name) of every bucket and table, declared or existing."""
    out = {}
    for logical_id, resource in template.get("Resources", {}).items():
        kind = _KINDS.get(resource.get("Type"))
        # A declared entity's logical ID is its name and the kind's suffix
        # (backends/aws/common/names.cpp).
        if kind and logical_id.endswith(kind[1]) and logical_id in physical:
            out[logical_id[:-len(kind[1])]] = (kind[0], physical[logical_id])
    for declared, entity in template.get("Metadata", {}).get("Caios::Existing", {}).items():
        if entity.get("Kind") in ("bucket", "table", "secret", "parameter"):
            import deploy
            out[declared] = (entity["Kind"], deploy.existing_name(entity, parameters))
    return out


def apply(seeds, targets, region):
    """Puts the seed's objects and items; SeedError for a name or a content it cannot use."""
    import boto3

    unknown = sorted(set(seeds) - set(targets))
    if unknown:
        names = ", ".join(sorted(targets)) or "none"
        raise SeedError(f"--seed: no bucket, table, secret or parameter {', '.join(unknown)} in "
                        f"the application; its buckets, tables, secrets and parameters are {names}")
    for name, content in seeds.items():
        kind, physical_name = targets[name]
        if kind == "bucket":
            if not isinstance(content, dict):
                raise SeedError(f"--seed: bucket {name} takes an object of keys and bodies")
            s3 = boto3.client("s3", region_name=region)
            for key, body in content.items():
                text = body if isinstance(body, str) else json.dumps(body, default=_number)
                s3.put_object(Bucket=physical_name, Key=key, Body=text.encode("utf-8"))
        elif kind == "secret":
            text = content if isinstance(content, str) else json.dumps(content, default=_number)
            boto3.client("secretsmanager", region_name=region).put_secret_value(
                SecretId=physical_name, SecretString=text)
        elif kind == "parameter":
            if isinstance(content, str):
                value, type_ = content, "String"
            elif isinstance(content, list) and content and all(isinstance(v, str) for v in content):
                value, type_ = ",".join(content), "StringList"
            else:
                raise SeedError(f"--seed: parameter {name} takes a string or an array of strings")
            boto3.client("ssm", region_name=region).put_parameter(
                Name=physical_name, Value=value, Type=type_, Overwrite=True)
        else:
            if not isinstance(content, list) or not all(isinstance(i, dict) for i in content):
                raise SeedError(f"--seed: table {name} takes an array of items (objects)")
            table = boto3.resource("dynamodb", region_name=region).Table(physical_name)
            for item in content:
                try:
                    table.put_item(Item=item)
                except Exception as error:  # a missing key attribute, a wrong key type
                    raise SeedError(f"--seed: table {name} refuses {json.dumps(item, default=_number)}: "
                                    f"{error}") from None


def _number(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(type(value).__name__)
