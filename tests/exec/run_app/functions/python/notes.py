"""A Python handler that writes to the Notes table, its name from the template's environment."""
import os

import boto3

TABLE = boto3.resource("dynamodb").Table(os.environ["NOTES_NAME"])


def remember(event, context):
    TABLE.put_item(Item={"id": event["id"], "text": event["text"]})
    print(f"stored a note for {event['id']}")  # handler output goes to the trace's stream
    return {"stored": f"{event['id']} in {TABLE.name.split('-')[1]}"}

