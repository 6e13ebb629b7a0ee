#pragma once
// Closing a connection after a refusal, with Debian's cpp-httplib 0.11.
//
// A request refused before its body is read (413, 411, a Transfer-Encoding or Content-Encoding)
// leaves that body unread on the socket. httplib 0.11 keeps the connection alive whatever the
// response's `Connection: close` says, and would parse the unread body as the next request: a
// chunked body could carry a request of its own past the refusal (request smuggling), and a large
// one is read after all. httplib offers no per-request close, so the refusal marks the worker
// thread, and after the answer is written (httplib's logger runs then) the connection's socket is
// replaced by an unconnected one: the client gets the answer, then end of stream, and httplib's
// next read fails and ends the connection without reading another byte of it.
#include <httplib.h>

namespace koers::cli {

// Called by a handler on the worker thread: the connection ends after this request's answer.
void sever_after_answer();

// Called from httplib's logger, after the answer is written: ends the connection when marked.
void sever_if_marked(const httplib::Request& req);

}  // namespace koers::cli
