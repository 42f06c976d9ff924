"""A Python handler that fails with error `Boom`."""


class Boom(Exception):
    """Raised to the flow as error `Boom`."""


def explode(event, _context):
    raise Boom(f"exploded: {event['reason']}")
