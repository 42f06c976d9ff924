def handler(event, context):
    return event["n"] * 2
