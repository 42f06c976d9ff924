# Validators of the compiler's output built on tools we did not write (tests/validate/*.mjs:
# asl-validator for ASL, the CloudFormation resource spec of @aws-cdk/aws-service-spec for
# templates, least-privilege IAM rules). This registers their self-test, which proves each
# validator accepts good fixtures and rejects bad ones. Needs `npm ci` at the repo root; exit
# 77 = skipped when node_modules is missing (unless CI is set), like sarif/schema.
# Include from tests/CMakeLists.txt; uses CAIOS_NODE (the node executable) when set, else
# finds node as the sarif/schema test does.
if(NOT CAIOS_NODE)
  find_program(CAIOS_NODE NAMES node)
endif()
if(CAIOS_NODE)
  add_test(NAME validate/selftest
    COMMAND ${CAIOS_NODE} ${CMAKE_SOURCE_DIR}/tests/validate/selftest.mjs
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(validate/selftest PROPERTIES SKIP_RETURN_CODE 77)
endif()

# cfn-lint (AWS's CloudFormation linter, Python; pinned in requirements-test.txt) and the check of
# the compiler's Lambda runtime table against the schedule cfn-lint ships. They run with
# CAIOS_PYTHON when set, else .venv/bin/python3 (what `scripts/setup.sh --with-python` creates)
# when it exists, else the python3 first in PATH; exit 77 = skipped when cfn-lint is not
# installed there (unless CI is set). validate/cfn-lint itself is registered in
# tests/CMakeLists.txt, next to validate/outputs, over the same output folders.
if(NOT CAIOS_PYTHON AND EXISTS ${CMAKE_SOURCE_DIR}/.venv/bin/python3)
  set(CAIOS_PYTHON ${CMAKE_SOURCE_DIR}/.venv/bin/python3)
endif()
if(NOT CAIOS_PYTHON)
  find_program(CAIOS_PYTHON NAMES python3)
endif()
if(CAIOS_PYTHON)
  add_test(NAME validate/runtime_table
    COMMAND ${CAIOS_PYTHON} ${CMAKE_SOURCE_DIR}/tests/validate/runtime_table.py
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(validate/runtime_table PROPERTIES SKIP_RETURN_CODE 77)
endif()
