"""Cleans one batch of raw order exports (JSON Lines) into the Curated bucket.

Input: {"runId": str, "objects": [...]}: the batch of S3 objects ({key, size, etag}), either
as a list or as the Distributed Map's ItemBatcher shape {"Items": [...]}; the S3 ItemReader's
own capitalised field names (Key, Size, ...) are accepted too. Output: counts and
the key of the curated file written for the batch.
"""
import hashlib
import json
import os

import boto3

S3 = boto3.client("s3")
RAW = os.environ["RAW_NAME"]
CURATED = os.environ["CURATED_NAME"]
PREFIX = os.environ.get("OUTPUT_PREFIX", "curated")

REQUIRED = ("orderId", "customer", "total", "createdAt")


def clean(record):
    if any(record.get(f) in (None, "") for f in REQUIRED):
        return None
    try:
        total = round(float(record["total"]), 2)
    except (TypeError, ValueError):
        return None
    return {
        "orderId": str(record["orderId"]),
        "customer": str(record["customer"]).strip().lower(),
        "total": total,
        "currency": str(record.get("currency", "EUR")).upper(),
        "createdAt": record["createdAt"],
        "day": record["createdAt"][:10],
    }


def handler(event, _context):
    objects = event["objects"]
    items = objects["Items"] if isinstance(objects, dict) else objects
    rows, rejected, out = 0, 0, []
    keys = [obj.get("key") or obj["Key"] for obj in items]
    for key in keys:
        body = S3.get_object(Bucket=RAW, Key=key)["Body"]
        for line in body.iter_lines():
            if not line.strip():
                continue
            try:
                cleaned = clean(json.loads(line))
            except json.JSONDecodeError:
                cleaned = None
            if cleaned is None:
                rejected += 1
                continue
            rows += 1
            out.append(json.dumps(cleaned, separators=(",", ":")))
    digest = hashlib.sha256("|".join(keys).encode()).hexdigest()[:16]
    key = f"{PREFIX}/run={event['runId']}/{digest}.jsonl"
    S3.put_object(Bucket=CURATED, Key=key, Body=("\n".join(out) + "\n").encode(),
                  ContentType="application/x-ndjson")
    return {"rows": rows, "rejected": rejected, "outputKey": key}
