#include "tools/koers/serve_sever.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <string>

namespace koers::cli {

namespace {

// Each worker serves one connection at a time, so a mark on the thread names the connection of
// the request it is handling.
thread_local bool marked = false;

std::string address_text(const sockaddr_storage& address, int& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    port = ntohs(v4.sin_port);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
  } else if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    port = ntohs(v6.sin6_port);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
  } else {
    port = -1;
  }
  return text;
}

// httplib keeps the socket private: it is the one connected from the request's remote address and
// port to its local port. Refusals are rare, so a scan of the descriptors is cheap enough.
int find_connection(const httplib::Request& req) {
  rlimit limit{};
  const rlim_t highest =
      ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < 65536 ? limit.rlim_cur : 65536;
  for (int fd = 0; fd < static_cast<int>(highest); ++fd) {
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &length) != 0) continue;
    int peer_port = -1;
    if (address_text(peer, peer_port) != req.remote_addr || peer_port != req.remote_port) {
      continue;
    }
    sockaddr_storage local{};
    length = sizeof local;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &length) != 0) continue;
    int local_port = -1;
    address_text(local, local_port);
    if (local_port == req.local_port) return fd;
  }
  return -1;
}

}  // namespace

void sever_after_answer() {
  marked = true;
}

void sever_if_marked(const httplib::Request& req) {
  if (!marked) return;
  marked = false;
  const int fd = find_connection(req);
  if (fd < 0) {
    spdlog::warn("could not end a refused connection; its unread body may be read as a request");
    return;
  }
  // The answer is written: end it with FIN, then put an unconnected socket in the connection's
  // place (dup2 is atomic, so the number never names another connection meanwhile). httplib's
  // next read fails on it and httplib closes it as the connection's end.
  ::shutdown(fd, SHUT_WR);
  const int stand_in = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (stand_in < 0 || ::dup2(stand_in, fd) < 0) {
    ::shutdown(fd, SHUT_RDWR);  // second best: reads end once the buffered bytes are read
  }
  if (stand_in >= 0) ::close(stand_in);
}

}  // namespace koers::cli
