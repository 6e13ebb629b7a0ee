#include "api/batch_advice.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <ostream>
#include <thread>

#include "data/case_loader.h"
#include "data/case_stream.h"
#include "eval/evaluator.h"
#include "report/render.h"

namespace koers {

namespace {

struct Batch {
  size_t number = 0;
  std::vector<CaseDocument> documents;
};

struct BatchOutput {
  std::string lines;        // JSON lines
  std::string diagnostics;  // for stderr
  BatchSummary summary;
};

std::string place(const CaseDocument& doc) {
  return doc.path + ":" + std::to_string(doc.first_line) + ":1";
}

// Loads, evaluates and renders one batch. Runs on any thread: it only reads the program and policy.
BatchOutput advise_batch(const Program& program, const Policy& policy, const BatchOptions& options,
                         std::vector<CaseDocument>& documents) {
  BatchOutput out;
  // An advice line is 2-3 times its case document (the guideline families: 2.2 KB -> 4.5 KB):
  // room for that at once saves growing (and copying) a megabyte buffer several times per batch.
  size_t input_bytes = 0;
  for (const auto& doc : documents) input_bytes += doc.text.size();
  out.lines.reserve(std::min(3 * input_bytes + documents.size() * 1024, size_t{64} << 20));
  for (auto& doc : documents) {
    Diagnostics diags;
    if (!doc.error.empty()) {
      Diagnostic d;
      d.code = "C300";
      d.message = doc.error;
      d.path_for_display = place(doc);
      diags.add(std::move(d));
      out.diagnostics += render_all(diags, options.color);
      ++out.summary.rejected;
      continue;
    }
    auto source = std::make_shared<const SourceFile>(doc.path, std::move(doc.text), doc.first_line);
    auto c = load_case(program.schema, source, diags);
    if (!c) {
      out.diagnostics += render_all(diags, options.color);
      ++out.summary.rejected;
      continue;
    }
    Date as_of = options.forced_as_of ? *options.forced_as_of : c->as_of.value_or(options.today);
    Advice advice = evaluate(program, policy, *c, as_of);
    if (!advice.errors.empty()) {
      for (const auto& e : advice.errors)
        out.diagnostics += place(doc) + ": error[R501]: " + e + "\n";
      ++out.summary.rejected;
      continue;
    }
    // Logs name a case by its id and hash, never by its content.
    spdlog::debug("advised case {} (sha256 {}) as of {}", c->case_id, c->sha256.substr(0, 12),
                  advice.as_of);
    append_json(out.lines, program, advice);
    out.lines += '\n';
    ++out.summary.advised;
  }
  return out;
}

void add(BatchSummary& total, const BatchSummary& part) {
  total.advised += part.advised;
  total.rejected += part.rejected;
}

void write(const BatchOutput& o, std::ostream& out, std::ostream& err) {
  out.write(o.lines.data(), static_cast<std::streamsize>(o.lines.size()));
  if (!o.diagnostics.empty()) {
    out.flush();  // advice before the problems found after it, when both go to one terminal
    err.write(o.diagnostics.data(), static_cast<std::streamsize>(o.diagnostics.size()));
  }
}

BatchSummary advise_on_this_thread(const Program& program, const Policy& policy,
                                   CaseDocumentReader& reader, const BatchOptions& options,
                                   std::ostream& out, std::ostream& err) {
  BatchSummary total;
  std::vector<CaseDocument> documents;
  while (reader.next_batch(documents, options.documents_per_batch)) {
    BatchOutput o = advise_batch(program, policy, options, documents);
    write(o, out, err);
    add(total, o.summary);
    documents.clear();
  }
  return total;
}

// The reader (the calling thread), `jobs` workers and a writer, joined by two queues under one
// lock: batches to do, and finished outputs waiting for their turn to be written.
class Pipeline {
 public:
  Pipeline(const Program& program, const Policy& policy, const BatchOptions& options,
           std::ostream& out, std::ostream& err)
      : program_(program),
        policy_(policy),
        options_(options),
        out_(out),
        err_(err),
        max_in_flight_(options.max_batches_in_flight > 0 ? options.max_batches_in_flight
                                                         : 4 * static_cast<size_t>(options.jobs)) {}

  BatchSummary run(CaseDocumentReader& reader) {
    std::vector<std::thread> workers;
    for (int i = 0; i < options_.jobs; ++i) workers.emplace_back([this] { work(); });
    std::thread writer([this] { write_in_order(); });
    size_t number = 0;
    for (;;) {
      Batch batch;
      batch.number = number;
      if (!reader.next_batch(batch.documents, options_.documents_per_batch)) break;
      std::unique_lock lock(mutex_);
      // Flat memory: wait while too many batches are read but not yet written.
      changed_.wait(lock, [&] { return number - written_ < max_in_flight_; });
      todo_.push_back(std::move(batch));
      ++number;
      changed_.notify_all();
    }
    {
      std::lock_guard lock(mutex_);
      total_batches_ = number;
      reading_done_ = true;
      changed_.notify_all();
    }
    for (auto& w : workers) w.join();
    writer.join();
    return total_;
  }

 private:
  void work() {
    for (;;) {
      Batch batch;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return !todo_.empty() || reading_done_; });
        if (todo_.empty()) return;
        batch = std::move(todo_.front());
        todo_.pop_front();
      }
      BatchOutput o = advise_batch(program_, policy_, options_, batch.documents);
      std::lock_guard lock(mutex_);
      done_.emplace(batch.number, std::move(o));
      changed_.notify_all();
    }
  }

  void write_in_order() {
    for (;;) {
      BatchOutput o;
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] {
          return done_.count(written_) > 0 || (reading_done_ && written_ == total_batches_);
        });
        auto it = done_.find(written_);
        if (it == done_.end()) return;
        o = std::move(it->second);
        done_.erase(it);
      }
      write(o, out_, err_);  // outside the lock: workers keep going while this one writes
      add(total_, o.summary);
      std::lock_guard lock(mutex_);
      ++written_;
      changed_.notify_all();
    }
  }

  const Program& program_;
  const Policy& policy_;
  const BatchOptions& options_;
  std::ostream& out_;
  std::ostream& err_;
  const size_t max_in_flight_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Batch> todo_;
  std::map<size_t, BatchOutput> done_;
  size_t written_ = 0;
  size_t total_batches_ = 0;
  bool reading_done_ = false;
  BatchSummary total_;  // written by the writer thread only
};

}  // namespace

BatchSummary advise_jsonl(const Program& program, const Policy& policy,
                          const std::vector<std::string>& inputs, const BatchOptions& options,
                          std::ostream& out, std::ostream& err) {
  CaseDocumentReader reader(inputs, CaseLimits{}.max_bytes);
  if (options.jobs <= 1) return advise_on_this_thread(program, policy, reader, options, out, err);
  Pipeline pipeline(program, policy, options, out, err);
  return pipeline.run(reader);
}

}  // namespace koers
