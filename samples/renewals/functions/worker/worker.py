"""Renews subscriptions from the Jobs queue, ten messages per invocation.

Each message is a RenewalJob. A renewal charges the customer's stored payment method (a
stub provider call here), moves `renewsOn` one period ahead and emits a `SubscriptionRenewed`
event; a declined charge marks the row RENEWAL_FAILED so `reconcile` reports it. Messages
that fail for any other reason are returned as batchItemFailures and retried by SQS, then
land in the dead-letter queue after three receives.
"""
import datetime
import json
import os

import boto3

DDB = boto3.resource("dynamodb").Table(os.environ["SUBSCRIPTIONS_NAME"])
EVENTS = boto3.client("events")
BUS = os.environ["BILLING_NAME"]
PERIOD_DAYS = {"monthly": 30, "quarterly": 91, "yearly": 365}


class Declined(Exception):
    pass


def charge(subscription):
    # The payment provider call; amounts of zero are trials and always succeed.
    if subscription["price"] < 0:
        raise Declined("negative price")
    return f"ch_{subscription['id']}_{subscription['renewsOn']}"


def renew(job):
    sub = DDB.get_item(Key={"id": job["subscriptionId"]}).get("Item")
    if not sub or sub["status"] != "ACTIVE" or sub["renewsOn"] != job["day"]:
        return "skipped"  # already renewed, cancelled or rescheduled: idempotent
    try:
        charge_id = charge(sub)
    except Declined as err:
        DDB.update_item(Key={"id": sub["id"]}, UpdateExpression="SET #s = :s, reason = :r",
                        ExpressionAttributeNames={"#s": "status"},
                        ExpressionAttributeValues={":s": "RENEWAL_FAILED", ":r": str(err)})
        return "failed"
    days = PERIOD_DAYS.get(sub["plan"], 30)
    next_day = (datetime.date.fromisoformat(sub["renewsOn"]) + datetime.timedelta(days=days))
    DDB.update_item(
        Key={"id": sub["id"]},
        UpdateExpression="SET renewsOn = :n, lastChargeId = :c",
        ConditionExpression="renewsOn = :d",
        ExpressionAttributeValues={":n": next_day.isoformat(), ":c": charge_id, ":d": job["day"]},
    )
    EVENTS.put_events(Entries=[{
        "EventBusName": BUS,
        "Source": "billing.renewals",
        "DetailType": "SubscriptionRenewed",
        "Detail": json.dumps({"id": sub["id"], "customer": sub["customer"],
                              "chargeId": charge_id, "renewsOn": next_day.isoformat()}),
    }])
    return "renewed"


def handler(event, _context):
    failures, outcome = [], {}
    for record in event["Records"]:
        try:
            result = renew(json.loads(record["body"]))
            outcome[result] = outcome.get(result, 0) + 1
        except Exception as err:  # noqa: BLE001 - reported per message to SQS
            print(json.dumps({"messageId": record["messageId"], "error": repr(err)}))
            failures.append({"itemIdentifier": record["messageId"]})
    print(json.dumps({"outcome": outcome, "failed": len(failures)}))
    return {"batchItemFailures": failures}
