// Reading files: a file over the limit is refused before it is read, and every failure says why.
#include "support/files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace fs = std::filesystem;
using qiao::support::ReadFile;

namespace {

fs::path TempFile(const std::string& name, const std::string& bytes) {
  fs::path dir = fs::temp_directory_path() / ("qiao-support-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << bytes;
  return dir / name;
}

std::string PackSized(size_t bytes) { return "file is " + std::to_string(bytes / 1024) + " KiB; a pack may not"; }

}  // namespace

TEST(ReadFile, ReadsTheWholeFileByteForByte) {
  const std::string bytes = std::string("a\0b\r\n\xE6\xA1\xA5", 8);
  fs::path p = TempFile("whole.bin", bytes);
  std::string out, error;
  ASSERT_TRUE(ReadFile(p.string(), &out, &error)) << error;
  EXPECT_EQ(out, bytes);
  fs::remove_all(p.parent_path());
}

TEST(ReadFile, MissingFileSaysSo) {
  std::string out, error;
  EXPECT_FALSE(ReadFile("/nonexistent/qiao/file.json", &out, &error));
  EXPECT_EQ(error, "cannot open file");
}

TEST(ReadFile, LargerThanTheLimitIsRefusedWithItsSize) {
  fs::path p = TempFile("big.json", std::string(3 * 1024, 'x'));
  std::string out = "unchanged", error;
  EXPECT_FALSE(ReadFile(p.string(), &out, &error, 2 * 1024));
  EXPECT_EQ(error, "file is 3 KiB; at most 2 KiB is read");
  EXPECT_EQ(out, "unchanged");
  // A caller may explain its own limit.
  EXPECT_FALSE(ReadFile(p.string(), &out, &error, 2 * 1024, PackSized));
  EXPECT_EQ(error, "file is 3 KiB; a pack may not");
  std::string exact;
  EXPECT_TRUE(ReadFile(p.string(), &exact, &error, 3 * 1024));
  EXPECT_EQ(exact.size(), 3u * 1024);
  fs::remove_all(p.parent_path());
}
