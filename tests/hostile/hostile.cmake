# The hostile-input suite (issue 15): each tests/hostile/*.sh runs the real `caios` executable
# against devices, pipes, FIFOs, full disks, unreadable folders, dangerous output folders and
# `kill -9` during builds, things an in-process golden case cannot show. Exit 0 passes, 77
# skips (a tool or permission the test needs is missing), anything else fails.
# `ctest -L hostile` (or `-R hostile/`) runs the suite. Two calling conventions:
#   output_*.sh  (the output folder): caios, the stdlib folder and the program generator
#                (caios_bench_gen), run from the repository root;
#   the others   (inputs):            caios, the repository root and a scratch folder of its own.
file(GLOB CAIOS_HOSTILE_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.sh)
foreach(script IN LISTS CAIOS_HOSTILE_SCRIPTS)
  get_filename_component(name ${script} NAME_WE)
  if(name MATCHES "^output_")
    add_test(NAME hostile/${name}
      COMMAND bash ${script} $<TARGET_FILE:caios> ${CMAKE_SOURCE_DIR}/stdlib
              $<TARGET_FILE:caios_bench_gen>
      WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  else()
    add_test(NAME hostile/${name}
      COMMAND sh ${script} $<TARGET_FILE:caios> ${CMAKE_SOURCE_DIR}
              ${CMAKE_BINARY_DIR}/hostile/${name})
  endif()
  set_tests_properties(hostile/${name} PROPERTIES LABELS hostile SKIP_RETURN_CODE 77 TIMEOUT 180)
endforeach()
