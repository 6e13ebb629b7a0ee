#pragma once
// Cases of the peer workload (bench/workload; README, "Batch advice and the peer workload")
// generated in memory, for benchmarks that must run without Python: the same shape and roughly the
// same distributions as the peer harness's gen_cases.py (not the same cases; bench/compare-peers.sh
// uses gen_cases.py's). Deterministic.
#include <algorithm>
#include <cstdint>
#include <string>

namespace koers::testing {

class WorkloadGenerator {
 public:
  explicit WorkloadGenerator(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ull + 7) {}

  // One case; `series` > 0 fixes the number of OBVL-K totals (else 3..12).
  std::string next_case(int number, int series = 0) {
    static constexpr const char* kSocio[] = {"finances",       "debts",     "housing",
                                             "work_education", "household", "social_isolation"};
    static constexpr const char* kPsycho[] = {"parenting",         "parent_mental_health",
                                              "parent_addiction",  "child_behaviour",
                                              "domestic_violence", "relationship"};
    const int n = series > 0 ? series : 3 + pick(10);
    const bool closed = chance(12);
    char id[16];
    std::snprintf(id, sizeof id, "c%07d", number);
    std::string y;
    y.reserve(768);
    y += "case_id: ";
    y += id;
    y += "\nfamily:\n";
    y += line("has_parent", chance(97)) + line("has_child", chance(95));
    y += "  problem_duration_months: " + std::to_string(pick(97)) + "\n";
    y += list("socio_economic_problems", kSocio, weighted(15, 40, 30, 15));
    y += list("psychosocial_problems", kPsycho, weighted(15, 40, 30, 15));
    y += "  failed_prior_help_episodes: " + std::to_string(weighted(25, 40, 25, 10)) + "\n";
    y += line("resistant_to_help", chance(70)) + line("explicit_help_request", chance(50));
    y += line("accepts_involvement", chance(50)) + line("daily_life_struggles", chance(45));
    y += line("poor_access_to_services", chance(40));
    y += "  risk_factor_count: " + std::to_string(pick(5)) + "\n";
    y += "situation:\n";
    y += line("urgent_problems", chance(10)) + line("acute_safety_concern", chance(4));
    y += line("structural_safety_concern", chance(8)) + line("chronic_problems", chance(40));
    y += "care:\n" + line("help_closed", closed);
    y += "  months_since_closed: " + std::to_string(closed ? 1 + pick(30) : 0) + "\n";
    y += "  months_in_care: " + std::to_string(n - 1 + pick(25)) + "\n";
    y += "  interventions_tried: " + std::to_string(pick(8)) + "\n";
    y += "obvlk_scores: [";
    int trend = weighted(35, 45, 20, 0) - 1;
    int level = 18 + pick(19);
    for (int i = 0; i < n; ++i) {
      if (i > 0) {
        level = std::clamp(level + trend * pick(3) + pick(3) - 1, 10, 40);
        y += ", ";
      }
      y += std::to_string(level);
    }
    y += "]\n";
    return y;
  }

 private:
  uint64_t next() {  // splitmix64
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  int pick(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  int weighted(int a, int b, int c, int d) {
    int r = pick(a + b + c + d);
    return r < a ? 0 : r < a + b ? 1 : r < a + b + c ? 2 : 3;
  }
  static std::string line(const char* key, bool v) {
    return std::string("  ") + key + ": " + (v ? "true" : "false") + "\n";
  }
  template <size_t N>
  std::string list(const char* key, const char* const (&values)[N], int count) {
    std::string out = std::string("  ") + key + ": [";
    int start = pick(static_cast<int>(N));
    for (int i = 0; i < count; ++i) {
      if (i > 0) out += ", ";
      out += values[static_cast<size_t>(start + i) % N];
    }
    return out + "]\n";
  }

  uint64_t state_;
};

}  // namespace koers::testing
