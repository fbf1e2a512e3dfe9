// Test helper: writes 16-bit mono PCM as a WAV file (the clip format recorded audio uses), so
// tests can make clips from espeak-ng's samples.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <vector>

namespace qiao::testing {

inline void WriteWav(const std::filesystem::path& path, const std::vector<int16_t>& pcm, uint32_t rate) {
  std::ofstream wav(path, std::ios::binary);
  auto u32 = [&](uint32_t v) { wav.write(reinterpret_cast<const char*>(&v), 4); };
  auto u16 = [&](uint16_t v) { wav.write(reinterpret_cast<const char*>(&v), 2); };
  const uint32_t bytes = static_cast<uint32_t>(pcm.size() * 2);
  wav << "RIFF";
  u32(36 + bytes);
  wav << "WAVEfmt ";
  u32(16); u16(1); u16(1); u32(rate); u32(rate * 2); u16(2); u16(16);
  wav << "data";
  u32(bytes);
  wav.write(reinterpret_cast<const char*>(pcm.data()), bytes);
}

}  // namespace qiao::testing
