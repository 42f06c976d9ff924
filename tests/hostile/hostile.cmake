# Hostile-input tests of the output folder (issue 15, data loss): shell scripts run by CTest
# as `hostile/NAME`, each given the caios executable, the stdlib and the program generator.
# Exit 77 means skipped (a tool or permission the test needs is missing).
foreach(name output_guard output_app_names output_kill_at_swap output_kill_loop
             output_long_name output_read_only)
  add_test(NAME hostile/${name}
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/${name}.sh $<TARGET_FILE:caios>
            ${CMAKE_SOURCE_DIR}/stdlib $<TARGET_FILE:caios_bench_gen>
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(hostile/${name} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()
