#pragma once
// How the WebSocket fuzz targets read their input: one text frame per line
// (a JSON frame has no raw newline inside its strings), so a corpus file is a
// conversation and the fuzzer can reach the frames that follow auth.
#include <string_view>
#include <vector>

namespace livedesk::fuzz {

inline std::vector<std::string_view> frames_of(std::string_view input, std::size_t max_frames = 64) {
  std::vector<std::string_view> frames;
  while (!input.empty() && frames.size() < max_frames) {
    const auto end = input.find('\n');
    frames.push_back(input.substr(0, end));
    if (end == std::string_view::npos) break;
    input.remove_prefix(end + 1);
  }
  return frames;
}

}  // namespace livedesk::fuzz
