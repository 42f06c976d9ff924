def handler(event, context):\n    return event
