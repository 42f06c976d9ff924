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
