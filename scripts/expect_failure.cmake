# Runs a command that must fail for the expected reason: passes only when the
# command exits non-zero and its output matches the regular expression, so a
# failure for any other reason (a typo, a missing tool) does not count.
#   cmake -P scripts/expect_failure.cmake -- <regex> <command> [args...]
cmake_minimum_required(VERSION 3.25)
math(EXPR last "${CMAKE_ARGC} - 1")
set(args "")
foreach(i RANGE 0 ${last})
  list(APPEND args "${CMAKE_ARGV${i}}")
endforeach()
list(FIND args "--" p)
math(EXPR regex_at "${p} + 1")
math(EXPR command_at "${p} + 2")
if(p EQUAL -1 OR command_at GREATER last)
  message(FATAL_ERROR "usage: cmake -P expect_failure.cmake -- <regex> <command> [args...]")
endif()
list(GET args ${regex_at} regex)
list(SUBLIST args ${command_at} -1 command)

execute_process(COMMAND ${command} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
string(REPLACE "\n" " " flat "${out}")
if(rc EQUAL 0)
  message(FATAL_ERROR "expected a failure, but it succeeded:\n${out}")
endif()
if(NOT flat MATCHES "${regex}")
  message(FATAL_ERROR "failed (${rc}), but not with '${regex}':\n${out}")
endif()
message("failed as expected (${rc}): ${regex}")
