# Reads the arrows of docs/architecture.md ("Layers"): the layer table and the
# per-file port list, each the fenced block after its HTML comment marker.
# Included by server/CMakeLists.txt (include folders) and scripts/check_layers.cmake
# (the include checker), so both read the one table the same way.
#
# livedesk_read_layer_table(<doc>) sets, in the caller's scope:
#   LIVEDESK_LAYERS                   every layer, in table order
#   LIVEDESK_LAYER_USES_<layer>       the layers <layer> may include besides itself
#   LIVEDESK_LAYER_EXCEPTION_FILES    files (relative to server/src) with exceptions
#   LIVEDESK_LAYER_EXCEPTION_<n>      the extra layers of the n-th of those files (0-based)

# The lines of the fenced block that follows `marker` in `text`.
function(_livedesk_fenced_block text marker out)
  string(FIND "${text}" "${marker}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "layer table: marker '${marker}' not found")
  endif()
  string(SUBSTRING "${text}" ${at} -1 rest)
  string(FIND "${rest}" "```" open)
  string(SUBSTRING "${rest}" ${open} -1 rest)
  string(FIND "${rest}" "\n" line_end)
  math(EXPR body_start "${line_end} + 1")
  string(SUBSTRING "${rest}" ${body_start} -1 rest)
  string(FIND "${rest}" "```" close)
  string(SUBSTRING "${rest}" 0 ${close} body)
  string(REPLACE "\n" ";" lines "${body}")
  set(${out} "${lines}" PARENT_SCOPE)
endfunction()

# "a b  c" -> "a;b;c"
function(_livedesk_words text out)
  string(STRIP "${text}" text)
  string(REGEX REPLACE " +" ";" words "${text}")
  set(${out} "${words}" PARENT_SCOPE)
endfunction()

function(livedesk_read_layer_table doc)
  file(READ "${doc}" text)
  _livedesk_fenced_block("${text}" "<!-- layer-table:" table)
  set(layers "")
  foreach(line IN LISTS table)
    if(line STREQUAL "")
      continue()
    endif()
    if(NOT line MATCHES "^([a-z]+) *->([a-z ]*)$")
      message(FATAL_ERROR "layer table: cannot read '${line}' (want '<layer> -> <layer> ...')")
    endif()
    set(layer ${CMAKE_MATCH_1})
    _livedesk_words("${CMAKE_MATCH_2}" uses)
    list(APPEND layers ${layer})
    set(LIVEDESK_LAYER_USES_${layer} "${uses}" PARENT_SCOPE)
  endforeach()
  set(LIVEDESK_LAYERS "${layers}" PARENT_SCOPE)

  _livedesk_fenced_block("${text}" "<!-- layer-exceptions:" exceptions)
  set(files "")
  set(n 0)
  foreach(line IN LISTS exceptions)
    string(REGEX REPLACE " *#.*$" "" line "${line}")
    if(line STREQUAL "")
      continue()
    endif()
    if(NOT line MATCHES "^([a-z_]+/[a-z_/]+\\.[ch]pp) *->([a-z ]+)$")
      message(FATAL_ERROR "layer exceptions: cannot read '${line}' (want '<layer>/<file> -> <layer> ...  # why')")
    endif()
    list(APPEND files ${CMAKE_MATCH_1})
    _livedesk_words("${CMAKE_MATCH_2}" extra)
    set(LIVEDESK_LAYER_EXCEPTION_${n} "${extra}" PARENT_SCOPE)
    math(EXPR n "${n} + 1")
  endforeach()
  set(LIVEDESK_LAYER_EXCEPTION_FILES "${files}" PARENT_SCOPE)
endfunction()
