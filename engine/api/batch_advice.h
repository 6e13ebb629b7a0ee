#pragma once
// Batch advice: JSON lines for every case document of many inputs (files, `---` streams,
// directories), in input order, on one or more threads, in flat memory.
//
// A reader splits the inputs into documents and hands them out in numbered batches; workers load,
// evaluate and render a batch each; a writer prints finished batches in number order. At most
// `max_batches_in_flight` batches exist at any time, so memory does not grow with the input.
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "compile/program.h"
#include "policy/policy.h"
#include "value/date.h"

namespace koers {

struct BatchOptions {
  int jobs = 1;                      // worker threads; 1 runs everything on the calling thread
  std::optional<Date> forced_as_of;  // --as-of; otherwise each case's as_of, else `today`
  Date today{};                      // the date of the run, fixed once for every case
  size_t documents_per_batch = 256;  // small enough to keep both cores busy, large enough to
  size_t max_batches_in_flight = 0;  // be cheap to hand over; 0: 4 per job
  bool color = false;                // diagnostics with terminal colours
};

struct BatchSummary {
  size_t advised = 0;
  size_t rejected = 0;  // documents with errors (C3xx), or a case with a R501 conflict
};

// One JSON line per advised case on `out` (the same line `render_json` gives), diagnostics on
// `err` with file:line:col. Rejected documents do not stop the others.
BatchSummary advise_jsonl(const Program& program, const Policy& policy,
                          const std::vector<std::string>& inputs, const BatchOptions& options,
                          std::ostream& out, std::ostream& err);

}  // namespace koers
