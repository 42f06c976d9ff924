"""Pricing steps of the quote flow, plus the GET /quotes/{id} handler.

Every handler receives the flow's arguments as one object keyed by parameter name.
Money is computed with Decimal and rounded to cents at the end.
"""
import datetime
import decimal
import json
import os
import uuid

import boto3

D = decimal.Decimal
CENT = D("0.01")

ZONE_BASE = {"eu": D("4.90"), "uk": D("6.90"), "na": D("9.90"), "world": D("19.90")}
ZONE_PER_KG = {"eu": D("0.80"), "uk": D("1.10"), "na": D("1.50"), "world": D("3.50")}
VAT = {"DE": D("0.19"), "FR": D("0.20"), "NL": D("0.21"), "BE": D("0.21"), "AT": D("0.20"),
       "IT": D("0.22"), "ES": D("0.21"), "GB": D("0.20")}
COUPONS = {"WELCOME10": D("0.10"), "SPRING15": D("0.15"), "VIP25": D("0.25")}


def _subtotal(lines):
    return sum((D(str(l["price"])) * l["qty"] for l in lines), D(0))


def shipping(event, _context):
    zone = event["zone"]
    weight = sum((D(str(l["weightKg"])) * l["qty"] for l in event["lines"]), D(0))
    amount = ZONE_BASE[zone] + ZONE_PER_KG[zone] * weight
    if zone == "eu" and _subtotal(event["lines"]) >= D("100"):
        amount = D(0)
    return {"amount": float(amount.quantize(CENT)), "service": f"{zone}-standard"}


def coupon(event, _context):
    code = (event.get("code") or "").strip().upper()
    rate = min(COUPONS.get(code, D(0)), D(os.environ.get("MAX_DISCOUNT_RATE", "0.3")))
    amount = (_subtotal(event["lines"]) * rate).quantize(CENT)
    return {"amount": float(amount), "code": code if rate else ""}


def finalize(event, _context):
    subtotal = _subtotal(event["lines"])
    shipping_cost = D(str(event["shipping"]))
    discount = D(str(event["discount"]))
    taxable = max(subtotal - discount, D(0)) + shipping_cost
    tax = (taxable * VAT.get(event["country"].strip().upper(), D(0))).quantize(CENT)
    valid_until = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=24)
    return {
        "quoteId": uuid.uuid4().hex,
        "currency": "EUR",
        "subtotal": float(subtotal.quantize(CENT)),
        "shipping": float(shipping_cost),
        "discount": float(discount),
        "tax": float(tax),
        "total": float((taxable + tax).quantize(CENT)),
        "validUntil": valid_until.isoformat(timespec="seconds"),
    }


def get_quote(event, _context):
    table = boto3.resource("dynamodb").Table(os.environ["QUOTES_NAME"])
    quote_id = event["pathParameters"]["id"]
    item = table.get_item(Key={"quoteId": quote_id}).get("Item")
    if not item:
        return {"statusCode": 404, "body": json.dumps({"error": f"no quote {quote_id}"})}
    return {"statusCode": 200, "headers": {"Content-Type": "application/json"},
            "body": json.dumps(item["quote"], default=float)}
