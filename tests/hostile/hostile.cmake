# The hostile-input suite (issue 15): each tests/hostile/*.sh runs the real `caios` executable
# against devices, pipes, FIFOs, full disks and unreadable folders, things an in-process golden
# case cannot show. A script gets the caios executable, the repository root and a scratch
# folder of its own; exit 0 passes, 77 skips (a missing tool), anything else fails.
# `ctest -L hostile` (or `-R hostile/`) runs the suite.
file(GLOB CAIOS_HOSTILE_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.sh)
foreach(script IN LISTS CAIOS_HOSTILE_SCRIPTS)
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME hostile/${name}
    COMMAND sh ${script} $<TARGET_FILE:caios> ${CMAKE_SOURCE_DIR}
            ${CMAKE_BINARY_DIR}/hostile/${name})
  set_tests_properties(hostile/${name} PROPERTIES LABELS hostile SKIP_RETURN_CODE 77 TIMEOUT 120)
endforeach()
