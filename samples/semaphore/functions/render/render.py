"""Renders one job (a stand-in for expensive work that must not run too often at once)."""


def handler(event, context):
    job = event["job"]
    return {"key": f"renders/{job}.png"}
