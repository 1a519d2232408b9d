# Test registration: unit tests (cmocka, one file per module), golden files,
# CLI golden cases and the real-data checks. ctest prints the summary line.
pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)

# A plain release build of the binary, without sanitizers, for the checks
# that cap memory with `ulimit -v` (ASan reserves terabytes of address
# space): the same sources built once more in plain/.
include(ExternalProject)
ExternalProject_Add(storyline_plain
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${CMAKE_BINARY_DIR}/plain
  CMAKE_ARGS -DCMAKE_BUILD_TYPE=Release -DSL_TESTS=OFF -DSL_SANITIZE=OFF
             -DCMAKE_C_COMPILER=${CMAKE_C_COMPILER}
  BUILD_COMMAND ${CMAKE_COMMAND} -E env MAKEFLAGS=--no-print-directory
                ${CMAKE_COMMAND} --build <BINARY_DIR> --target storyline
                --parallel 2
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON)

set(SL_SHARED_DATA ${CMAKE_SOURCE_DIR}/../shared/data)
set(SL_TEST_ENV "SL_SOURCE_DIR=${CMAKE_SOURCE_DIR}"
                "SL_SHARED_DATA=${SL_SHARED_DATA}"
                "SL_BIN=$<TARGET_FILE:storyline>"
                "SL_PLAIN_BIN=${CMAKE_BINARY_DIR}/plain/storyline"
                "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1"
                "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")

# Under SL_VALGRIND (make check-memory) each unit test runs inside memcheck:
# any invalid access, use of undefined memory or definite leak exits 99,
# which fails the test. Real-data loops then read one record in ten and
# synthetic pages of tens of megabytes are ten times smaller
# (SL_TEST_SAMPLE, SL_TEST_SHRINK in tests/unit/sl_test.h).
set(SL_UNIT_RUNNER "")
if(SL_VALGRIND)
  find_program(VALGRIND valgrind REQUIRED)
  set(SL_UNIT_RUNNER ${VALGRIND} --tool=memcheck --error-exitcode=99
      --leak-check=full --errors-for-leak-kinds=definite,indirect
      --track-origins=yes --quiet)
  list(APPEND SL_TEST_ENV "SL_TEST_SAMPLE=10" "SL_TEST_SHRINK=10")
endif()

file(GLOB unit_srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/unit/test_*.c)
add_custom_target(unit_tests) # builds every unit test and nothing else
foreach(src ${unit_srcs})
  get_filename_component(name ${src} NAME_WE)
  add_executable(${name} ${src})
  add_dependencies(unit_tests ${name})
  # test_<module>[_x].c links only its module, so modules test alone.
  string(REGEX REPLACE "^test_([a-z]+).*$" "sl_\\1" module ${name})
  if(NOT TARGET ${module})
    set(module sl_pipeline)
  endif()
  target_link_libraries(${name} PRIVATE ${module} PkgConfig::CMOCKA)
  target_include_directories(${name} PRIVATE ${CMAKE_SOURCE_DIR}/tests/unit)
  add_test(NAME unit/${name} COMMAND ${SL_UNIT_RUNNER} $<TARGET_FILE:${name}>
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(unit/${name} PROPERTIES ENVIRONMENT "${SL_TEST_ENV}"
                       SKIP_RETURN_CODE 77)
endforeach()

# CLI golden cases: tests/cli/<case>/cmd, with expected stdout, stderr, exit.
file(GLOB cli_cases CONFIGURE_DEPENDS LIST_DIRECTORIES true
     ${CMAKE_SOURCE_DIR}/tests/cli/*)
foreach(dir ${cli_cases})
  if(IS_DIRECTORY ${dir} AND EXISTS ${dir}/cmd)
    get_filename_component(name ${dir} NAME)
    add_test(NAME cli/${name}
             COMMAND sh ${CMAKE_SOURCE_DIR}/tests/cli/run-case.sh ${dir})
    set_tests_properties(cli/${name} PROPERTIES ENVIRONMENT "${SL_TEST_ENV}")
  endif()
endforeach()

# Real-data checks: read ../shared/data, exit 77 (skipped) when it is absent.
file(GLOB real_checks CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/realdata/*.sh)
foreach(script ${real_checks})
  get_filename_component(name ${script} NAME_WE)
  add_test(NAME realdata/${name} COMMAND sh ${script})
  set_tests_properties(realdata/${name} PROPERTIES ENVIRONMENT "${SL_TEST_ENV}"
                       SKIP_RETURN_CODE 77)
endforeach()

# Pathological pages must fail fast, not hang (a quadratic pass on 50 MB);
# memcheck runs them about thirty times slower, on a page ten times smaller.
if(SL_VALGRIND)
  set_tests_properties(unit/test_clean_pathological PROPERTIES TIMEOUT 600)
else()
  set_tests_properties(unit/test_clean_pathological PROPERTIES TIMEOUT 120)
endif()
# Endless standard input must be refused, not read for ever.
set_tests_properties(unit/test_ingest_reader cli/stdin-endless
                     PROPERTIES TIMEOUT 600)
