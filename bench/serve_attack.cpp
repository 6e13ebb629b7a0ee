// serve_attack: the HTTP layer of `koers serve` under attack and under load, over loopback only,
// for one or more server programs in one run (e.g. the httplib server before and the Beast server
// after; docs/operations.md has the figures).
//
//   (a) attack: 1,000 idle connections, 64 that trickle a header byte every 2 s and 256 keep-alive
//       clients polling GET /healthz; meanwhile a normal client sends POST /v1/advice on a new
//       connection 50 times: its time to first byte (p50, p99, max) and how many got no byte
//       within 5 s.
//   (b) load: POST /v1/advice on 64 keep-alive connections for --seconds: requests per second and
//       latency p50/p99.
//
// Usage: serve_attack [--seconds N] [--case FILE] [--rules DIR] [--tokens N] PROGRAM...
// --tokens N: the server checks bearer tokens from a file of N (made with PROGRAM's own
// `token add`), and every advice request carries the last one: what authentication costs.
// (PROGRAM: a koers-serve binary; run from the repository root: the case and rules are read there)
// Every wait is bounded; the servers are started on port 0 and stopped with SIGTERM, whose drain
// time is reported too.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

int connect_loopback(int port, bool nonblocking) {
  const int fd =
      ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (nonblocking ? SOCK_NONBLOCK : 0), 0);
  if (fd < 0) return -1;
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 &&
      errno != EINPROGRESS) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Waits up to `timeout_ms` for `fd` to become readable; false on timeout.
bool wait_readable(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  return ::poll(&p, 1, timeout_ms) == 1;
}

// The end of a whole answer in `data` (head and Content-Length body), or npos.
size_t answer_end(const std::string& data) {
  const size_t head_end = data.find("\r\n\r\n");
  if (head_end == std::string::npos) return std::string::npos;
  size_t length = 0;
  const size_t at = data.find("Content-Length: ");
  if (at != std::string::npos && at < head_end) length = std::stoul(data.substr(at + 16));
  const size_t end = head_end + 4 + length;
  return data.size() >= end ? end : std::string::npos;
}

struct Server {
  pid_t pid = -1;
  int port = 0;
};

// "Authorization: Bearer …\r\n" when --tokens is given, else "".
std::string g_authorization;

Server start_server(const std::string& program, const std::string& rules,
                    const std::string& tokens_file) {
  int out[2];
  if (::pipe(out) != 0) return {};
  Server server;
  server.pid = ::fork();
  if (server.pid == 0) {
    ::dup2(out[1], 1);
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 2);
    if (tokens_file.empty()) {
      ::execl(program.c_str(), program.c_str(), "--log-level", "error", "serve", "--listen",
              "127.0.0.1:0", "--rules", rules.c_str(), static_cast<char*>(nullptr));
    } else {
      ::execl(program.c_str(), program.c_str(), "--log-level", "error", "serve", "--listen",
              "127.0.0.1:0", "--rules", rules.c_str(), "--tokens", tokens_file.c_str(),
              static_cast<char*>(nullptr));
    }
    ::_exit(127);
  }
  ::close(out[1]);
  std::string text;
  char buffer[256];
  while (text.find('\n') == std::string::npos && wait_readable(out[0], 20000)) {
    const ssize_t n = ::read(out[0], buffer, sizeof buffer);
    if (n <= 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  ::close(out[0]);
  const size_t at = text.rfind(':');
  if (at != std::string::npos) server.port = std::atoi(text.c_str() + at + 1);
  return server;
}

// SIGTERM; milliseconds until the server exited (bounded at 60 s, then SIGKILL).
double stop_server(Server& server) {
  const auto start = Clock::now();
  ::kill(server.pid, SIGTERM);
  int status = 0;
  while (::waitpid(server.pid, &status, WNOHANG) == 0) {
    if (ms_since(start) > 60000) {
      ::kill(server.pid, SIGKILL);
      ::waitpid(server.pid, &status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return ms_since(start);
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return -1;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1,
                         static_cast<size_t>(p * static_cast<double>(values.size())))];
}

std::string advice_request(const std::string& body) {
  return "POST /v1/advice HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\n" +
         g_authorization + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

// (a) The attack, then the normal client's time to first byte, then SIGTERM with the attackers
// still connected: how long the server takes to exit.
void attack(Server& server, const std::string& body) {
  const int port = server.port;
  std::vector<int> idle;
  for (int i = 0; i < 1000; ++i) idle.push_back(connect_loopback(port, true));
  std::atomic<bool> stop = false;
  std::thread tricklers([&] {
    std::vector<int> fds;
    for (int i = 0; i < 64; ++i) fds.push_back(connect_loopback(port, true));
    const std::string head = advice_request(body);
    for (size_t at = 0; at < head.size() && !stop; ++at) {
      for (int fd : fds) (void)!::send(fd, head.data() + at, 1, MSG_NOSIGNAL);
      for (int waited = 0; waited < 2000 && !stop; waited += 50) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    for (int fd : fds) ::close(fd);
  });
  std::atomic<long> polls = 0;
  std::vector<std::thread> pollers;
  for (int t = 0; t < 2; ++t) {
    pollers.emplace_back([&] {
      std::vector<int> fds;
      for (int i = 0; i < 128; ++i) fds.push_back(connect_loopback(port, false));
      for (int fd : fds) {
        timeval tv{1, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      }
      const std::string poll = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
      while (!stop) {
        bool any_alive = false;
        for (int& fd : fds) {
          if (stop) break;
          if (fd < 0) continue;
          std::string data;
          char buffer[4096];
          bool alive = ::send(fd, poll.data(), poll.size(), MSG_NOSIGNAL) > 0;
          while (alive && answer_end(data) == std::string::npos) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            if (n == 0 || (n < 0 && errno != EAGAIN)) alive = false;
            if (n <= 0) break;
            data.append(buffer, static_cast<size_t>(n));
          }
          if (answer_end(data) != std::string::npos) ++polls;
          if (!alive) {  // closed by the server (e.g. after SIGTERM)
            ::close(fd);
            fd = -1;
          }
          any_alive = any_alive || alive;
        }
        if (!any_alive) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      for (int fd : fds) {
        if (fd >= 0) ::close(fd);
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::seconds(1));
  std::vector<double> ttfb;
  int no_answer = 0;
  const std::string request = advice_request(body);
  int asked = 0;
  // Five misses in a row with no answer at all: the server is unreachable; stop asking (bounded).
  for (; asked < 50 && !(no_answer >= 5 && ttfb.empty()); ++asked) {
    const auto start = Clock::now();
    const int fd = connect_loopback(port, true);
    bool answered = false;
    if (fd >= 0) {
      pollfd p{fd, POLLOUT, 0};
      if (::poll(&p, 1, 5000) == 1 &&
          ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) > 0) {
        answered = wait_readable(fd, 5000 - static_cast<int>(ms_since(start)));
      }
      ::close(fd);
    }
    if (answered) {
      ttfb.push_back(ms_since(start));
    } else {
      ++no_answer;
    }
  }
  const long polled = polls.load();
  const double drain_ms = stop_server(server);
  stop = true;
  tricklers.join();
  for (auto& t : pollers) t.join();
  for (int fd : idle) ::close(fd);
  std::printf(
      "  (a) attack: normal client TTFB p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d of %d without a "
      "byte in 5 s; %ld polls answered\n",
      percentile(ttfb, 0.5), percentile(ttfb, 0.99), percentile(ttfb, 1.0), no_answer, asked,
      polled);
  if (asked < 50) std::printf("  (stopped asking after %d requests without an answer)\n", asked);
  std::printf("  SIGTERM during the attack: exited after %.0f ms\n", drain_ms);
}

// (b) Keep-alive load at 64 connections, two client threads with epoll.
void load(int port, const std::string& body, int seconds) {
  const std::string request = advice_request(body);
  std::atomic<long> done = 0, failed = 0;
  std::vector<std::vector<double>> latencies(2);
  std::vector<std::thread> threads;
  const auto end = Clock::now() + std::chrono::seconds(seconds);
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      struct Conn {
        int fd;
        std::string data;
        Clock::time_point sent;
      };
      std::vector<Conn> conns(32);
      const int ep = ::epoll_create1(EPOLL_CLOEXEC);
      for (size_t i = 0; i < conns.size(); ++i) {
        conns[i].fd = connect_loopback(port, false);
        conns[i].sent = Clock::now();
        (void)!::send(conns[i].fd, request.data(), request.size(), MSG_NOSIGNAL);
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.u64 = i;
        ::epoll_ctl(ep, EPOLL_CTL_ADD, conns[i].fd, &ev);
      }
      epoll_event events[64];
      char buffer[65536];
      while (Clock::now() < end) {
        const int n = ::epoll_wait(ep, events, 64, 100);
        for (int e = 0; e < n; ++e) {
          Conn& c = conns[events[e].data.u64];
          const ssize_t got = ::recv(c.fd, buffer, sizeof buffer, 0);
          if (got <= 0) {
            ++failed;
            ::epoll_ctl(ep, EPOLL_CTL_DEL, c.fd, nullptr);
            continue;
          }
          c.data.append(buffer, static_cast<size_t>(got));
          const size_t whole = answer_end(c.data);
          if (whole == std::string::npos) continue;
          (c.data.rfind("HTTP/1.1 200", 0) == 0 ? done : failed)++;
          latencies[static_cast<size_t>(t)].push_back(ms_since(c.sent));
          c.data.erase(0, whole);
          c.sent = Clock::now();
          (void)!::send(c.fd, request.data(), request.size(), MSG_NOSIGNAL);
        }
      }
      for (auto& c : conns) ::close(c.fd);
      ::close(ep);
    });
  }
  for (auto& t : threads) t.join();
  std::vector<double> all = latencies[0];
  all.insert(all.end(), latencies[1].begin(), latencies[1].end());
  std::printf(
      "  (b) load, 64 connections, %d s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %ld failed\n",
      seconds, static_cast<double>(done.load()) / seconds, percentile(all, 0.5),
      percentile(all, 0.99), failed.load());
}

// A token file of `count` tokens made by `program token add`; the last token goes into every
// request. "" when it cannot be made.
std::string make_tokens(const std::string& program, int count) {
  const std::string file = "/tmp/serve_attack-tokens-" + std::to_string(::getpid());
  std::remove(file.c_str());
  std::string token;
  for (int i = 0; i < count; ++i) {
    const std::string command = "'" + program + "' token add bench" + std::to_string(i) +
                                " --file '" + file + "' 2>/dev/null";
    FILE* out = ::popen(command.c_str(), "r");
    if (out == nullptr) return {};
    char line[256] = {};
    const bool read = std::fgets(line, sizeof line, out) != nullptr;
    if (::pclose(out) != 0 || !read) {
      std::fprintf(stderr, "serve_attack: `%s token add` failed\n", program.c_str());
      return {};
    }
    token = line;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r')) token.pop_back();
  }
  g_authorization = "Authorization: Bearer " + token + "\r\n";
  return file;
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 10;
  std::string case_file = "examples/gezin-0142.yaml";
  std::string rules = "rules";
  std::vector<std::string> programs;
  int token_count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--seconds" && i + 1 < argc) {
      seconds = std::max(1, std::min(60, std::atoi(argv[++i])));
    } else if (arg == "--rules" && i + 1 < argc) {
      rules = argv[++i];
    } else if (arg == "--case" && i + 1 < argc) {
      case_file = argv[++i];
    } else if (arg == "--tokens" && i + 1 < argc) {
      token_count = std::max(1, std::min(1000, std::atoi(argv[++i])));
    } else {
      programs.push_back(arg);
    }
  }
  if (programs.empty()) {
    std::fprintf(stderr,
                 "usage: serve_attack [--seconds N] [--case FILE] [--rules DIR] KOERS-SERVE...\n");
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each figure shows as soon as it is measured
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = limit.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &limit);
  std::ifstream in(case_file, std::ios::binary);
  std::stringstream body;
  body << in.rdbuf();
  if (body.str().empty()) {
    std::fprintf(stderr, "serve_attack: cannot read %s\n", case_file.c_str());
    return 2;
  }
  for (const auto& program : programs) {
    std::printf("%s\n", program.c_str());
    std::string tokens_file;
    if (token_count > 0) {
      tokens_file = make_tokens(program, token_count);
      if (tokens_file.empty()) return 1;
      std::printf("  with %d bearer token(s)\n", token_count);
    }
    Server server = start_server(program, rules, tokens_file);
    if (server.port <= 0) {
      std::fprintf(stderr, "serve_attack: %s did not start\n", program.c_str());
      return 1;
    }
    load(server.port, body.str(), seconds);
    attack(server, body.str());
    std::fflush(stdout);
  }
  return 0;
}
