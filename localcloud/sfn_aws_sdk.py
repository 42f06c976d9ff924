"""Streamed bodies of AWS SDK integrations (`arn:aws:states:::aws-sdk:s3:getObject`, a
bucket's `get(key)`) as AWS gives them: Step Functions reads the stream and puts its text in
the task's result (`Body`). moto 5.2.1's interpreter keeps botocore's stream object, which
its JSON encoder writes as `<botocore.httpchecksum.StreamingChecksumBody object at 0x…>`, so
a flow that read an object got that text instead of the object's content.

The same integration names an error `<Service>.<Exception>`, the service in Pascal case as
AWS writes it (`S3.NoSuchKeyException`, docs/language.md); moto knows the spelling of two
services only and writes S3's in lower case (`s3.NoSuchKeyException`), which a flow's
`catch S3.NoSuchKeyException` does not take."""


def install():
    """Reads every streamed member of an aws-sdk task's response into a string."""
    from moto.stepfunctions.parser.asl.component.state.exec.state_task.service import (
        state_task_service_aws_sdk as aws_sdk)

    cls = aws_sdk.StateTaskServiceAwsSdk
    if getattr(cls, "_caios_streams", False):
        return
    aws_sdk._SERVICE_ERROR_NAMES.setdefault("s3", "S3")
    original_eval = cls._eval_service_task

    def eval_service_task(self, env, resource_runtime_part, normalised_parameters,
                          state_credentials):
        original_eval(self, env=env, resource_runtime_part=resource_runtime_part,
                      normalised_parameters=normalised_parameters,
                      state_credentials=state_credentials)
        response = env.stack[-1]
        if isinstance(response, dict):
            for key, value in response.items():
                if hasattr(value, "read") and callable(value.read):
                    response[key] = value.read().decode("utf-8", errors="replace")

    cls._eval_service_task = eval_service_task
    cls._caios_streams = True
