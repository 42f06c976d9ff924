"""Adds up a run from the Distributed Map's result files and writes a report.

The map's ResultWriter leaves `<prefix>/<map-run-id>/manifest.json` plus SUCCEEDED_*.json
and FAILED_*.json files in the Reports bucket; each succeeded entry's Output is the JSON
result of one child workflow.
"""
import json
import os

import boto3

S3 = boto3.client("s3")
REPORTS = os.environ["REPORTS_NAME"]


def _result_files(prefix):
    paginator = S3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=REPORTS, Prefix=prefix):
        for obj in page.get("Contents", []):
            if obj["Key"].rsplit("/", 1)[-1].startswith("SUCCEEDED_"):
                yield obj["Key"]


def handler(event, _context):
    run_id = event["runId"]
    objects = rows = rejected = 0
    for key in _result_files(event["resultsPrefix"]):
        entries = json.loads(S3.get_object(Bucket=REPORTS, Key=key)["Body"].read())
        for entry in entries:
            # a child whose body yields nothing has the output null
            output = json.loads(entry.get("Output") or "null") or {}
            objects += 1
            rows += int(output.get("rows", 0))
            rejected += int(output.get("rejected", 0))
    report_key = f"reports/{run_id}.json"
    summary = {"runId": run_id, "objects": objects, "rows": rows, "rejected": rejected,
               "reportKey": report_key}
    S3.put_object(Bucket=REPORTS, Key=report_key, Body=json.dumps(summary).encode(),
                  ContentType="application/json")
    return summary
