"""Kinesis consumer: folds review facts into per-product counters.

Records are grouped per product first, so a batch of 100 facts costs one conditional-free
ADD update per product rather than one per record.
"""
import base64
import collections
import json
import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["PRODUCT_STATS_NAME"])
SENTIMENTS = ("POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED")


def handler(event, _context):
    per_product = collections.defaultdict(collections.Counter)
    for record in event["Records"]:
        fact = json.loads(base64.b64decode(record["kinesis"]["data"]))
        counts = per_product[fact["productId"]]
        counts["reviews"] += 1
        counts["ratingSum"] += int(fact["rating"])
        if fact.get("sentiment") in SENTIMENTS:
            counts[fact["sentiment"].lower()] += 1
    for product_id, counts in per_product.items():
        names = {f"#{k}": k for k in counts}
        values = {f":{k}": v for k, v in counts.items()}
        TABLE.update_item(
            Key={"productId": product_id},
            UpdateExpression="ADD " + ", ".join(f"#{k} :{k}" for k in counts),
            ExpressionAttributeNames=names,
            ExpressionAttributeValues=values,
        )
    return {"products": len(per_product), "records": len(event["Records"])}
