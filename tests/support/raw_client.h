#pragma once
// A raw loopback TCP client for the server tests: it sends exactly the bytes given (malformed,
// partial or smuggled requests included), which an HTTP client library would not.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <string>

namespace koers::testing {

// A raw loopback connection; sends and receives give up after `timeout_s` so that no test can hang.
class RawClient {
 public:
  explicit RawClient(int port, int timeout_s = 10) : sock_(::socket(AF_INET, SOCK_STREAM, 0)) {
    timeval tv{timeout_s, 0};
    ::setsockopt(sock_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(sock_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(sock_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawClient() { ::close(sock_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }
  bool send(const std::string& bytes) {
    return ::send(sock_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  void end_sending() { ::shutdown(sock_, SHUT_WR); }
  // The first bytes of the answer (waits for them up to the receive timeout).
  std::string receive_some() {
    char buffer[65536];
    const ssize_t n = ::recv(sock_, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
  }
  // Everything until the server closes (or the receive timeout); `closed` says which.
  std::string receive_all(bool* closed = nullptr) {
    std::string answer;
    char buffer[65536];
    ssize_t n;
    while ((n = ::recv(sock_, buffer, sizeof buffer, 0)) > 0) {
      answer.append(buffer, static_cast<size_t>(n));
    }
    if (closed != nullptr) *closed = n == 0 || (n < 0 && errno == ECONNRESET);
    return answer;
  }

 private:
  int sock_;
  bool connected_ = false;
};

}  // namespace koers::testing
