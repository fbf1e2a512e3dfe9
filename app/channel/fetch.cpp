#include "channel/fetch.h"

#include "channel/crypto.h"

#include <curl/curl.h>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>

namespace qiao::channel {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPart = ".part";

// Where one response's body goes, and what it may be.
struct Transfer {
  CURL* curl = nullptr;
  int fd = -1;                      // the .part file, or -1: into `memory`
  std::string* memory = nullptr;
  uint64_t offset = 0;              // bytes already in the .part file (asked for with Range)
  uint64_t received = 0;            // bytes of this response written
  uint64_t limit = 0;               // offset + received never exceeds this
  Sha256* hash = nullptr;           // fed what is written (restarted when a range is not honoured)
  bool status_checked = false;
  bool restarted = false;           // asked for a range, got the whole file
  bool too_long = false;            // the server sent more than `limit`
  int write_errno = 0;              // writing the .part file failed
};

size_t OnData(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  if (!t->status_checked) {
    t->status_checked = true;
    long code = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &code);
    if (t->offset > 0 && code != 206) {
      // A server without ranges sends the whole file: start it again.
      t->restarted = true;
      t->offset = 0;
      if (t->hash) *t->hash = Sha256();
      if (t->fd >= 0 && (::ftruncate(t->fd, 0) != 0 || ::lseek(t->fd, 0, SEEK_SET) != 0)) {
        t->write_errno = errno;
        return 0;
      }
    }
  }
  // Cut off at the first byte beyond what channel.json promises (returning less than `n` aborts).
  if (t->offset + t->received + n > t->limit) {
    t->too_long = true;
    return 0;
  }
  if (t->fd >= 0) {
    size_t done = 0;
    while (done < n) {
      ssize_t w = ::write(t->fd, data + done, n - done);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        t->write_errno = w < 0 ? errno : ENOSPC;
        return 0;
      }
      done += static_cast<size_t>(w);
    }
  } else {
    t->memory->append(data, n);
  }
  if (t->hash) t->hash->Update({data, n});
  t->received += n;
  return n;
}

// Why a request did not give the whole body. `served_wrong`: the server's fault (an HTTP error,
// too many bytes), as opposed to the way there (connection, timeout, TLS) or this machine.
struct GetError {
  std::string message;  // empty: fine
  bool served_wrong = false;
  bool too_long = false;  // more bytes sent or announced than allowed
};

// One libcurl handle for the whole run, so its connection is used again for every file.
class Client {
 public:
  explicit Client(const FetchOptions& options) : options_(options) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    curl_ = curl_easy_init();
  }
  ~Client() {
    if (curl_) curl_easy_cleanup(curl_);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  GetError Get(const std::string& url, Transfer* t) {
    if (!curl_) return {url + ": libcurl could not start", false};
    curl_easy_reset(curl_);
    char detail[CURL_ERROR_SIZE] = "";
    const std::string agent = std::string("qiao-update/") + AppVersion();
    const std::string range = std::to_string(t->offset) + "-";
    t->curl = curl_;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_ERRORBUFFER, detail);
    curl_easy_setopt(curl_, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl_, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl_, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl_, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl_, CURLOPT_FAILONERROR, 1L);  // 4xx/5xx: an error, its body not taken for the file
    curl_easy_setopt(curl_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl_, CURLOPT_USERAGENT, agent.c_str());
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds);
    // Less than 1 byte a second for this long: stalled. A slow download that moves goes on.
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_TIME, options_.stalled_seconds);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, OnData);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, t);
    if (t->offset > 0) curl_easy_setopt(curl_, CURLOPT_RANGE, range.c_str());
    // A whole file announced longer than allowed is refused before its first byte (a range's
    // answer may be the whole file, if the server cannot continue: OnData cuts that one).
    else curl_easy_setopt(curl_, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t->limit));
    const CURLcode rc = curl_easy_perform(curl_);
    long code = 0;
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &code);
    if (rc == CURLE_OK) return {};
    const std::string why = detail[0] ? detail : curl_easy_strerror(rc);
    if (t->too_long || rc == CURLE_FILESIZE_EXCEEDED)
      return {url + ": the server sends more than the " + std::to_string(t->limit) +
                  " bytes channel.json allows; stopped there (damaged or not this channel's file)",
              true, true};
    if (t->write_errno) return {url + ": cannot write what arrives: " + std::strerror(t->write_errno), false};
    switch (rc) {
      case CURLE_HTTP_RETURNED_ERROR:
        // 4xx: the server says the file is not there for us (refused); 5xx: its trouble, try later.
        return {url + ": the server answers HTTP " + std::to_string(code) +
                    (code == 404   ? " (not found: is the address right? is the whole channel on the server?)"
                     : code >= 500 ? " (a server error; the next run tries again)"
                                   : ""),
                code < 500};
      case CURLE_COULDNT_RESOLVE_HOST:
        return {url + ": cannot find the server (" + why + "): is the address right, is the kiosk online?", false};
      case CURLE_COULDNT_CONNECT:
        return {url + ": cannot connect (" + why + "): is the server running, is the address right?", false};
      case CURLE_OPERATION_TIMEDOUT:
        return {url + ": timed out (" + why + "); the next run tries again", false};
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CIPHER:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_ISSUER_ERROR:
      case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return {url + ": TLS error (" + why + "): the secure connection failed or the server's certificate is not trusted",
                false};
      case CURLE_PARTIAL_FILE:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
        return {url + ": the download broke off after " + std::to_string(t->offset + t->received) + " bytes (" + why +
                    "); the next run continues it",
                false};
      default:
        return {url + ": " + why, false};
    }
  }

 private:
  const FetchOptions& options_;
  CURL* curl_ = nullptr;
};

// Feeds the first `bytes` of `path` to `hash`; false if it cannot read them all.
bool HashPrefix(const std::string& path, uint64_t bytes, Sha256* hash) {
  std::ifstream in(path, std::ios::binary);
  std::string buf(1 << 16, '\0');
  while (bytes > 0 && in) {
    in.read(buf.data(), static_cast<std::streamsize>(std::min<uint64_t>(buf.size(), bytes)));
    const auto got = static_cast<uint64_t>(in.gcount());
    if (got == 0) break;
    hash->Update({buf.data(), got});
    bytes -= got;
  }
  return bytes == 0;
}

// Downloads listed file `f` from `base` into `staging` (as <path>.part, renamed once whole and
// verified). Continues a .part an earlier run left with a Range request; a continued file that
// does not match is fetched once more from the start.
GetError DownloadFile(Client& client, const std::string& base, const std::string& staging, const FileEntry& f,
                      std::vector<std::string>* notes) {
  const std::string dest = JoinPath(staging, f.path), part = dest + std::string(kPart), url = base + f.path;
  std::error_code ec;
  std::string bytes, why;
  if (fs::exists(dest, ec) && ReadVerified(dest, f.size, f.sha256, &bytes, &why)) {
    notes->push_back(f.path + " was downloaded already");
    return {};
  }
  fs::remove(dest, ec);
  fs::create_directories(fs::path(dest).parent_path(), ec);
  if (ec) return {"cannot create " + fs::path(dest).parent_path().string() + ": " + ec.message(), false};
  for (int attempt = 0;; ++attempt) {
    Sha256 hash;
    Transfer t;
    t.limit = f.size;
    t.hash = &hash;
    struct stat st;
    if (::stat(part.c_str(), &st) == 0) {
      const auto have = static_cast<uint64_t>(st.st_size);
      if (have == f.size && ReadVerified(part, f.size, f.sha256, &bytes, &why)) {
        // Whole and right, but not yet renamed when the last run stopped.
        if (::rename(part.c_str(), dest.c_str()) != 0) return {"cannot rename " + part + ": " + std::strerror(errno), false};
        notes->push_back(f.path + " was downloaded already");
        return {};
      }
      if (have > 0 && have < f.size && HashPrefix(part, have, &hash)) {
        t.offset = have;
      } else {
        fs::remove(part, ec);
        hash = Sha256();
      }
    }
    t.fd = ::open(part.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
    if (t.fd < 0) return {"cannot create " + part + ": " + std::strerror(errno), false};
    if (::lseek(t.fd, static_cast<off_t>(t.offset), SEEK_SET) < 0 || ::ftruncate(t.fd, static_cast<off_t>(t.offset)) != 0) {
      ::close(t.fd);
      return {"cannot write " + part + ": " + std::strerror(errno), false};
    }
    const uint64_t resumed_from = t.offset;
    GetError e = client.Get(url, &t);
    if (t.restarted) notes->push_back(url + ": the server does not continue downloads (no Range); started again");
    if (e.message.empty() && t.offset + t.received != f.size)
      // Ended early without a length to say so (a connection closed mid-file): kept, continued.
      e = {url + ": the download ended after " + std::to_string(t.offset + t.received) + " of the " +
               std::to_string(f.size) + " bytes channel.json lists; the next run continues it",
           false};
    if (e.message.empty() && hash.HexDigest() != f.sha256) {
      e = {url + ": SHA-256 differs from the one channel.json lists (damaged on the server or on the way)", true};
      if (resumed_from > 0 && attempt == 0) {
        // Perhaps the .part was of other bytes: once more, whole.
        ::close(t.fd);
        fs::remove(part, ec);
        notes->push_back(url + ": the continued download does not match; fetching it whole");
        continue;
      }
    }
    if (e.message.empty() && ::fsync(t.fd) != 0) e = {"cannot flush " + part + ": " + std::strerror(errno), false};
    ::close(t.fd);
    if (!e.message.empty()) {
      // What the server got wrong is not kept; a download the way interrupted is continued next run.
      if (e.served_wrong) fs::remove(part, ec);
      return e;
    }
    if (::rename(part.c_str(), dest.c_str()) != 0) return {"cannot rename " + part + ": " + std::strerror(errno), false};
    notes->push_back("downloaded " + url + " (" + std::to_string(f.size) + " bytes" +
                     (resumed_from > 0 && !t.restarted ? ", continued from byte " + std::to_string(resumed_from) : "") + ")");
    return {};
  }
}

// Removes from the staging folder every file the channel does not list (an older release's).
void KeepOnlyListed(const std::string& staging, const Manifest& m) {
  std::set<std::string> keep = {std::string(kManifestName), std::string(kSignatureName)};
  for (const FileEntry& f : m.files) {
    keep.insert(f.path);
    keep.insert(f.path + std::string(kPart));
  }
  std::error_code ec;
  std::vector<fs::path> stale;
  for (auto it = fs::recursive_directory_iterator(staging, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
    if (!it->is_directory(ec) && !keep.contains(fs::relative(it->path(), staging, ec).generic_string()))
      stale.push_back(it->path());
  for (const fs::path& p : stale) fs::remove(p, ec);
}

class DownloadLock {
 public:
  bool Acquire(const std::string& path, std::string* error) {
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return *error = "cannot open " + path + ": " + std::strerror(errno), false;
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0)
      return *error = "another qiao-update is downloading (" + path + "); try again when it has finished", false;
    return true;
  }
  ~DownloadLock() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_ = -1;
};

}  // namespace

bool IsChannelUrl(const std::string& s) { return s.starts_with("http://") || s.starts_with("https://"); }

InstallResult FetchAndInstall(const std::string& url, const InstallOptions& options, const FetchOptions& fetch) {
  InstallResult result;
  auto stop = [&](InstallStatus status, InstallProblem problem, std::string message) {
    result.errors.push_back(std::move(message));
    result.status = status;
    result.problem = problem;
    return result;
  };
  auto fail = [&](std::string message) { return stop(InstallStatus::kFailed, InstallProblem::kMachine, std::move(message)); };
  // The channel's folder, with a slash: a path of channel.json is appended to it.
  std::string base = url;
  if (base.ends_with("/" + std::string(kManifestName))) base.resize(base.size() - kManifestName.size());
  if (!base.ends_with("/")) base += "/";

  const std::string& root = options.root;
  const std::string staging = root + "/download";
  std::error_code ec;
  fs::create_directories(staging, ec);
  if (ec) return fail("cannot create " + staging + ": " + ec.message());
  DownloadLock lock;
  std::string why;
  if (!lock.Acquire(root + "/download.lock", &why)) return fail(why);
  Client client(fetch);

  // 1. channel.json and its signature: small, checked before anything else is asked for.
  for (const auto& [name, max] : {std::pair{kManifestName, kMaxManifestBytes}, std::pair{kSignatureName, kMaxSignatureBytes}}) {
    std::string bytes;
    Transfer t;
    t.memory = &bytes;
    t.limit = max;
    GetError e = client.Get(base + std::string(name), &t);
    if (e.too_long)
      e.message = base + std::string(name) + ": larger than the " + std::to_string(max) + " bytes it may be";
    if (!e.message.empty())
      return e.served_wrong ? stop(InstallStatus::kRefused, InstallProblem::kSignature, e.message) : fail(e.message);
    std::ofstream out(JoinPath(staging, name), std::ios::binary | std::ios::trunc);
    if (!out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush())
      return fail("cannot write " + JoinPath(staging, name));
  }
  std::vector<std::string> errors;
  std::optional<SignedManifest> s = ReadSignedManifest(staging, options.keys, &errors);
  if (!s) {
    for (std::string& e : errors) result.errors.push_back(e + " (downloaded from " + base + ")");
    result.status = InstallStatus::kRefused;
    result.problem = InstallProblem::kSignature;
    return result;
  }
  const Manifest& m = s->manifest;
  result.channel = m.channel;
  result.sequence = m.sequence;
  result.expires = m.expires;
  std::optional<Manifest> installed = InstalledManifest(root, &why);
  if (!installed && !why.empty())
    return fail("the installed content cannot be read (" + why + "); nothing was changed. To install afresh, remove " +
                root + "/current and run qiao-update again");
  if (installed) result.installed_sequence = result.previous_sequence = installed->sequence;
  if (!AcceptableRelease(m, installed, options, base + std::string(kManifestName), &result)) return result;

  // 2. Only what this kiosk lacks, into the staging folder.
  KeepOnlyListed(staging, m);
  std::vector<std::string> notes;
  const std::vector<const FileEntry*> needed = NeededFiles(m, installed, root);
  for (const FileEntry* f : needed) {
    GetError e = DownloadFile(client, base, staging, *f, &notes);
    if (!e.message.empty()) {
      result.notes = notes;
      return e.served_wrong ? stop(InstallStatus::kRefused, InstallProblem::kDamaged, e.message) : fail(e.message);
    }
  }
  if (needed.empty()) notes.push_back("nothing to download: this kiosk has every file already");

  // 3. The one installer, on what was downloaded.
  InstallOptions only_needed = options;
  only_needed.only_needed_files = true;
  InstallResult r = Install(staging, only_needed);
  const FileEntry& bundle = *m.Bundle();
  const bool patch_only = std::any_of(needed.begin(), needed.end(), [](const FileEntry* f) { return f->kind == FileEntry::Kind::kPatch; });
  if (r.status == InstallStatus::kRefused && r.problem == InstallProblem::kDamaged && patch_only && !r.used_patch) {
    // The patch did not yield the bundle (Install said why): the whole bundle after all.
    for (const std::string& w : r.warnings) notes.push_back(w);
    GetError e = DownloadFile(client, base, staging, bundle, &notes);
    if (!e.message.empty()) {
      result.notes = notes;
      return e.served_wrong ? stop(InstallStatus::kRefused, InstallProblem::kDamaged, e.message) : fail(e.message);
    }
    r = Install(staging, only_needed);
  }
  r.notes.insert(r.notes.begin(), notes.begin(), notes.end());
  if (r.status == InstallStatus::kInstalled) {
    // Installed: the objects hold it now; the next release starts from an empty folder.
    for (const fs::directory_entry& e : fs::directory_iterator(staging, ec)) fs::remove_all(e.path(), ec);
  }
  return r;
}

}  // namespace qiao::channel
