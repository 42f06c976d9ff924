"""Inventory reservations against the Inventory table.

The flow passes arguments as one JSON object keyed by parameter name.

Each SKU row holds `available` and a map `reservations` of reservationId -> qty. Reserving
is one conditional update per item; a failure part-way releases what was taken, so the
function itself is all-or-nothing.
"""
import datetime
import os
import uuid

import boto3
from botocore.exceptions import ClientError

TABLE = boto3.resource("dynamodb").Table(os.environ["INVENTORY_NAME"])
HOLD = datetime.timedelta(minutes=30)


class OutOfStock(Exception):
    """Raised to the flow as error `OutOfStock`."""


def _take(sku, qty, reservation_id):
    TABLE.update_item(
        Key={"sku": sku},
        UpdateExpression="SET available = available - :q, reservations.#r = :q",
        ConditionExpression="available >= :q",
        ExpressionAttributeNames={"#r": reservation_id},
        ExpressionAttributeValues={":q": qty},
    )


def _give_back(sku, reservation_id):
    try:
        TABLE.update_item(
            Key={"sku": sku},
            UpdateExpression="SET available = available + reservations.#r REMOVE reservations.#r",
            ConditionExpression="attribute_exists(reservations.#r)",
            ExpressionAttributeNames={"#r": reservation_id},
        )
    except ClientError as err:
        # Already released: release is idempotent, which the saga relies on.
        if err.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise


def reserve(event, _context):
    order = event["order"]
    reservation_id = f"{order['id']}-{uuid.uuid4().hex[:8]}"
    taken = []
    try:
        for item in order["items"]:
            _take(item["sku"], int(item["qty"]), reservation_id)
            taken.append(item["sku"])
    except ClientError as err:
        for sku in taken:
            _give_back(sku, reservation_id)
        if err.response["Error"]["Code"] == "ConditionalCheckFailedException":
            raise OutOfStock(f"not enough stock for order {order['id']}") from err
        raise
    expires = datetime.datetime.now(datetime.timezone.utc) + HOLD
    return {"reservationId": reservation_id, "expiresAt": expires.isoformat()}


def release(event, _context):
    reservation_id = event["reservationId"]
    for item in event["order"]["items"]:
        _give_back(item["sku"], reservation_id)
    return {"released": reservation_id}
