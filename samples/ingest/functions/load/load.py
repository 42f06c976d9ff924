"""Loads one file of a customer's drop bucket: counts its order lines (the rows after the header)."""
import boto3

S3 = boto3.client("s3")


def handler(event, _context):
    body = S3.get_object(Bucket=event["drop"], Key=event["key"])["Body"].read().decode()
    rows = [line for line in body.splitlines() if line.strip()]
    return {"key": event["key"], "lines": max(len(rows) - 1, 0)}
