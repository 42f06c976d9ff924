"""HTTP tasks' error names in the local cloud. See docs/testing.md.

moto 5.2.1 refuses every error name that begins with `States.` but is not one of the errors it
knows, so a definition whose HTTP task retries or catches `States.Http.StatusCode.429` (std.retry's
`HttpTransient`) or `States.Http.Socket`, the errors Step Functions documents for HTTP tasks,
cannot even be created, and no flow of it runs; nor can one with an HTTP task
(`arn:aws:states:::http:invoke`: "Unknown service 'http'"). The local cloud accepts those names
and creates such definitions, the HTTP task being one of the services moto forwards to an AWS
client it does not have: the task fails when it runs, but the rest of the flow runs.
"""
_HTTP_ERRORS = "States.Http."


def install():
    """Lets moto's custom error names include Step Functions' HTTP task errors."""
    from moto.stepfunctions.parser.asl.component.common.error_name import custom_error_name
    from moto.stepfunctions.parser.asl.component.common.error_name.error_name import ErrorName

    cls = custom_error_name.CustomErrorName
    if getattr(cls, "_caios_http", False):
        return
    original_init = cls.__init__

    def init(self, error_name):
        if error_name is not None and error_name.startswith(_HTTP_ERRORS):
            ErrorName.__init__(self, error_name=error_name)
            return
        original_init(self, error_name)

    cls.__init__ = init
    cls._caios_http = True

    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_factory as factory)
    factory._UNSUPPORTED_SERVICE_NAMES.add("http")
