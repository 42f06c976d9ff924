"""The human side of the approval flow: request, decide, remind.

`request` is invoked by the flow with a task token (`callback`); the flow sleeps until
`decide` answers that token with SendTaskSuccess. `remind` runs hourly and heartbeats every
open token, so the flow's `heartbeat 1h` only fires when this reminder job is broken.
"""
import datetime
import json
import os

import boto3
from boto3.dynamodb.conditions import Key

DDB = boto3.resource("dynamodb")
CLAIMS = DDB.Table(os.environ["CLAIMS_NAME"])
SES = boto3.client("ses")
SFN = boto3.client("stepfunctions")
S3 = boto3.client("s3")


def _now():
    return datetime.datetime.now(datetime.timezone.utc).isoformat()


def _send(to, subject, text):
    SES.send_email(
        Source=os.environ["SENDER"],
        Destination={"ToAddresses": [to]},
        Message={"Subject": {"Data": subject}, "Body": {"Text": {"Data": text}}},
    )


def _address(user):
    return f"{user}@example.com"


def request(event, _context):
    claim, approver = event["claim"], event["approver"]
    receipt = ""
    if claim.get("receiptKey"):
        receipt = S3.generate_presigned_url(
            "get_object",
            Params={"Bucket": os.environ["RECEIPTS_NAME"], "Key": claim["receiptKey"]},
            ExpiresIn=7 * 24 * 3600,
        )
    CLAIMS.update_item(
        Key={"id": claim["id"]},
        UpdateExpression="SET taskToken = :t, approverId = :a, requestedAt = :n",
        ExpressionAttributeValues={":t": event["callback"], ":a": approver, ":n": _now()},
    )
    link = f"{os.environ['DECISION_URL']}/{claim['id']}"
    _send(_address(approver), f"Approve expense {claim['id']}?",
          f"{claim['employee']} claims {claim['currency']} {claim['amount']}: "
          f"{claim['description']}\nDecide here: {link}\n{receipt}")
    return {"requested": claim["id"]}


def decide(event, _context):
    claim_id = event["pathParameters"]["id"]
    body = json.loads(event.get("body") or "{}")
    row = CLAIMS.get_item(Key={"id": claim_id}).get("Item")
    if not row or "taskToken" not in row:
        return {"statusCode": 404, "body": json.dumps({"error": "no open approval"})}
    decision = {
        "approved": bool(body.get("approved")),
        "approver": row.get("approverId", "unknown"),
        "comment": str(body.get("comment", ""))[:500],
    }
    try:
        SFN.send_task_success(taskToken=row["taskToken"], output=json.dumps(decision))
    except SFN.exceptions.TaskTimedOut:
        return {"statusCode": 410, "body": json.dumps({"error": "approval expired"})}
    CLAIMS.update_item(Key={"id": claim_id}, UpdateExpression="REMOVE taskToken")
    return {"statusCode": 200, "body": json.dumps(decision)}


def remind(_event, _context):
    pending = CLAIMS.query(IndexName="byStatus",
                           KeyConditionExpression=Key("status").eq("PENDING"))["Items"]
    reminded = 0
    for row in pending:
        token = row.get("taskToken")
        if not token:
            continue
        try:
            SFN.send_task_heartbeat(taskToken=token)
        except (SFN.exceptions.TaskTimedOut, SFN.exceptions.InvalidToken):
            continue
        _send(_address(row["approverId"]), f"Reminder: expense {row['id']} waits for you",
              f"Claim {row['id']} over {row['amount']} is still pending.")
        reminded += 1
    return {"reminded": reminded}
